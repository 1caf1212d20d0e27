/**
 * GitBook: `.gitbook.yaml` sets the content `root:`, the `structure:` files and `redirects:`;
 * `SUMMARY.md` is the table of contents, which also gives the order of pages.
 */
import { normaliseAddress } from '../resolve-link.ts';
import { resolveRelative, type PagePath } from '../paths.ts';
import { loadYamlMapping } from '../yaml.ts';

/** What `.gitbook.yaml` says. */
export interface GitbookConfig {
  /** Content root (repository path, `''` for the top). */
  root: string;
  /** Table of contents file, relative to the root. */
  summary: string;
  /** Old address (normalised) → page path relative to the root. */
  redirects: Map<string, string>;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

/** Cleans a folder written `./docs/` into `docs`; undefined when it climbs out. */
export function cleanFolder(folder: string): string | undefined {
  return resolveRelative('x.md' as PagePath, folder.replace(/\/+$/, '') || '.');
}

/** Reads `.gitbook.yaml`; a broken file gives GitBook's defaults. */
export function readGitbookConfig(source: string | undefined): GitbookConfig {
  const config: GitbookConfig = { root: '', summary: 'SUMMARY.md', redirects: new Map() };
  if (source === undefined) return config;
  let data: Record<string, unknown>;
  try {
    data = loadYamlMapping(source, { what: '.gitbook.yaml' });
  } catch {
    return config;
  }
  config.root = cleanFolder(text(data['root']) ?? '') ?? '';
  const structure = data['structure'];
  if (structure && typeof structure === 'object') config.summary = text((structure as Record<string, unknown>)['summary']) ?? config.summary;
  const redirects = data['redirects'];
  if (redirects && typeof redirects === 'object' && !Array.isArray(redirects)) {
    for (const [from, to] of Object.entries(redirects as Record<string, unknown>).slice(0, 5000)) {
      const target = text(to) === undefined ? undefined : cleanFolder(text(to) as string);
      if (target) config.redirects.set(normaliseAddress(from), target);
    }
  }
  return config;
}

const summaryLink = /^\s*[-*+]\s+\[[^\]]*\]\(\s*<?([^)>\s]+)>?(?:\s+"[^"]*")?\s*\)/;

/**
 * Page paths of a `SUMMARY.md` in its order, resolved against the summary's folder (a repository
 * path); external links and anchors are left out.
 */
export function readSummary(source: string, summaryPath: string): string[] {
  const out = new Set<string>();
  for (const line of source.split('\n').slice(0, 20_000)) {
    const href = summaryLink.exec(line)?.[1];
    if (!href || /^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('#')) continue;
    let decoded = href.split('#')[0] ?? '';
    try {
      decoded = decodeURIComponent(decoded);
    } catch {
      // Kept as written.
    }
    const path = resolveRelative(summaryPath as PagePath, decoded);
    if (path) out.add(path.endsWith('/') || path === '' ? `${path}README.md` : path);
  }
  return [...out];
}
