/**
 * A fast Markdown-to-text approximation for search records and summaries, run on every page view
 * (the meta description) and every index update. Every pass is linear: the former regexes such as
 * `\[([^\]\n]*)\]\(…` rescanned the rest of the line from each `[`, so 40,000 `[` took seconds and
 * blocked every other request. Here each pass looks its closing characters up in tables built
 * once from the right (`nextOf`), so a failed match costs O(1) instead of a rescan.
 */
import { stripCode } from './links.ts';

/** Counts the loop steps of the passes, so tests can check they stay linear without timing. */
interface Steps {
  count: number;
}

/** For each index i, the first index ≥ i whose character is in `chars` (text.length when none). */
function nextOf(text: string, chars: string, steps: Steps): Int32Array {
  const next = new Int32Array(text.length + 1);
  next[text.length] = text.length;
  // Character codes, not one-character strings: this runs over every page at start.
  const a = chars.charCodeAt(0);
  const b = chars.length > 1 ? chars.charCodeAt(1) : a;
  const c = chars.length > 2 ? chars.charCodeAt(2) : a;
  for (let i = text.length - 1; i >= 0; i--) {
    const code = text.charCodeAt(i);
    next[i] = code === a || code === b || code === c ? i : next[i + 1]!;
  }
  steps.count += text.length;
  return next;
}

/** A match found at `start`: it ends before `end` and is replaced by `by`. */
type Match = { end: number; by: string } | undefined;

/** One left-to-right pass: at each index `opener` holds, `match` may replace a span (leftmost first, like a global regex). */
function rewrite(text: string, opener: string, match: (at: number) => Match, steps: Steps): string {
  let out = '';
  let copied = 0;
  for (let at = text.indexOf(opener, 0); at >= 0; ) {
    steps.count += 1;
    const found = match(at);
    if (found === undefined) {
      at = text.indexOf(opener, at + 1);
      continue;
    }
    out += text.slice(copied, at) + found.by;
    copied = found.end;
    at = text.indexOf(opener, found.end);
  }
  steps.count += text.length;
  return out + text.slice(copied);
}

/** `<…>` up to 300 characters on one line (raw HTML, autolinks) becomes a space. */
function dropTags(text: string, steps: Steps): string {
  if (!text.includes('<')) return text;
  const close = nextOf(text, '>\n', steps);
  return rewrite(text, '<', (at) => {
    const end = close[at + 1] ?? text.length;
    return text[end] === '>' && end - at - 1 <= 300 ? { end: end + 1, by: ' ' } : undefined;
  }, steps);
}

/** `[text](destination)` and `![alt](source)` on one line keep their text. */
function dropLinkSyntax(text: string, image: boolean, steps: Steps): string {
  if (!text.includes(image ? '![' : '](')) return text;
  const bracket = nextOf(text, ']\n', steps);
  const paren = nextOf(text, ')\n', steps);
  const skip = image ? 2 : 1;
  return rewrite(text, image ? '![' : '[', (at) => {
    const close = bracket[at + skip] ?? text.length;
    if (text[close] !== ']' || text[close + 1] !== '(') return undefined;
    const end = paren[close + 2] ?? text.length;
    return text[end] === ')' ? { end: end + 1, by: text.slice(at + skip, close) } : undefined;
  }, steps);
}

/** `[[Titre|texte]]` keeps its text, `[[Titre]]` its title. */
function dropWikiLinks(text: string, steps: Steps): string {
  if (!text.includes('[[')) return text;
  const barOrClose = nextOf(text, ']|\n', steps);
  const close = nextOf(text, ']\n', steps);
  const aliased = rewrite(text, '[[', (at) => {
    const bar = barOrClose[at + 2] ?? text.length;
    if (text[bar] !== '|' || bar === at + 2) return undefined;
    const end = close[bar + 1] ?? text.length;
    return end > bar + 1 && text[end] === ']' && text[end + 1] === ']' ? { end: end + 2, by: text.slice(bar + 1, end) } : undefined;
  }, steps);
  const closeAgain = nextOf(aliased, ']\n', steps);
  return rewrite(aliased, '[[', (at) => {
    const end = closeAgain[at + 2] ?? aliased.length;
    return end > at + 2 && aliased[end] === ']' && aliased[end + 1] === ']' ? { end: end + 2, by: aliased.slice(at + 2, end) } : undefined;
  }, steps);
}

/** markdownToText with the number of steps its passes took (linear in the body's length). */
export function markdownToTextCounted(body: string): { text: string; steps: number } {
  const steps: Steps = { count: 0 };
  let text = dropTags(stripCode(body), steps);
  text = dropLinkSyntax(text, true, steps);
  text = dropWikiLinks(text, steps);
  text = dropLinkSyntax(text, false, steps);
  // The regexes left are linear: no nested or unbounded quantifier can rescan what follows.
  text = text
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)]|:::)\s?/gm, '')
    .replace(/\[[ xX]\]\s/g, '')
    .replace(/[*_~|]+/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .replace(/\n{2,}/g, '\n')
    .trim();
  return { text, steps: steps.count };
}

const RECENT_LIMIT = 256;

/** Remembers the last results by body: a page view asks again for the same body each time. */
function remember<T>(cache: Map<string, T>, body: string, compute: () => T): T {
  const known = cache.get(body);
  if (known !== undefined) return known;
  const value = compute();
  // Oldest first out: a Map iterates in insertion order.
  if (cache.size >= RECENT_LIMIT) cache.delete(cache.keys().next().value ?? '');
  cache.set(body, value);
  return value;
}

const texts = new Map<string, string>();
const excerpts = new Map<string, Map<number, string>>();

/** Plain text of a Markdown body: syntax removed, words kept. */
export function markdownToText(body: string): string {
  return remember(texts, body, () => markdownToTextCounted(body).text);
}

/** First sentence-ish excerpt of a body, for lists without a summary. */
export function excerpt(body: string, max = 180): string {
  const byLength = remember(excerpts, body, () => new Map<number, string>());
  const known = byLength.get(max);
  if (known !== undefined) return known;
  const text = markdownToText(body.replace(/^#[^\n]*\n/m, '')).replace(/\s+/g, ' ');
  const short = text.length <= max ? text : `${text.slice(0, max).replace(/\s+\S*$/, '')} …`;
  byLength.set(max, short);
  return short;
}
