/**
 * The page view shows the page's title itself, so a first `<h1>` repeating it (compared without
 * case or accents) is dropped, before heading ids are given: it is then not in the table of
 * contents either. Runs only when the render was given the title (`pageTitle`).
 */
import type { Root } from 'hast';
import { toString } from 'hast-util-to-string';
import type { VFile } from 'vfile';
import { foldText } from '../wiki/paths.ts';

/** Rehype plugin: drops a leading `<h1>` equal to `file.data.pageTitle`. */
export default function rehypeDropTitle() {
  return (tree: Root, file: VFile): undefined => {
    const title = file.data.pageTitle;
    if (title === undefined) return;
    // Only the first element counts: whitespace text nodes may come before it.
    const at = tree.children.findIndex((n) => n.type !== 'text' || n.value.trim() !== '');
    const first = tree.children[at];
    if (first?.type !== 'element' || first.tagName !== 'h1') return;
    if (foldText(toString(first).trim()) !== foldText(title.trim())) return;
    tree.children.splice(at, 1);
  };
}
