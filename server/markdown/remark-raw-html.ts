/**
 * Raw HTML policy. Raw HTML is never passed to the output (no rehype-raw: a second HTML parser
 * is one more thing to get wrong). Instead: `<br>` becomes a line break, a few harmless inline
 * tags written without attributes (`<kbd>Ctrl</kbd>`, `<sub>`, `<sup>`, `<mark>`…) become those
 * elements, comments vanish, and any other HTML is dropped with a `gare:raw-html` problem so the
 * writer knows why it does not show.
 */
import type { Parent, Root, RootContent } from 'mdast';
import type { VFile } from 'vfile';

/** Inline tags accepted from raw HTML, only in their bare `<tag>` … `</tag>` form. */
export const inlineHtmlTags = ['kbd', 'sub', 'sup', 'mark', 'ins', 'del', 's', 'u', 'small', 'var', 'samp'] as const;

const lineBreak = /^<br\s*\/?>$/i;
const comment = /^<!--[\s\S]*-->$/;
const openTag = /^<([a-z]+)>$/i;

/** Index of the sibling `</tag>` after `from`, or -1. */
function findClose(children: RootContent[], from: number, tag: string): number {
  for (let i = from + 1; i < children.length; i++) {
    const c = children[i];
    if (c?.type === 'html' && c.value.toLowerCase() === `</${tag}>`) return i;
  }
  return -1;
}

/** Rewrites the html children of one parent, recursing into the others. */
function walk(parent: Parent, file: VFile, reported: { count: number }): void {
  const input = parent.children;
  const out: RootContent[] = [];
  for (let i = 0; i < input.length; i++) {
    const child = input[i];
    if (!child) continue;
    if (child.type !== 'html') {
      if ('children' in child) walk(child, file, reported);
      out.push(child);
      continue;
    }
    const value = child.value.trim();
    if (lineBreak.test(value)) {
      out.push({ type: 'break' });
      // The break already ends the line; the source line ending would add a second one.
      const next = input[i + 1];
      if (next?.type === 'text') next.value = next.value.replace(/^\n/, '');
      continue;
    }
    const tag = openTag.exec(value)?.[1]?.toLowerCase();
    const close = tag && (inlineHtmlTags as readonly string[]).includes(tag) ? findClose(input, i, tag) : -1;
    if (tag && close > i) {
      // An `emphasis` renamed through `data.hName`: mdast has no generic inline element.
      const inner: Parent = { type: 'emphasis', children: input.slice(i + 1, close), data: { hName: tag } };
      walk(inner, file, reported);
      out.push(inner as RootContent);
      i = close;
      continue;
    }
    // Comments vanish silently; a closing tag was already reported with its opening one.
    if (comment.test(value) || value.startsWith('</')) continue;
    if (reported.count++ < 20) {
      const shown = value.length > 60 ? `${value.slice(0, 57)}…` : value;
      file.message(
        `Le HTML n’est pas affiché dans les pages, pour la sécurité du wiki : « ${shown} ». Écrivez ce contenu en Markdown (seules les balises <br>, <kbd>, <sub>, <sup>, <mark> et voisines sont acceptées, sans attribut).`,
        child,
        'gare:raw-html',
      );
    }
  }
  parent.children = out;
}

/** Remark plugin: the raw HTML policy. */
export default function remarkRawHtml() {
  return (tree: Root, file: VFile): undefined => {
    walk(tree, file, { count: 0 });
  };
}
