/**
 * Table-of-contents markers of other generators: `[[toc]]` (VuePress, VitePress), `[TOC]`
 * (Python-Markdown, MkDocs) and kramdown's `* TOC` + `{:toc}` (Jekyll). A paragraph holding only
 * the marker becomes an empty `<nav class="page-toc">`, filled by rehype-toc once headings have
 * their ids. Never a link to a page named « toc » (wiki-link-syntax.ts skips it too).
 */
import type { Paragraph, Parent, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';

const marker = /^(?:\[\[\s*toc\s*\]\]|\[toc\]|\{:toc\}|\*?\s*toc\s*\{:toc\})$/i;

/** Accessible name of the page's own table of contents (the side one is « Dans cette page »). */
export const tocLabel = 'Table des matières';

/** The empty placeholder rehype-toc fills. */
function placeholder(source: RootContent): Paragraph {
  const nav: Paragraph = {
    type: 'paragraph',
    children: [],
    data: { hName: 'nav', hProperties: { className: ['page-toc'], ariaLabel: tocLabel } },
  };
  if (source.position) nav.position = source.position;
  return nav;
}

/** True for a paragraph, or a one-item list (`* TOC` / `{:toc}`), that is only a marker. */
function isMarker(node: RootContent): boolean {
  // Only plain text: `` `[[toc]]` `` in inline code is written to be read as it is.
  if (node.type === 'paragraph') return node.children.every((c) => c.type === 'text') && marker.test(toString(node).trim().replace(/\s+/g, ' '));
  if (node.type !== 'list' || node.children.length !== 1) return false;
  const text = toString(node).trim().replace(/\s+/g, ' ');
  return /^toc \{:toc\}$/i.test(text);
}

/** Replaces marker blocks in place, through every block container. */
function walk(parent: Parent): void {
  const children: RootContent[] = parent.children.map((child) => {
    if (isMarker(child)) return placeholder(child);
    if ('children' in child && child.type !== 'paragraph' && child.type !== 'heading') walk(child);
    return child;
  });
  parent.children = children;
}

/** Remark plugin: table-of-contents markers. */
export default function remarkToc() {
  return (tree: Root): undefined => {
    walk(tree);
  };
}
