/**
 * Fills the `<nav class="page-toc">` left by remark-toc with the page's headings (levels 2 to 4,
 * nested), linked to their ids. Runs after rehype-heading-ids. Only the first marker is kept: two
 * landmarks with one name would confuse screen readers. A page without headings shows no list.
 */
import type { Element, Root } from 'hast';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import type { HeadingEntry } from './file-data.ts';

/** A nested `<ol>` of headings, each level under the previous shallower one. */
function buildList(headings: HeadingEntry[]): Element {
  const root: Element = { type: 'element', tagName: 'ol', properties: {}, children: [] };
  const stack: { depth: number; list: Element }[] = [{ depth: headings[0]?.depth ?? 2, list: root }];
  for (const h of headings) {
    while (stack.length > 1 && h.depth < (stack.at(-1)?.depth ?? 0)) stack.pop();
    let top = stack.at(-1) ?? { depth: h.depth, list: root };
    const lastItem = top.list.children.at(-1);
    if (h.depth > top.depth && lastItem?.type === 'element') {
      const list: Element = { type: 'element', tagName: 'ol', properties: {}, children: [] };
      lastItem.children.push(list);
      top = { depth: h.depth, list };
      stack.push(top);
    }
    const link: Element = { type: 'element', tagName: 'a', properties: { href: `#${h.id}` }, children: [{ type: 'text', value: h.text }] };
    top.list.children.push({ type: 'element', tagName: 'li', properties: {}, children: [link] });
  }
  return root;
}

/** True for the placeholder nav. */
function isToc(node: Element): boolean {
  const names = node.properties['className'];
  return node.tagName === 'nav' && Array.isArray(names) && names.includes('page-toc');
}

/** Rehype plugin: fills the table-of-contents placeholder. */
export default function rehypeToc() {
  return (tree: Root, file: VFile): undefined => {
    const headings = (file.data.headings ?? []).filter((h) => h.depth >= 2 && h.depth <= 4);
    let done = false;
    visit(tree, 'element', (node, index, parent) => {
      if (!isToc(node)) return undefined;
      if (done || headings.length === 0) {
        if (parent && index !== undefined) parent.children.splice(index, 1);
        return [SKIP, index];
      }
      done = true;
      node.children = [buildList(headings)];
      return SKIP;
    });
  };
}
