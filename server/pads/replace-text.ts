/** Replaces the content of a Y.Text by touching only the changed middle, so cursors elsewhere stay put. */
import type * as Y from 'yjs';

/** Makes `ytext` equal to `next`, deleting and inserting only between the common prefix and suffix. */
export function replaceText(ytext: Y.Text, next: string): void {
  const current = ytext.toString();
  if (current === next) return;
  let start = 0;
  const max = Math.min(current.length, next.length);
  while (start < max && current.charCodeAt(start) === next.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && current.charCodeAt(current.length - 1 - end) === next.charCodeAt(next.length - 1 - end)) end++;
  // Never split a surrogate pair: step back to the start of a pair if we stopped inside one.
  if (start > 0 && /[\uD800-\uDBFF]/.test(current.charAt(start - 1))) start--;
  if (end > 0 && /[\uDC00-\uDFFF]/.test(current.charAt(current.length - end))) end--;
  const deleteCount = current.length - start - end;
  if (deleteCount > 0) ytext.delete(start, deleteCount);
  const insert = next.slice(start, next.length - end);
  if (insert.length > 0) ytext.insert(start, insert);
}
