/**
 * Commented passages found in the page body and highlighted: each in `<mark>`s (one per piece of
 * text it spans), the first named and given an id the thread links to, followed by a link back
 * to the thread. Text is matched blanks removed, as the server does (server/comments/anchoring.ts).
 */
import { compact } from '../../server/comments/anchoring.ts';

/** Each non-blank character of the body's text and where it sits. */
export interface TextMap {
  text: string;
  at: { node: Text; offset: number }[];
}

/** The body's text, blanks removed, with where each character sits (UI added by comments left out). */
export function mapText(root: Element): TextMap {
  const at: TextMap['at'] = [];
  let text = '';
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (node.parentElement?.closest('[data-comment-ui]') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    const value = node.data;
    for (let i = 0; i < value.length; i++) {
      if (/\s/u.test(value[i] ?? ' ')) continue;
      text += value[i];
      at.push({ node, offset: i });
    }
  }
  return { text, at };
}

/** Wraps characters [start, end) of the map in `<mark>`s (one per text node); the first gets `id`. */
function wrap(map: TextMap, start: number, end: number, threadId: string): HTMLElement | undefined {
  const spans = new Map<Text, { from: number; to: number }>();
  for (let i = start; i < end; i++) {
    const { node, offset } = map.at[i]!;
    const span = spans.get(node);
    spans.set(node, { from: span?.from ?? offset, to: offset + 1 });
  }
  const marks: HTMLElement[] = [];
  for (const [node, { from, to }] of spans) {
    const range = document.createRange();
    range.setStart(node, from);
    range.setEnd(node, to);
    const mark = document.createElement('mark');
    mark.className = 'comment-passage';
    mark.dataset['thread'] = threadId;
    range.surroundContents(mark);
    marks.push(mark);
  }
  const first = marks[0];
  if (first) {
    first.id = `passage-${threadId}`;
    first.setAttribute('aria-label', 'Passage commenté');
  }
  return marks.at(-1);
}

/** Highlights the found passage of each thread of `section` in `body` (once per thread). */
export function highlight(body: Element, section: Element): void {
  let n = 0;
  for (const thread of section.querySelectorAll<HTMLElement>('[data-thread][data-quote]')) {
    n++;
    const id = thread.dataset['thread'] ?? '';
    if (document.getElementById(`passage-${id}`)) continue;
    const quote = compact(thread.dataset['quote'] ?? '');
    const map = mapText(body);
    let at = -1;
    for (let k = 0, from = 0; k <= Number(thread.dataset['occurrence'] ?? 0); k++, from = at + 1) {
      at = map.text.indexOf(quote, from);
      if (at < 0) break;
    }
    if (at < 0 || !quote) continue;
    const last = wrap(map, at, at + quote.length, id);
    const link = document.createElement('a');
    link.href = `#fil-${id}`;
    link.className = 'comment-passage-link';
    link.dataset['commentUi'] = '';
    link.innerHTML = `<span class="visually-hidden">Voir la </span>discussion ${n}`;
    last?.after(link);
  }
}
