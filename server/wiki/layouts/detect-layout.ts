/**
 * Detects the layout of the content folder from its marker files: which generator wrote it, where
 * its content starts, which folders hold no pages, its title, table of contents, section labels
 * and redirects. Runs again only when a marker file changes.
 */
import { isDocsifyPage, readCategory, readMkdocsConfig } from './generator-configs.ts';
import { readGitbookConfig, readSummary } from './gitbook.ts';
import { readJekyllTitle } from './jekyll.ts';
import type { Generator } from './markers.ts';
import { plainLayout, type SiteLayout } from './site-layout.ts';

/** Options of detectLayout. */
export interface DetectLayoutOptions {
  /** Marker paths found by the scan (`layoutMarkerOf`). */
  markers: readonly string[];
  /** Reads a repository file's text (undefined when missing or unsafe). */
  readText(path: string): Promise<string | undefined>;
}

/** Hugo keeps templates and theme files beside its content: their Markdown is no page. */
const hugoFolders = ['archetypes', 'themes', 'layouts'];

/** The layout of the folder; a plain folder when nothing marks a generator. */
export async function detectLayout({ markers, readText }: DetectLayoutOptions): Promise<SiteLayout> {
  const has = new Set(markers);
  const found: Generator[] = [];
  const layout: SiteLayout = { ...plainLayout, ignored: [], hiddenFiles: [], summary: [], categories: new Map(), redirects: new Map() };
  const setRoot = (root: string) => {
    if (layout.root === '') layout.root = layout.sectionsUnder = root;
  };

  if (has.has('mkdocs.yml') || has.has('mkdocs.yaml')) {
    found.push('mkdocs');
    const config = readMkdocsConfig(await readText(has.has('mkdocs.yml') ? 'mkdocs.yml' : 'mkdocs.yaml'));
    setRoot(config.docsDir);
    // `nav:` orders the pages as GitBook's SUMMARY.md does.
    layout.summary = config.nav.map((p) => (config.docsDir ? `${config.docsDir}/${p}` : p));
  }
  if (['hugo.toml', 'hugo.yaml', 'hugo.json', 'config.toml'].some((m) => has.has(m))) {
    found.push('hugo');
    setRoot('content');
    layout.ignored.push(...hugoFolders);
  }
  if (has.has('.gitbook.yaml') || has.has('SUMMARY.md')) {
    found.push('gitbook');
    const config = readGitbookConfig(await readText('.gitbook.yaml'));
    setRoot(config.root);
    const summaryPath = config.root ? `${config.root}/${config.summary}` : config.summary;
    const summary = await readText(summaryPath);
    layout.hiddenFiles.push(summaryPath);
    if (summary !== undefined) layout.summary = readSummary(summary, summaryPath);
    for (const [from, to] of config.redirects) layout.redirects.set(from, config.root ? `${config.root}/${to}` : to);
  }
  for (const [folder, name] of [['.vuepress', 'vuepress'], ['.vitepress', 'vuepress']] as const) {
    const at = markers.find((m) => m === folder || m.endsWith(`/${folder}`));
    if (at === undefined) continue;
    if (!found.includes(name)) found.push(name);
    setRoot(at.slice(0, -folder.length).replace(/\/$/, ''));
  }
  for (const folder of ['', 'docs']) {
    const html = folder ? `${folder}/index.html` : 'index.html';
    if (has.has(html) && isDocsifyPage(await readText(html))) {
      found.push('docsify');
      setRoot(folder);
      break;
    }
  }
  if (['docusaurus.config.js', 'docusaurus.config.ts', 'docusaurus.config.mjs'].some((m) => has.has(m))) found.push('docusaurus');
  const categories = markers.filter((m) => m.endsWith('_category_.json'));
  if (categories.length > 0 && !found.includes('docusaurus')) found.push('docusaurus');
  // Docusaurus serves `docs/x.md` at `/docs/x`: `docs` stays in addresses but holds the sections.
  if (found.includes('docusaurus') && layout.root === '') layout.sectionsUnder = 'docs';
  for (const m of categories) layout.categories.set(m.slice(0, -'/_category_.json'.length), readCategory(await readText(m)));
  if (has.has('_config.yml')) {
    found.push('jekyll');
    layout.title = readJekyllTitle((await readText('_config.yml')) ?? '');
  }
  if (has.has('.obsidian')) found.push('obsidian');
  layout.generators = found;
  return layout;
}
