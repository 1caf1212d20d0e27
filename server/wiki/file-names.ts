/**
 * Files of the repository that are not pages, found by name as Obsidian finds `![[schema.png]]`:
 * by file name anywhere (case ignored), or by the end of their path (`![[images/schema.png]]`);
 * when several match, the shortest path wins, then the first in path order.
 */

/** A table of file paths answering by name. */
export interface FileNames {
  /** The path of the file called `name` (or ending with `/name`), if any. */
  find(name: string): string | undefined;
}

/** Builds the table from repository paths (sorted, so the answer does not depend on the scan's order). */
export function createFileNames(paths: readonly string[]): FileNames {
  const byName = new Map<string, string>();
  const ordered = [...paths].sort((a, b) => a.split('/').length - b.split('/').length || (a < b ? -1 : 1));
  for (const p of ordered) {
    const name = (p.split('/').pop() ?? p).toLowerCase();
    if (!byName.has(name)) byName.set(name, p);
  }
  const all = new Set(paths);
  return {
    find(name) {
      const wanted = name.trim().replace(/^\.?\//, '');
      if (!wanted.includes('/')) return byName.get(wanted.toLowerCase());
      if (all.has(wanted)) return wanted;
      const tail = `/${wanted.toLowerCase()}`;
      return ordered.find((p) => p.toLowerCase().endsWith(tail));
    },
  };
}
