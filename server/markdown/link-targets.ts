/** Classifies the target of a Markdown link or image; shared by the renderer and the link extractor. */
import { resolveRelative, type PagePath } from '../wiki/paths.ts';

/** What an href points to. */
export type HrefTarget =
  /** An absolute http(s) URL (protocol-relative `//host` counts as https). */
  | { kind: 'external'; url: string }
  /**
   * A file of the repository: `path` is resolved against the page path when known (undefined
   * when it climbs out of the repository), otherwise the decoded path as written. A site address
   * (`/guide/api/`, `/wiki/x`) keeps its leading `/`: the resolver tries it as a page address.
   */
  | { kind: 'relative'; written: string; path: string | undefined; suffix: string }
  /** Fragment-only, site-absolute, mailto: and other schemes: not a link between pages. */
  | { kind: 'other' };

const scheme = /^[a-z][a-z0-9+.-]*:/i;

/** Percent-decodes a path, keeping it as written when it is malformed. */
function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** Classifies `href` written in the page at repository path `pagePath` (if known). */
export function classifyHref(href: string, pagePath: string | undefined): HrefTarget {
  const trimmed = href.trim();
  if (trimmed === '' || trimmed.startsWith('#')) return { kind: 'other' };
  if (trimmed.startsWith('//')) return { kind: 'external', url: `https:${trimmed}` };
  if (scheme.test(trimmed)) return /^https?:/i.test(trimmed) ? { kind: 'external', url: trimmed } : { kind: 'other' };
  const cut = trimmed.search(/[?#]/);
  const written = decodePath(cut < 0 ? trimmed : trimmed.slice(0, cut));
  const suffix = cut < 0 ? '' : trimmed.slice(cut);
  if (written === '') return { kind: 'other' };
  // `/guide/api/`, `/wiki/x`, `/tags/x`: site addresses, resolved to a page or left as written;
  // `/x.md` is a repository-root path.
  if (written.startsWith('/') && !written.endsWith('.md')) return { kind: 'relative', written, path: written, suffix };
  const path = pagePath === undefined ? written.replace(/^\.\//, '') : resolveRelative(pagePath as PagePath, written);
  return { kind: 'relative', written, path: path === '' ? undefined : path, suffix };
}
