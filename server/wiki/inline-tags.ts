/**
 * Obsidian's `#tag` written in the text of a page: it becomes a tag of the page. Not in code
 * (fenced, indented or inline), not a heading's `# `, not a number (`#123`, an issue), not an
 * anchor (`page#section`, `(#section)`, `&#233;`): a tag starts a word. Linear: one pass per line.
 */

/** At most this many tags are taken from one page's text (a page of `#` lists stays a page). */
export const MAX_INLINE_TAGS = 50;

// Letters, digits, `_`, `-` and `/` (Obsidian's nested tags); after a space or at a line start.
const tagPattern = /(?<=^|[ \t])#([\p{L}\p{N}_/-]{1,80})(?![\p{L}\p{N}_/-])/gu;
const fence = /^ {0,3}(`{3,}|~{3,})/;
const indented = /^(?: {4}|\t)/;

/** Tags written as `#tag` in a Markdown body, in order of appearance, without the `#`, each once. */
export function inlineTags(body: string): string[] {
  const found = new Set<string>();
  let open: string | undefined;
  let previousBlank = true;
  for (const line of body.split('\n')) {
    const marker = fence.exec(line)?.[1];
    if (open !== undefined) {
      if (marker !== undefined && marker[0] === open[0] && marker.length >= open.length) open = undefined;
      continue;
    }
    if (marker !== undefined) {
      open = marker;
      continue;
    }
    const blank = line.trim() === '';
    // Indented code starts after a blank line and goes on while lines stay indented.
    const code: boolean = previousBlank && indented.test(line);
    previousBlank = blank || code;
    if (blank || code || !line.includes('#')) continue;
    for (const m of line.replace(/`[^`]*`/g, ' ').matchAll(tagPattern)) {
      const tag = (m[1] ?? '').replace(/[/-]+$/, '');
      if (tag === '' || /^[\d/_-]+$/.test(tag)) continue;
      found.add(tag);
      if (found.size >= MAX_INLINE_TAGS) return [...found];
    }
  }
  return [...found];
}
