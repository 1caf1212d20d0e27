/**
 * Marker files: the files whose presence tells which generator a folder was written for
 * (`mkdocs.yml`, `_config.yml`, `.gitbook.yaml`, `.vuepress/`, `_category_.json`…). The scan of
 * the working tree keeps them aside so the layout is detected again only when one changes.
 */

/** Names that mark a generator at the repository's top or one folder down (`docs/mkdocs.yml` is not one, `docs/.vuepress/` is). */
const topMarkers = new Set([
  '_config.yml',
  'hugo.toml',
  'hugo.yaml',
  'hugo.json',
  'config.toml',
  'mkdocs.yml',
  'mkdocs.yaml',
  '.gitbook.yaml',
  'SUMMARY.md',
  'docusaurus.config.js',
  'docusaurus.config.ts',
  'docusaurus.config.mjs',
  'index.html',
]);

/** Folders that mark a generator by existing: VuePress, VitePress, Obsidian. */
const markerFolders = new Set(['.vuepress', '.vitepress', '.obsidian']);

/**
 * The marker a repository file stands for, or undefined: the file itself for marker files, the
 * folder (`docs/.vuepress`) for a file inside a marker folder.
 */
export function layoutMarkerOf(path: string): string | undefined {
  const parts = path.split('/');
  const name = parts[parts.length - 1] ?? '';
  if (name === '_category_.json') return path;
  if (parts.length <= 2 && topMarkers.has(name)) return path;
  const folder = parts.findIndex((p) => markerFolders.has(p));
  return folder >= 0 && folder <= 1 ? parts.slice(0, folder + 1).join('/') : undefined;
}

/** Generators the hub recognises. */
export const generators = ['jekyll', 'hugo', 'vuepress', 'docsify', 'mkdocs', 'docusaurus', 'gitbook', 'obsidian'] as const;
/** A generator the hub recognises. */
export type Generator = (typeof generators)[number];
