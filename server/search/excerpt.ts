/** Short HTML excerpts with matches in `<mark>`, for the server-side search. No `node:` import. */
import { stemFrench, tokenize } from './text.ts';

/** Escapes text for HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * About `length` words of `text` around the first word whose stem is in `stems`, escaped, with
 * every matching word in `<mark>`; the opening words when nothing matches. Pass the same `seen`
 * only for the same `stems`.
 */
export function excerptOf(text: string, stems: readonly string[], length = 30, seen: Map<string, boolean> = new Map()): string {
  const wanted = new Set(stems);
  const words = [...text.matchAll(/[\p{L}\p{N}]+/gu)];
  // `seen`: whether each word matches, shared by the excerpts of one query (the same words recur from page to page).
  const isMatch = (word: string) => {
    let match = seen.get(word);
    if (match === undefined) seen.set(word, (match = tokenize(word).some((t) => wanted.has(stemFrench(t)))));
    return match;
  };
  const first = Math.max(0, words.findIndex((w) => isMatch(w[0])));
  const start = Math.max(0, first - Math.floor(length / 3));
  const slice = words.slice(start, start + length);
  const from = slice[0]?.index ?? 0;
  let html = '';
  let at = from;
  for (const w of slice) {
    html += escapeHtml(text.slice(at, w.index));
    html += isMatch(w[0]) ? `<mark>${escapeHtml(w[0])}</mark>` : escapeHtml(w[0]);
    at = w.index + w[0].length;
  }
  const more = start + length < words.length;
  if (!more) html += escapeHtml(text.slice(at)); // keep the closing punctuation
  return `${start > 0 ? '… ' : ''}${html.trim()}${more ? ' …' : ''}`;
}
