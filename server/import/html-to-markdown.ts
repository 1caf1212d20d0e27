/** HTML (from Word) and HTML trees (from LibreOffice) to GFM Markdown: headings, lists, tables, links, images. */
import type { Element, Root } from 'hast';
import rehypeParse from 'rehype-parse';
import rehypeRemark from 'rehype-remark';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';

/** Parses an HTML fragment into a tree. */
export function parseHtml(html: string): Root {
  return unified().use(rehypeParse, { fragment: true }).parse(html);
}

/** Word tables have no header cells: their first row becomes the header, or GFM would add an empty one. */
function promoteHeaderRows(node: Root | Element): void {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    if (child.tagName === 'table') {
      const rows = child.children.flatMap((c) => (c.type === 'element' && ['thead', 'tbody'].includes(c.tagName) ? c.children : [c]));
      const first = rows.find((r): r is Element => r.type === 'element' && r.tagName === 'tr');
      if (first && !first.children.some((c) => c.type === 'element' && c.tagName === 'th')) {
        for (const cell of first.children) if (cell.type === 'element' && cell.tagName === 'td') cell.tagName = 'th';
      }
    }
    promoteHeaderRows(child);
  }
}

/** Writes an HTML tree as Markdown the way the wiki's pages are written (`-` bullets, GFM tables). */
export async function hastToMarkdown(tree: Root): Promise<string> {
  promoteHeaderRows(tree);
  const processor = unified().use(rehypeRemark).use(remarkGfm).use(remarkStringify, { bullet: '-', fences: true, rule: '-' });
  const mdast = await processor.run(tree);
  return processor.stringify(mdast);
}

/** The text of the first `<h1>` when it opens the document (it becomes the page title), and the tree without it. */
export function takeLeadingTitle(tree: Root): string | undefined {
  const index = tree.children.findIndex((n) => n.type === 'element' || (n.type === 'text' && n.value.trim() !== ''));
  const first = tree.children[index];
  if (first?.type !== 'element' || first.tagName !== 'h1') return undefined;
  const text = textOf(first).trim();
  if (text === '') return undefined;
  tree.children.splice(index, 1);
  return text;
}

function textOf(node: Root['children'][number]): string {
  if (node.type === 'text') return node.value;
  return 'children' in node ? node.children.map((c) => textOf(c as Root['children'][number])).join('') : '';
}
