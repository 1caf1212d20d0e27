/**
 * LibreOffice text (`content.xml` of an .odt) to an HTML tree: headings, paragraphs, bold and
 * italic spans, lists (numbered or not), tables, links and images. No well-kept ODF-to-HTML
 * library exists for Node, so the XML is read with a real parser and walked here.
 */
import type { ElementContent, Root } from 'hast';
import { h } from 'hastscript';

interface Styles {
  /** Span styles that are bold or italic. */
  marks: Map<string, { bold: boolean; italic: boolean }>;
  /** List styles whose first level is numbered. */
  numbered: Set<string>;
}

const attr = (el: Element, name: string): string => el.getAttribute(name) ?? '';
const elements = (node: Node): Element[] => Array.from(node.childNodes).filter((n): n is Element => n.nodeType === 1);

function readStyles(doc: Document): Styles {
  const marks = new Map<string, { bold: boolean; italic: boolean }>();
  for (const style of Array.from(doc.getElementsByTagName('style:style'))) {
    const props = elements(style).find((e) => e.nodeName === 'style:text-properties');
    if (!props) continue;
    marks.set(attr(style, 'style:name'), { bold: attr(props, 'fo:font-weight') === 'bold', italic: attr(props, 'fo:font-style') === 'italic' });
  }
  const numbered = new Set<string>();
  for (const list of Array.from(doc.getElementsByTagName('text:list-style'))) {
    if (elements(list)[0]?.nodeName === 'text:list-level-style-number') numbered.add(attr(list, 'style:name'));
  }
  return { marks, numbered };
}

function inline(node: Node, styles: Styles): ElementContent[] {
  const out: ElementContent[] = [];
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === 3) {
      out.push({ type: 'text', value: child.nodeValue ?? '' });
      continue;
    }
    if (child.nodeType !== 1) continue;
    const el = child as Element;
    switch (el.nodeName) {
      case 'text:s':
        out.push({ type: 'text', value: ' '.repeat(Math.min(Number(attr(el, 'text:c')) || 1, 100)) });
        break;
      case 'text:tab':
        out.push({ type: 'text', value: ' ' });
        break;
      case 'text:line-break':
        out.push(h('br'));
        break;
      case 'text:a':
        out.push(h('a', { href: attr(el, 'xlink:href') }, inline(el, styles)));
        break;
      case 'text:span': {
        const mark = styles.marks.get(attr(el, 'text:style-name'));
        let content = inline(el, styles);
        if (mark?.italic) content = [h('em', content)];
        if (mark?.bold) content = [h('strong', content)];
        out.push(...content);
        break;
      }
      case 'draw:frame':
        out.push(...frame(el));
        break;
      case 'text:note':
      case 'office:annotation':
      case 'text:bookmark':
      case 'text:bookmark-start':
      case 'text:bookmark-end':
        break;
      default:
        out.push(...inline(el, styles));
    }
  }
  return out;
}

function frame(el: Element): ElementContent[] {
  const image = elements(el).find((e) => e.nodeName === 'draw:image');
  const href = image ? attr(image, 'xlink:href') : '';
  if (!href) return [];
  const title = elements(el).find((e) => e.nodeName === 'svg:title' || e.nodeName === 'svg:desc')?.textContent ?? attr(el, 'draw:name');
  return [h('img', { src: href, alt: title })];
}

function list(el: Element, styles: Styles, numbered: boolean): ElementContent {
  const own = attr(el, 'text:style-name');
  const ordered = own ? styles.numbered.has(own) : numbered;
  const items = elements(el)
    .filter((e) => e.nodeName === 'text:list-item' || e.nodeName === 'text:list-header')
    .map((item) => {
      const content = blocks(item, styles, ordered);
      // A one-paragraph item is a tight list item, as people write lists.
      const only = content.length === 1 ? content[0] : undefined;
      return h('li', only?.type === 'element' && only.tagName === 'p' ? only.children : content);
    });
  return h(ordered ? 'ol' : 'ul', items);
}

function table(el: Element, styles: Styles): ElementContent {
  const rows: Element[] = [];
  const collect = (parent: Element) => {
    for (const e of elements(parent)) {
      if (e.nodeName === 'table:table-row') rows.push(e);
      else if (e.nodeName === 'table:table-header-rows' || e.nodeName === 'table:table-rows') collect(e);
    }
  };
  collect(el);
  return h(
    'table',
    rows.map((row, i) => h('tr', elements(row).filter((c) => c.nodeName === 'table:table-cell').map((cell) => h(i === 0 ? 'th' : 'td', blocks(cell, styles, false))))),
  );
}

function blocks(node: Node, styles: Styles, numbered: boolean): ElementContent[] {
  const out: ElementContent[] = [];
  for (const el of elements(node)) {
    switch (el.nodeName) {
      case 'text:h': {
        const level = Math.min(Math.max(Number(attr(el, 'text:outline-level')) || 1, 1), 6);
        out.push(h(`h${level}`, inline(el, styles)));
        break;
      }
      case 'text:p':
        out.push(h('p', inline(el, styles)));
        break;
      case 'text:list':
        out.push(list(el, styles, numbered));
        break;
      case 'table:table':
        out.push(table(el, styles));
        break;
      case 'text:section':
      case 'office:text':
        out.push(...blocks(el, styles, numbered));
        break;
      default:
        break;
    }
  }
  return out;
}

/** The HTML tree of an ODF text document's `content.xml` (already parsed); undefined when it has no text body. */
export function odfToHast(doc: Document): Root | undefined {
  const text = doc.getElementsByTagName('office:text')[0];
  if (!text) return undefined;
  return { type: 'root', children: blocks(text, readStyles(doc), false) };
}
