/**
 * The admin's answer to « these pages are team-only only by default »: `_gare/visibilite.yml`
 * written as one commit, readable by a person (French comments at the top), keeping the sections
 * the file already named, and refused when the file changed since the admin's page was shown.
 */
import yaml from 'js-yaml';
import { z } from 'zod';
import { requireCan } from '../access/policy.ts';
import type { Viewer } from '../access/viewer.ts';
import { readFileAtCommit } from '../git/read-version.ts';
import { readAtHead } from '../git/head.ts';
import { EditConflict, InvalidInput } from '../errors.ts';
import { VisibilitySchema, type Visibility } from '../wiki/schema.ts';
import { parseRepoSettings, settingsFiles } from '../wiki/repo-settings.ts';
import type { EditingService } from './editing-service.ts';
import { requireBaseVersion } from './merge-edit.ts';
import { authorOf } from './page-access.ts';

/** The header written when the file has none of its own. */
export const visibilityFileHeader = [
  '# Visibilité des pages qui ne donnent pas la leur (champ visibility:) : public ou equipe.',
  '# defaut : pour tout le dépôt ; rubriques : par dossier de premier niveau.',
  '# Une page garde toujours sa propre visibility:, et draft: true la réserve à l’équipe.',
];

/** What the admin submits: the default and a choice per top-level folder. */
export const VisibilityChoiceSchema = z.object({
  /** Visibility of pages that give none. */
  defaut: VisibilitySchema,
  /** Per top-level folder, overriding the default. */
  rubriques: z.record(z.string().max(100), VisibilitySchema),
});

/** Options of `saveVisibilitySettings`. */
export interface SaveVisibilitySettingsOptions {
  /** Editing dependencies. */
  deps: EditingService;
  /** Who saves (an admin). */
  viewer: Viewer;
  /** The default and the folders' choices. */
  choice: z.infer<typeof VisibilityChoiceSchema>;
  /** Commit the admin's page read the repository at. */
  baseVersion: string;
}

/** What a save answers. */
export interface SaveVisibilitySettingsResult {
  /** Commit of the saved file. */
  version: string | undefined;
  /** False when nothing changed (no commit). */
  changed: boolean;
}

/** The comment lines at the top of the file (kept when it is rewritten). */
function headerOf(text: string | undefined): string[] {
  const lines: string[] = [];
  for (const line of (text ?? '').split('\n')) {
    if (!line.startsWith('#')) break;
    lines.push(line);
  }
  return lines.length > 0 ? lines : visibilityFileHeader;
}

/** The file's text: the header, `defaut`, then the folders that differ from it, sorted. */
export function formatVisibilityFile(header: readonly string[], defaut: Visibility, sections: Record<string, Visibility>): string {
  const rubriques = Object.fromEntries(Object.keys(sections).sort().filter((s) => sections[s] !== defaut).map((s) => [s, sections[s]]));
  const body = yaml.dump(Object.keys(rubriques).length === 0 ? { defaut } : { defaut, rubriques }, { lineWidth: -1 });
  return `${header.join('\n')}\n${body}`;
}

/** Commits `_gare/visibilite.yml` with the admin's choice (admins only); EditConflict when it changed since `baseVersion`. */
export async function saveVisibilitySettings({ deps, viewer, choice, baseVersion }: SaveVisibilitySettingsOptions): Promise<SaveVisibilitySettingsResult> {
  requireCan(viewer, 'people.manage');
  requireBaseVersion(baseVersion);
  const author = authorOf(viewer);
  for (const section of Object.keys(choice.rubriques)) {
    // A top-level folder as the repository spells it: it must match the folder, so no slugifying.
    if (!/^[^/\\.#_][^/\\]{0,99}$/.test(section)) throw new InvalidInput(`Dossier invalide : « ${section} ». Rechargez la page, puis recommencez.`);
  }
  const path = settingsFiles.visibility;
  const { oid, changed } = await deps.commitAtHead(async (head) => {
    const current = await readAtHead(deps.dir, head, path);
    const base = await readFileAtCommit({ dir: deps.dir, oid: baseVersion, path }).catch(() => undefined);
    if (current !== base) {
      throw new EditConflict('La visibilité par défaut a été modifiée par quelqu’un d’autre depuis l’ouverture de cette page. Rien n’a été enregistré : rechargez la page, vérifiez, puis recommencez.');
    }
    const before = parseRepoSettings({ visibility: current });
    // Folders the file already named and the form did not show keep their value.
    const sections = { ...before.visibility.sections, ...choice.rubriques };
    const content = formatVisibilityFile(headerOf(current), choice.defaut, sections);
    if (content === current) return { commit: undefined, value: undefined };
    const message = `Visibilité par défaut : ${choice.defaut === 'public' ? 'pages publiques' : 'pages réservées à l’équipe'} (_gare/visibilite.yml)`;
    return { commit: { changes: [{ path, content }], author, message }, value: undefined };
  });
  return { version: oid, changed };
}

/** One top-level folder of pages team-only only by default, and the choice suggested for it. */
export interface DefaultOnlySection {
  /** Folder name as in the repository (`''`: pages at the root, which follow `defaut`). */
  section: string;
  /** Its pages whose visibility nothing decides. */
  count: number;
  /** `equipe` when one of them has a team type (an accompaniment, a report…), else `public`. */
  suggested: Visibility;
}

/** Pages team-only only by default (no `visibility:`, no `draft`, no settings deciding it), for the admin's notice. */
export interface VisibilityDefaults {
  /** How many pages. */
  total: number;
  /** By top-level folder, sorted, the root first. */
  sections: DefaultOnlySection[];
  /** Commit the counts were read at: the save's `baseVersion`. */
  version: string;
}

/** Counts the pages whose visibility only their type's default decides, and team-only. */
export function defaultOnlyPages(pages: readonly { section: string; meta: { visibility: Visibility; visibilityFrom: string; type: string } }[]): Omit<VisibilityDefaults, 'version'> {
  const bySection = new Map<string, DefaultOnlySection>();
  let total = 0;
  for (const page of pages) {
    if (page.meta.visibilityFrom !== 'type' || page.meta.visibility !== 'equipe') continue;
    total++;
    const entry = bySection.get(page.section) ?? { section: page.section, count: 0, suggested: 'public' };
    entry.count++;
    // A page that says it is an accompaniment or a report holds personal data: suggest keeping its folder for the team.
    if (page.meta.type !== 'page') entry.suggested = 'equipe';
    bySection.set(page.section, entry);
  }
  return { total, sections: [...bySection.values()].sort((a, b) => a.section.localeCompare(b.section, 'fr')) };
}
