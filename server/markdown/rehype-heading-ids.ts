/**
 * Readable heading ids, accents folded (`## Prochaines étapes` → `prochaines-etapes`, then
 * `-1`, `-2` for repeats), and `file.data.headings` for the table of contents. Replaces
 * rehype-slug, whose github-slugger keeps accents (`prochaines-étapes`). Ids already in the tree
 * (footnotes) are never reused.
 */
import type { Element, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { slugify } from '../wiki/paths.ts';

/** Returns a function giving a unique id for a text, given the ids already taken. */
function createIdMaker(taken: Set<string>): (text: string) => string {
  return (text) => {
    const slug = slugify(text, 80);
    // slugify falls back to `page` for text without letters or digits (`## ???`).
    const base = slug === 'page' && !/page/i.test(text) ? 'section' : slug;
    let id = base;
    for (let n = 1; taken.has(id); n++) id = `${base}-${n}`;
    taken.add(id);
    return id;
  };
}

/** Rehype plugin: heading ids and the table of contents. */
export default function rehypeHeadingIds() {
  return (tree: Root, file: VFile): undefined => {
    const taken = new Set<string>();
    visit(tree, 'element', (node: Element) => {
      if (typeof node.properties['id'] === 'string') taken.add(node.properties['id']);
    });
    const makeId = createIdMaker(taken);
    const headings = (file.data.headings ??= []);
    visit(tree, 'element', (node: Element) => {
      const depth = /^h[1-6]$/.test(node.tagName) ? Number(node.tagName[1]) : undefined;
      if (depth === undefined || node.properties['id'] !== undefined) return;
      const text = toString(node).trim().replace(/\s+/g, ' ');
      const id = makeId(text);
      node.properties['id'] = id;
      headings.push({ depth, text, id });
    });
  };
}
