/**
 * The viewer's rendering of a page (sanitised HTML, links to pages they may not read already
 * shown as missing) turned into document blocks. Reading the rendering rather than the Markdown
 * keeps one resolver and one gate: the export holds what the page view shows, nothing more.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';
import type { Block, Cell, DocImage, Inline, RunStyle } from './document-model.ts';

/** What the conversion needs besides the tree. */
export interface HastToBlocksOptions {
  /** Absolute base for relative links (`http://host`). */
  base: string;
  /** Images already loaded through the reader, by their `src`; others become their alt text. */
  images: ReadonlyMap<string, DocImage>;
}

const blockTags = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'ul', 'ol', 'table', 'blockquote', 'pre', 'hr', 'div', 'aside', 'details', 'section', 'summary', 'figure', 'dl']);
const classOf = (node: Element): string[] => (Array.isArray(node.properties['className']) ? node.properties['className'].map(String) : []);
const isBlock = (node: RootContent | ElementContent): boolean => node.type === 'element' && blockTags.has(node.tagName);
const textOf = (node: ElementContent | Root): string =>
  node.type === 'text' ? node.value : 'children' in node ? node.children.map((c) => textOf(c as ElementContent)).join('') : '';

/** Every `src` of an image in the tree, in order (to load them before converting). */
export function imageSources(node: Root | ElementContent, into: string[] = []): string[] {
  if (node.type === 'element' && node.tagName === 'img' && typeof node.properties['src'] === 'string') into.push(node.properties['src']);
  if ('children' in node) for (const child of node.children) imageSources(child as ElementContent, into);
  return into;
}

/** Converts the rendered page's tree into blocks. */
export function hastToBlocks(tree: Root, options: HastToBlocksOptions): Block[] {
  const absolute = (href: string): string => {
    try {
      return new URL(href, options.base + '/').href;
    } catch {
      return href;
    }
  };

  function inlines(nodes: readonly ElementContent[], style: RunStyle): Inline[] {
    const out: Inline[] = [];
    for (const node of nodes) {
      if (node.type === 'text') {
        const text = node.value.replace(/\s+/g, ' ');
        if (text) out.push({ type: 'text', text, style });
        continue;
      }
      if (node.type !== 'element') continue;
      const tag = node.tagName;
      const classes = classOf(node);
      // Anchors beside headings and screen-reader-only hints are for the page view only.
      if (classes.includes('heading-anchor') || classes.includes('visually-hidden') || classes.includes('data-footnote-backref')) continue;
      if (tag === 'br') out.push({ type: 'break' });
      else if (tag === 'img') {
        const src = String(node.properties['src'] ?? '');
        const image = options.images.get(src);
        const alt = String(node.properties['alt'] ?? '');
        if (image) out.push({ type: 'image', image: { ...image, alt: alt || image.alt } });
        else if (alt) out.push({ type: 'text', text: `[${alt}]`, style });
      } else if (tag === 'input') out.push({ type: 'text', text: node.properties['checked'] ? '☑ ' : '☐ ', style });
      else if (tag === 'a' && typeof node.properties['href'] === 'string' && !node.properties['href'].startsWith('#')) {
        out.push({ type: 'link', href: absolute(node.properties['href']), children: inlines(node.children, style) });
      } else if (tag === 'strong' || tag === 'b') out.push(...inlines(node.children, { ...style, bold: true }));
      else if (tag === 'em' || tag === 'i') out.push(...inlines(node.children, { ...style, italic: true }));
      else if (tag === 'del' || tag === 's') out.push(...inlines(node.children, { ...style, strike: true }));
      else if (tag === 'code' || tag === 'kbd') out.push(...inlines(node.children, { ...style, code: true }));
      else out.push(...inlines(node.children, style));
    }
    return out;
  }

  /** Trims the spaces HTML formatting leaves at both ends of a paragraph. */
  function trimmed(runs: Inline[]): Inline[] {
    const first = runs[0];
    if (first?.type === 'text') first.text = first.text.replace(/^\s+/, '');
    const last = runs.at(-1);
    if (last?.type === 'text') last.text = last.text.replace(/\s+$/, '');
    return runs.filter((r) => r.type !== 'text' || r.text !== '');
  }

  /** Blocks of mixed content: loose inline runs between blocks become paragraphs. */
  function blocks(nodes: readonly (RootContent | ElementContent)[]): Block[] {
    const out: Block[] = [];
    let pending: ElementContent[] = [];
    const flush = () => {
      const runs = trimmed(inlines(pending, {}));
      if (runs.length > 0) out.push({ type: 'paragraph', inlines: runs });
      pending = [];
    };
    for (const node of nodes) {
      if (node.type === 'doctype' || node.type === 'comment') continue;
      if (!isBlock(node)) {
        pending.push(node);
        continue;
      }
      flush();
      out.push(...block(node as Element));
    }
    flush();
    return out;
  }

  function block(node: Element): Block[] {
    const tag = node.tagName;
    const heading = /^h([1-6])$/.exec(tag);
    if (heading) return [{ type: 'heading', level: Number(heading[1]) as 1, inlines: trimmed(inlines(node.children, {})) }];
    if (tag === 'p') {
      const runs = trimmed(inlines(node.children, classOf(node).includes('callout-title') ? { bold: true } : {}));
      return runs.length > 0 ? [{ type: 'paragraph', inlines: runs }] : [];
    }
    if (tag === 'summary') return [{ type: 'paragraph', inlines: trimmed(inlines(node.children, { bold: true })) }];
    if (tag === 'ul' || tag === 'ol') {
      const items = node.children.filter((c): c is Element => c.type === 'element' && c.tagName === 'li').map((li) => blocks(li.children));
      return [{ type: 'list', ordered: tag === 'ol', items }];
    }
    if (tag === 'table') return [{ type: 'table', rows: tableRows(node) }];
    if (tag === 'blockquote') return [{ type: 'quote', blocks: blocks(node.children) }];
    if (tag === 'pre') return [{ type: 'code', text: textOf(node).replace(/\n$/, '') }];
    if (tag === 'hr') return [{ type: 'rule' }];
    return blocks(node.children);
  }

  function tableRows(table: Element): Cell[][] {
    const rows: Cell[][] = [];
    const visit = (node: Element) => {
      for (const child of node.children) {
        if (child.type !== 'element') continue;
        if (child.tagName === 'tr') {
          const cells = child.children.filter((c): c is Element => c.type === 'element' && (c.tagName === 'td' || c.tagName === 'th'));
          rows.push(cells.map((c) => ({ header: c.tagName === 'th', inlines: trimmed(inlines(c.children, c.tagName === 'th' ? { bold: true } : {})) })));
        } else visit(child);
      }
    };
    visit(table);
    return rows;
  }

  return blocks(tree.children);
}
