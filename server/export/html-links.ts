/** Same-origin addresses an HTML page points to (links, images, scripts, styles), for crawlers. */

const attribute = /\s(?:href|src|srcset|action|poster|data-prefix)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi;

/** Undoes the few HTML entities an attribute value may hold. */
function unescapeAttribute(value: string): string {
  return value
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}

/** Every raw URL found in `href`, `src`, `srcset`, `action`… attributes, unescaped. */
export function extractUrls(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(attribute)) {
    const value = unescapeAttribute(m[1] ?? m[2] ?? '').trim();
    if (!value) continue;
    // srcset holds « url width, url width »: every first word is a URL.
    if (/\ssrcset/i.test(m[0])) for (const part of value.split(',')) out.push(part.trim().split(/\s+/)[0] ?? '');
    else out.push(value);
  }
  return out.filter(Boolean);
}

/** `pathname + search` of a URL when it is on `base`'s origin (hash dropped); undefined otherwise. */
export function sameOriginPath(raw: string, from: string, base: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw, new URL(from, base));
  } catch {
    return undefined;
  }
  if (url.origin !== new URL(base).origin) return undefined;
  return url.pathname + url.search;
}

/** Same-origin paths of a page, deduplicated, in order of appearance. */
export function linkedPaths(html: string, from: string, base: string): string[] {
  const seen = new Set<string>();
  for (const raw of extractUrls(html)) {
    const p = sameOriginPath(raw, from, base);
    if (p !== undefined) seen.add(p);
  }
  return [...seen];
}
