/**
 * Repository files outside attachment folders (`img/schema.png`, `../assets/x.png`,
 * `.gitbook/assets/x.png`, a Hugo bundle's `guide/image.png`, an Obsidian `![[x.png]]`) are
 * served to whoever may read EVERY page that links them: a contributeur cannot publish a team
 * file by linking it from a public page, and a file no page links is never served. Never
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

const tables = new WeakMap<object, { version: number; byFile: Map<string, PagePath[]> }>();

/** File path → pages linking it, rebuilt once per index version. */
function linkingTable(index: LinkIndex): Map<string, PagePath[]> {
  const cached = tables.get(index);
  if (cached && cached.version === index.version) return cached.byFile;
  const byFile = new Map<string, PagePath[]>();
  for (const page of index.all()) {
    for (const link of index.linksOf(page.path)) {
      if (!link.file || link.kind === 'external') continue;
      const file = link.kind === 'wiki' ? index.findFile?.(link.target) : link.target;
      if (file === undefined || file.startsWith('/')) continue;
      const pages = byFile.get(file) ?? [];
      if (!pages.includes(page.path)) pages.push(page.path);
      byFile.set(file, pages);
    }
  }
  tables.set(index, { version: index.version, byFile });
  return byFile;
}

/** True for a path that may name a served linked file: inside the repository, not git's or the hub's own, a known type. */
export function isServableLinkedPath(file: string): boolean {
  const parts = file.split('/');
  const safe = parts.every((p) => p !== '' && p !== '.' && p !== '..' && !p.includes('\\') && !p.includes('\0') && p.toLowerCase() !== '.git');
  const name = parts.at(-1) ?? '';
  const known = typeOfExtension(extensionOf(name)).mime !== 'application/octet-stream';
  return safe && known && !name.startsWith('.') && !name.toLowerCase().endsWith('.md') && parts[0]?.toLowerCase() !== '_gare';
}

/** True when at least one page links `file` and the viewer may read every one of them. */
export function mayReadLinkedFile({ index, viewer, file }: { index: LinkIndex; viewer: Viewer; file: string }): boolean {
  if (!isServableLinkedPath(file)) return false;
  const pages = linkingTable(index).get(file) ?? [];
  return pages.length > 0 && pages.every((p) => {
    const page = index.get(p);
    return page !== undefined && can(viewer, 'page.read', page.meta);
  });
}
