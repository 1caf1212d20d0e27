/**
 * Repository-wide settings kept in the content repository itself, beside the pages:
 * `_gare/visibilite.yml` (who reads pages that do not say), `_gare/licence.yml` (under which
 * licence), `_gare/acces.yml` (which groups read and write a section). Every reading of a page —
 * the index, a save, an old version — applies the same settings. No `node:` import.
 */
import { z } from 'zod';
import { safeParseFrench } from '../french-errors.ts';
import type { Visibility } from './schema.ts';
import { loadYamlMapping, YamlError } from './yaml.ts';

/** Repository paths of the settings files, as `RepoSettings` keys. */
export const settingsFiles = {
  visibility: '_gare/visibilite.yml',
  licence: '_gare/licence.yml',
  access: '_gare/acces.yml',
} as const;

/** A section's groups: who reads it (`lecture`) and who writes it (`ecriture`), by group name. */
export interface SectionAccess {
  /** Groups whose members read the section (empty: the section's visibility decides alone). */
  read: string[];
  /** Groups whose members write the section (empty: as the page's readers). */
  write: string[];
}

/** Settings of one repository; `emptySettings` when it has none. */
export interface RepoSettings {
  /** `_gare/visibilite.yml`: default visibility of pages that give none, per top-level folder. */
  visibility: { default: Visibility | undefined; sections: Record<string, Visibility> };
  /** `_gare/licence.yml`: SPDX id of pages that give none, per top-level folder. */
  licence: { default: string | undefined; sections: Record<string, string> };
  /** `_gare/acces.yml`: groups of each top-level folder. */
  access: { sections: Record<string, SectionAccess> };
  /** What was refused in these files, in French, for « Pages à corriger ». */
  problems: { file: string; message: string }[];
}

/** No settings file: privacy first (team-only by default), CC BY-SA for public pages, no groups. */
export const emptySettings: RepoSettings = {
  visibility: { default: undefined, sections: {} },
  licence: { default: undefined, sections: {} },
  access: { sections: {} },
  problems: [],
};

const GroupList = z.union([z.string().trim().min(1).max(80), z.array(z.string().trim().min(1).max(80)).max(200)]).transform((v) => (Array.isArray(v) ? v : [v]));
const Spdx = z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9.+-]{0,59}$/, 'identifiant SPDX attendu (par exemple CC-BY-SA-4.0 ou etalab-2.0)');

// Not schema.ts's VisibilitySchema: schema.ts imports this module (the page's defaults come from here).
const VisibilityValue = z.enum(['public', 'equipe']);
const VisibilityFile = z.object({ defaut: VisibilityValue.optional(), rubriques: z.record(z.string(), VisibilityValue).optional() });
const LicenceFile = z.object({ defaut: Spdx.optional(), rubriques: z.record(z.string(), Spdx).optional() });
const AccessFile = z.object({
  rubriques: z.record(z.string(), z.object({ lecture: GroupList.optional(), ecriture: GroupList.optional() })).optional(),
});

/** Texts of the settings files as found at one version (undefined: no such file). */
export type SettingsTexts = Partial<Record<keyof typeof settingsFiles, string | undefined>>;

function read<T extends z.ZodType>(schema: T, file: string, text: string | undefined, problems: RepoSettings['problems']): z.infer<T> | undefined {
  if (text === undefined) return undefined;
  try {
    const parsed = safeParseFrench(schema, loadYamlMapping(text, { what: file }));
    if (parsed.success) return parsed.data;
    problems.push({ file, message: parsed.error.issues.map((i) => `${i.path.join('.') || file} : ${i.message}`).join(' ; ') });
  } catch (error) {
    if (!(error instanceof YamlError)) throw error;
    problems.push({ file, message: error.message });
  }
  return undefined;
}

/**
 * Settings from the files' texts. A refused file counts as absent (privacy first: a broken
 * `visibilite.yml` leaves pages team-only, a broken `acces.yml` would open sections to the whole
 * team, so its sections are then readable by admins only) and is reported in `problems`.
 */
