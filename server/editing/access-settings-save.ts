/**
 * Rights per section edited from the admin page: the whole table is written back to
 * `_gare/acces.yml` as one commit, readable by a person (French comments kept at the top), and
 * refused when the file changed since the admin opened the page, the way page saves are.
 */
import yaml from 'js-yaml';
import { z } from 'zod';
import { groupKey } from '../access/groups.ts';
import { requireCan } from '../access/policy.ts';
import type { Viewer } from '../access/viewer.ts';
import { readFileAtCommit } from '../git/read-version.ts';
import { readAtHead } from '../git/head.ts';
import { EditConflict, InvalidInput } from '../errors.ts';
import { parseRepoSettings, settingsFiles, type SectionAccess } from '../wiki/repo-settings.ts';
import type { EditingService } from './editing-service.ts';
import { requireBaseVersion } from './merge-edit.ts';
import { authorOf } from './page-access.ts';

/** The header written when the file has none of its own. */
export const accessFileHeader = [
  '# Droits par rubrique : quels groupes lisent (lecture) et modifient (ecriture) chaque dossier.',
  '# Une rubrique absente suit la visibilité de ses pages. Les administrateur·ices lisent tout.',
  '# Modifiable ici ou depuis la page « Droits » de l’administration.',
];

/** One section's groups as the admin submits them. */
export const SectionRightsSchema = z.object({
  /** Groups that read the section. */
  read: z.array(z.string().trim().min(1).max(80)).max(200),
  /** Groups that write it. */
  write: z.array(z.string().trim().min(1).max(80)).max(200),
});

/** Options of `saveAccessSettings`. */
export interface SaveAccessSettingsOptions {
  /** Editing dependencies. */
  deps: EditingService;
  /** Who saves (an admin). */
  viewer: Viewer;
  /** Every section's groups (a section left out, or with no group, loses its restriction). */
  sections: Record<string, z.infer<typeof SectionRightsSchema>>;
  /** Commit the admin's page read the file at. */
  baseVersion: string;
  /** Names of the groups that exist: any other name is refused. */
  knownGroups: readonly string[];
}

/** What a save answers. */
export interface SaveAccessSettingsResult {
  /** Commit of the saved file (the next `baseVersion`). */
  version: string | undefined;
  /** False when nothing changed (no commit). */
  changed: boolean;
  /** The sections as saved. */
  sections: Record<string, SectionAccess>;
  /** Sections whose groups changed, for the audit log. */
  touched: { section: string; before: SectionAccess; after: SectionAccess }[];
}

/** The groups of a list, spelt as each group is named (matched by key, as the gate does); unknown names go to `problems`. */
function canonicalGroups(names: readonly string[], known: readonly string[], problems: string[]): string[] {
  const byKey = new Map(known.map((k) => [groupKey(k), k]));
  const out: string[] = [];
  for (const name of names) {
    const found = byKey.get(groupKey(name));
    if (found === undefined) problems.push(name);
    else if (!out.includes(found)) out.push(found);
  }
  return out;
}

/** The comment lines at the top of a settings file (kept when the file is rewritten). */
function headerOf(text: string | undefined): string[] {
  const lines: string[] = [];
  for (const line of (text ?? '').split('\n')) {
    if (!line.startsWith('#')) break;
    lines.push(line);
  }
  return lines.length > 0 ? lines : accessFileHeader;
}

/** The file's text: the header, then one block per restricted section, sorted. */
export function formatAccessFile(header: readonly string[], sections: Record<string, SectionAccess>): string {
  const rubriques: Record<string, { lecture?: string[]; ecriture?: string[] }> = {};
  for (const name of Object.keys(sections).sort()) {
    const { read, write } = sections[name] as SectionAccess;
    if (read.length === 0 && write.length === 0) continue;
    rubriques[name] = { ...(read.length > 0 ? { lecture: read } : {}), ...(write.length > 0 ? { ecriture: write } : {}) };
  }
  const body = Object.keys(rubriques).length === 0 ? 'rubriques: {}\n' : yaml.dump({ rubriques }, { flowLevel: 3, lineWidth: -1 });
  return `${header.join('\n')}\n${body}`;
}

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Commits `_gare/acces.yml` with the submitted rights (admins only); EditConflict when it changed since `baseVersion`. */
export async function saveAccessSettings(options: SaveAccessSettingsOptions): Promise<SaveAccessSettingsResult> {
  const { deps, viewer, baseVersion, knownGroups } = options;
  requireCan(viewer, 'people.manage');
  requireBaseVersion(baseVersion);
  const author = authorOf(viewer);
  const unknown: string[] = [];
  const sections: Record<string, SectionAccess> = {};
  for (const [raw, rights] of Object.entries(options.sections)) {
    const section = raw.trim();
    // A top-level folder name, as the repository spells it (not slugified: it must match the folder).
    if (!/^[^/\\.#_][^/\\]{0,99}$/.test(section)) throw new InvalidInput(`Rubrique invalide : « ${raw} ». Rechargez la page des droits.`);
    const { read, write } = rights;
    sections[section] = { read: canonicalGroups(read, knownGroups, unknown), write: canonicalGroups(write, knownGroups, unknown) };
  }
  if (unknown.length > 0) {
    const names = [...new Set(unknown)].map((n) => `« ${n} »`).join(', ');
    throw new InvalidInput(`Groupe inconnu : ${names}. Créez d’abord le groupe dans « Groupes », ou corrigez son nom. Rien n’a été enregistré.`);
  }
  const path = settingsFiles.access;
  const { value, oid, changed } = await deps.commitAtHead(async (head) => {
    const current = await readAtHead(deps.dir, head, path);
    const base = await readFileAtCommit({ dir: deps.dir, oid: baseVersion, path }).catch(() => undefined);
    if (current !== base) {
      throw new EditConflict('Les droits ont été modifiés par quelqu’un d’autre depuis l’ouverture de cette page. Rien n’a été enregistré : rechargez la page, vérifiez, puis enregistrez à nouveau.');
    }
    const before = parseRepoSettings({ access: current }).access.sections;
    const content = formatAccessFile(headerOf(current), sections);
    const touched = [...new Set([...Object.keys(before), ...Object.keys(sections)])].sort().flatMap((section) => {
      const was = before[section] ?? { read: [], write: [] };
      const now = parseRepoSettings({ access: content }).access.sections[section] ?? { read: [], write: [] };
      return same(was.read, now.read) && same(was.write, now.write) ? [] : [{ section, before: was, after: now }];
    });
    const out = { sections: parseRepoSettings({ access: content }).access.sections, touched };
    if (content === current) return { commit: undefined, value: out };
    const message = `Droits : ${touched.map((t) => t.section).join(', ') || 'mise en forme'} mis à jour`;
    return { commit: { changes: [{ path, content }], author, message }, value: out };
  });
  return { version: oid, changed, ...value };
}
