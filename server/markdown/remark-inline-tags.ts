/**
 * Obsidian `#tag` written in the text becomes a link to the tag's page (`/tags/<key>`); the index
 * adds those tags to the page's own (server/wiki/inline-tags.ts). Not in code, headings or
 * links (a URL's `#anchor` is in a link), not `#123` (numbers are issue references), and only
 * after a space or at the start of a line, as the index reads them.
 */
import type { Link, Parent, PhrasingContent, Root, RootContent, Text } from 'mdast';
import { tagUrl } from '../wiki/paths.ts';

// The index's rule (server/wiki/inline-tags.ts): after a space or at a line start, up to 80
// letters, digits, `_`, `-`, `/`. One character class: linear on any text node.
const inlineTag = /(?<=^|[ \t\n])#([\p{L}\p{N}_/-]{1,80})(?![\p{L}\p{N}_/-])/gu;

/** The tags of one text, with their offsets (the `#` included). */
export function findInlineTags(text: string): { tag: string; start: number; end: number }[] {
  if (!text.includes('#')) return [];
  const found: { tag: string; start: number; end: number }[] = [];
  for (const m of text.matchAll(inlineTag)) {
    const tag = (m[1] ?? '').replace(/[/-]+$/, '');
    if (tag === '' || /^[\d/_-]+$/.test(tag)) continue;
    found.push({ tag, start: m.index, end: m.index + 1 + tag.length });
  }
  return found;
}

/** The link for one tag. */
function tagLink(tag: string): Link {
  return { type: 'link', url: tagUrl(tag), children: [{ type: 'text', value: `#${tag}` }], data: { hProperties: { className: ['tag-link'] } } };
}

/** Splits one text node around its tags. */
function split(text: Text): PhrasingContent[] {
  const tags = findInlineTags(text.value);
  if (tags.length === 0) return [text];
  const out: PhrasingContent[] = [];
  let at = 0;
  for (const t of tags) {
    if (t.start > at) out.push({ type: 'text', value: text.value.slice(at, t.start) });
    out.push(tagLink(t.tag));
    at = t.end;
  }
  if (at < text.value.length) out.push({ type: 'text', value: text.value.slice(at) });
  return out;
}

/** Rewrites text children, recursing except into headings, links and references. */
function walk(parent: Parent): void {
  const children: RootContent[] = [];
  for (const child of parent.children) {
    if (child.type === 'text') children.push(...split(child));
    else {
      if ('children' in child && child.type !== 'heading' && child.type !== 'link' && child.type !== 'linkReference') walk(child);
      children.push(child);
    }
  }
  parent.children = children;
}

/** Remark plugin: inline `#tags`. */
export default function remarkInlineTags() {
  return (tree: Root): undefined => {
    walk(tree);
  };
}