export function parseRepoSettings(texts: SettingsTexts): RepoSettings {
  const problems: RepoSettings['problems'] = [];
  const visibility = read(VisibilityFile, settingsFiles.visibility, texts.visibility, problems);
  const licence = read(LicenceFile, settingsFiles.licence, texts.licence, problems);
  const access = read(AccessFile, settingsFiles.access, texts.access, problems);
  const sections: Record<string, SectionAccess> = {};
  for (const [section, rights] of Object.entries(access?.rubriques ?? {})) {
    sections[section] = { read: rights.lecture ?? [], write: rights.ecriture ?? rights.lecture ?? [] };
  }
  if (texts.access !== undefined && access === undefined) sections['*'] = { read: [lockedGroup], write: [lockedGroup] };
  return {
    visibility: { default: visibility?.defaut, sections: visibility?.rubriques ?? {} },
    licence: { default: licence?.defaut, sections: licence?.rubriques ?? {} },
    access: { sections },
    problems,
  };
}

/** A group nobody belongs to: what a broken `acces.yml` restricts every section to (admins read all). */
export const lockedGroup = '__acces-illisible__';

/** Default visibility of a page of `section` when its front matter gives none, or undefined (then the type decides). */
export function sectionVisibility(settings: RepoSettings, section: string): Visibility | undefined {
  return settings.visibility.sections[section] ?? settings.visibility.default;
}

/** Licence of a page of `section` when its front matter gives none, or undefined (then CC BY-SA for public pages). */
export function sectionLicence(settings: RepoSettings, section: string): string | undefined {
  return settings.licence.sections[section] ?? settings.licence.default;
}

/** Groups of a section (a broken `acces.yml` locks every section). */
export function sectionAccess(settings: RepoSettings, section: string): SectionAccess {
  return settings.access.sections['*'] ?? settings.access.sections[section] ?? { read: [], write: [] };
}

/** Licences the hub names in French and links to; any other SPDX id is shown as written. */
const knownLicences: Readonly<Record<string, { label: string; url: string }>> = {
  'CC-BY-SA-4.0': { label: 'CC BY-SA 4.0', url: 'https://creativecommons.org/licenses/by-sa/4.0/deed.fr' },
  'CC-BY-4.0': { label: 'CC BY 4.0', url: 'https://creativecommons.org/licenses/by/4.0/deed.fr' },
  'CC-BY-NC-SA-4.0': { label: 'CC BY-NC-SA 4.0', url: 'https://creativecommons.org/licenses/by-nc-sa/4.0/deed.fr' },
  'CC-BY-ND-4.0': { label: 'CC BY-ND 4.0', url: 'https://creativecommons.org/licenses/by-nd/4.0/deed.fr' },
  'CC0-1.0': { label: 'CC0 1.0 (domaine public)', url: 'https://creativecommons.org/publicdomain/zero/1.0/deed.fr' },
  'etalab-2.0': { label: 'Licence Ouverte 2.0 (Etalab)', url: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/' },
  'LO-2.0': { label: 'Licence Ouverte 2.0 (Etalab)', url: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/' },
  MIT: { label: 'MIT', url: 'https://spdx.org/licenses/MIT.html' },
  'Apache-2.0': { label: 'Apache 2.0', url: 'https://www.apache.org/licenses/LICENSE-2.0' },
  'GFDL-1.3-or-later': { label: 'GNU FDL 1.3', url: 'https://www.gnu.org/licenses/fdl-1.3.html' },
};

/** French name and link of a licence by SPDX id (case-insensitive); unknown ids keep their spelling and have no link. */
export function licenceInfo(id: string): { label: string; url: string | undefined } {
  const key = Object.keys(knownLicences).find((k) => k.toLowerCase() === id.trim().toLowerCase());
  const known = key === undefined ? undefined : knownLicences[key];
  return known ?? { label: id.trim(), url: undefined };
}

/** The repository's licence for public pages that give none: `_gare/licence.yml`'s `defaut`, else CC BY-SA 4.0. */
export function repositoryLicence(settings: RepoSettings): string {
  return settings.licence.default ?? 'CC-BY-SA-4.0';
}
