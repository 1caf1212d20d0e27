/**
 * Where pages and their attachments live. A page `<section>/<slug>.md` keeps its attached files
 * in the folder `<section>/<slug>.fichiers/`, next to it, so moving or deleting a page knows
 * which files are its own.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isPagePath, pathToSlug, slugify, type PagePath } from '../wiki/paths.ts';

/** Folder of each known page type; any other type goes to `pages`. */
const sectionByType: Readonly<Record<string, string>> = {
  accompagnement: 'accompagnements',
  'compte-rendu': 'comptes-rendus',
  reunion: 'reunions',
  tutoriel: 'tutoriels',
  ressource: 'ressources',
  journal: 'journal',
  agenda: 'agenda',
};

/** Suffix of a page's attachment folder. */
export const attachmentFolderSuffix = '.fichiers';

/** Section (folder) new pages of this type go to. */
export function sectionForType(type: string): string {
  return sectionByType[type] ?? 'pages';
}

/** A section name from user input, as a safe single folder name (`Comptes rendus` → `comptes-rendus`). */
export function cleanSection(section: string): string {
  return slugify(section, 60);
}

/** `ressources/visio.md` → `ressources/visio.fichiers`. */
export function attachmentFolderOf(page: PagePath): string {
  return `${pathToSlug(page)}${attachmentFolderSuffix}`;
}

/** The page owning an attachment path (`ressources/visio.fichiers/a.pdf` → `ressources/visio.md`), if it is one. */
export function ownerPageOf(file: string): PagePath | undefined {
  const m = /^(.+)\.fichiers\/([^/]+)$/.exec(file);
  const page = m ? `${m[1]}.md` : undefined;
  return page && isPagePath(page) ? page : undefined;
}

/** Joins a section and a slug into a page path (`''` section: at the root). */
export function pagePathOf(section: string, slug: string): PagePath {
  return (section ? `${section}/${slug}.md` : `${slug}.md`) as PagePath;
}

/** True when something (page or folder) already uses this page path or its attachment folder. */
function isTaken(dir: string, page: PagePath, taken: (p: PagePath) => boolean): boolean {
  // lstat, not exists: a dangling link is taken too (writing there is refused by the commit queue).
  const present = (rel: string) => fs.lstatSync(path.join(dir, rel), { throwIfNoEntry: false }) !== undefined;
  return taken(page) || present(page) || present(attachmentFolderOf(page));
}

/** Options of `uniquePagePath`. */
export interface UniquePagePathOptions {
  /** Content repository working tree. */
  dir: string;
  /** Section folder. */
  section: string;
  /** Wanted slug. */
  slug: string;
  /** Extra check (pages at HEAD); paths for which it answers true are skipped. */
  taken?: ((p: PagePath) => boolean) | undefined;
}

/** The wanted path, or the same with `-2`, `-3`… when it is already used. */
export function uniquePagePath({ dir, section, slug, taken = () => false }: UniquePagePathOptions): PagePath {
  for (let n = 1; ; n++) {
    const candidate = pagePathOf(section, n === 1 ? slug : `${slug}-${n}`);
    if (!isTaken(dir, candidate, taken)) return candidate;
  }
}
