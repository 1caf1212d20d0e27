/**
 * Finding a commented passage again after the page changed around it. A passage is kept as its
 * quote with a little text before and after; anchors compare text with every blank removed, since
 * a browser's selection and the page's HTML space paragraphs differently. Among several copies of
 * the quote, the one whose neighbours best match the kept prefix and suffix wins. Shared with the
 * browser (highlighting), so no `node:` import.
 */

/** How much text before and after a passage is kept to find it again. */
export const CONTEXT_CHARS = 32;
/** Copies of a quote looked at, at most (a one-letter quote in a long page). */
const MAX_OCCURRENCES = 2_000;

/** A passage as stored: quote, and the text around it when it was commented. */
export interface PassageAnchor {
  /** The passage. */
  quote: string;
  /** Text just before it (blanks removed). */
  prefix?: string | undefined;
  /** Text just after it (blanks removed). */
  suffix?: string | undefined;
}

/** Where a passage is in the compact text. */
export interface PassageMatch {
  /** Start index in the compact text. */
  start: number;
  /** End index (exclusive). */
  end: number;
  /** Which copy of the quote it is (0 for the first), for the browser to highlight the same one. */
  occurrence: number;
}

/** Text as anchors compare it: every blank removed. */
export function compact(text: string): string {
  return text.replace(/\s+/gu, '');
}

function sharedTail(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

function sharedHead(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/** Finds the passage in `text` (already compact); undefined when its quote is no longer there. */
export function locatePassage(text: string, anchor: PassageAnchor): PassageMatch | undefined {
  const quote = compact(anchor.quote);
  if (quote.length === 0) return undefined;
  const prefix = compact(anchor.prefix ?? '');
  const suffix = compact(anchor.suffix ?? '');
  let best: PassageMatch | undefined;
  let bestScore = -1;
  let occurrence = 0;
  for (let at = text.indexOf(quote); at >= 0 && occurrence < MAX_OCCURRENCES; at = text.indexOf(quote, at + 1), occurrence++) {
    const end = at + quote.length;
    const score = sharedTail(text.slice(Math.max(0, at - prefix.length), at), prefix) + sharedHead(text.slice(end, end + suffix.length), suffix);
    if (score > bestScore) {
      best = { start: at, end, occurrence };
      bestScore = score;
    }
  }
  return best;
}

/** The text kept around a found passage, to find it again later. */
export function contextOf(text: string, match: Pick<PassageMatch, 'start' | 'end'>): { prefix: string; suffix: string } {
  return { prefix: text.slice(Math.max(0, match.start - CONTEXT_CHARS), match.start), suffix: text.slice(match.end, match.end + CONTEXT_CHARS) };
}
