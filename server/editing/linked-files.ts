/**
 * Repository files outside attachment folders (`img/schema.png`, `../assets/x.png`,
 * `.gitbook/assets/x.png`, a Hugo bundle's `guide/image.png`, an Obsidian `![[x.png]]`) are
 * served to whoever may read EVERY page that links them and every page beside them in their
 * folder: a contributeur cannot publish a team file by linking it from a public page (not even
 * one no team page links, sitting among team pages), and a file no page links is never served. Never
 * anything under `.git/` or `_gare/`, never a page, only the known file types.
 */
import { can } from '../access/policy.ts';
import type { Viewer } from '../access/viewer.ts';
import type { PagePath } from '../wiki/paths.ts';
import type { WikiIndex } from '../wiki/wiki-index.ts';
import { extensionOf } from './attachment-names.ts';
import { typeOfExtension } from './file-types.ts';

/** The index as this module needs it; `findFile` (Obsidian embeds by name) is optional. */
type LinkIndex = Pick<WikiIndex, 'all' | 'get' | 'linksOf' | 'version'> & { findFile?: (name: string) => string | undefined };

interface Tables {
  version: number;
  /** File path → pages linking it. */
  byFile: Map<string, PagePath[]>;
  /** Folder → pages stored directly in it. */
  byFolder: Map<string, PagePath[]>;
}

const tables = new WeakMap<object, Tables>();
const folderOf = (path: string): string => path.split('/').slice(0, -1).join('/');

/** Pages linking each file, and pages of each folder, rebuilt once per index version. */
function linkingTables(index: LinkIndex): Tables {
  const cached = tables.get(index);
  if (cached && cached.version === index.version) return cached;
  const byFile = new Map<string, PagePath[]>();
  const byFolder = new Map<string, PagePath[]>();
  for (const page of index.all()) {
    const folder = folderOf(page.path);
    const siblings = byFolder.get(folder);
    if (siblings) siblings.push(page.path);
    else byFolder.set(folder, [page.path]);
    for (const link of index.linksOf(page.path)) {
      if (!link.file || link.kind === 'external') continue;
      const file = link.kind === 'wiki' ? index.findFile?.(link.target) : link.target;
      if (file === undefined || file.startsWith('/')) continue;
      const pages = byFile.get(file) ?? [];
      if (!pages.includes(page.path)) pages.push(page.path);
      byFile.set(file, pages);
    }
  }
  const built = { version: index.version, byFile, byFolder };
  tables.set(index, built);
  return built;
}

/** True for a path that may name a served linked file: inside the repository, not git's or the hub's own, a known type. */
export function isServableLinkedPath(file: string): boolean {
  const parts = file.split('/');
  const safe = parts.every((p) => p !== '' && p !== '.' && p !== '..' && !p.includes('\\') && !p.includes('\0') && p.toLowerCase() !== '.git');
  const name = parts.at(-1) ?? '';
  const known = typeOfExtension(extensionOf(name)).mime !== 'application/octet-stream';
  return safe && known && !name.startsWith('.') && !name.toLowerCase().endsWith('.md') && parts[0]?.toLowerCase() !== '_gare';
}

/** True when at least one page links `file` and the viewer may read every one of them, and every page of its folder. */
export function mayReadLinkedFile({ index, viewer, file }: { index: LinkIndex; viewer: Viewer; file: string }): boolean {
  if (!isServableLinkedPath(file)) return false;
  const { byFile, byFolder } = linkingTables(index);
  const pages = byFile.get(file) ?? [];
  const readable = (p: PagePath): boolean => {
    const page = index.get(p);
    return page !== undefined && can(viewer, 'page.read', page.meta);
  };
  return pages.length > 0 && pages.every(readable) && (byFolder.get(folderOf(file)) ?? []).every(readable);
}
