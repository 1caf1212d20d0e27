/**
 * Fast link extraction for the index (a regex pass, not a full Markdown parse: the index reads
 * thousands of pages at start). The renderer does the exact job when a page is shown.
 */
import type { PageLink } from './page.ts';

/** A link as written, before resolution. */
export interface RawLink {
  /** Kind of link. */
  kind: PageLink['kind'];
  /** Title (wiki) or href (others), without `#fragment` for relative links. */
  target: string;
}

/** Removes fenced code blocks and inline code, where links are not links. */
export function stripCode(body: string): string {
  return body.replace(/^(```|~~~)[^\n]*\n[\s\S]*?(?:^\1[^\n]*$|(?![\s\S]))/gm, '').replace(/`[^`\n]*`/g, '');
}

const wikiLink = /\[\[([^\]|\n]{1,200})(?:\|[^\]\n]{0,200})?\]\]/g;
const mdLink = /\]\(\s*<?([^)\s>]{1,500})>?(?:\s+"[^"\n]*")?\s*\)/g;
const refLink = /^\s{0,3}\[[^\]\n]+\]:\s*<?(\S+?)>?(?:\s|$)/gm;

/** Finds `[[Titre]]`, `[x](href)` and `[x]: href` links of a Markdown body. */
export function findLinks(body: string): RawLink[] {
  const text = stripCode(body);
  const out: RawLink[] = [];
  for (const m of text.matchAll(wikiLink)) out.push({ kind: 'wiki', target: (m[1] ?? '').trim() });
  for (const re of [mdLink, refLink]) {
    for (const m of text.matchAll(re)) {
      const href = m[1] ?? '';
      if (/^https?:\/\//i.test(href)) out.push({ kind: 'external', target: href });
      else if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('#')) continue;
      else {
        const target = href.split('#')[0]?.split('?')[0] ?? '';
        if (target) out.push({ kind: 'relative', target: safeDecode(target) });
      }
    }
  }
  return out;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
