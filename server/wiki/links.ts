/**
 * The one link extractor, run once per page version when the index reads a page. A scanner, not a
 * Markdown parse: parsing with remark took 1.5 s per 1,000 generated pages here against 0.1 s for
 * this pass, and the index reads thousands of pages at start. It follows the renderer's rules (same
 * size limits, same fenced-code detection, same `[[…]]` syntax, same href classification), and
 * tests/wiki/links.test.ts checks that both find the same links on a table of sources.
 */
import { findDeepContainers } from '../markdown/container-markers.ts';
import { boundInlineCost, findExcessiveNesting, INLINE_COST_BUDGET, MAX_MARKDOWN_BYTES, MAX_NESTING_DEPTH } from '../markdown/limits.ts';
import { rewriteAdmonitions } from '../markdown/admonition-markers.ts';
import { rewriteJekyllLinks } from '../markdown/jekyll-links.ts';
import { classifyHref } from '../markdown/link-targets.ts';
import { scanLines } from '../markdown/scan-lines.ts';
import { findWikiLinks } from '../markdown/wiki-link-syntax.ts';
import type { PagePath } from './paths.ts';

/** A link as written, before resolution. */
export interface RawLink {
  /** `wiki` for `[[Titre]]`, `relative` for a repository path or site address, `external` for http(s). */
  kind: 'wiki' | 'relative' | 'external';
  /** Title (wiki), repository path resolved against the page or site address `/…` (relative), URL (external). */
  target: string;
}

/** Options of extractLinks. */
export interface ExtractLinksOptions {
  /** Repository path of the page, to resolve relative links. */
  path: PagePath;
}

type Found = RawLink & { at: number };

/** Removes fenced code blocks and inline code, roughly (plain-text.ts uses it for search text). */
export function stripCode(body: string): string {
  return body.replace(/^(```|~~~)[^\n]*\n[\s\S]*?(?:^\1[^\n]*$|(?![\s\S]))/gm, '').replace(/`[^`\n]*`/g, '');
}

/** Same-length blank for a span, keeping line breaks (so offsets keep document order). */
function blank(text: string): string {
  return text.replace(/[^\n]/g, ' ');
}

const listItem = /^ {0,3}(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)/;
const indentedCode = /^(?: {4}|\t)/;

/**
 * Lines with fenced and indented code emptied. Indented code starts after a blank line, outside
 * lists (where indentation continues the item); a paragraph's indented line is not code.
 */
function withoutCodeBlocks(source: string): string {
  let inList = false;
  let previous: 'blank' | 'code' | 'text' = 'blank';
  return scanLines(source)
    .map((line) => {
      if (line.inFence) return ((previous = 'text'), '');
      if (line.text.trim() === '') return ((previous = previous === 'code' ? 'code' : 'blank'), line.text);
      if (listItem.test(line.text)) inList = true;
      else if (!/^[ \t]/.test(line.text)) inList = false;
      if (!inList && indentedCode.test(line.text) && previous !== 'text') return ((previous = 'code'), '');
      previous = 'text';
      return line.text;
    })
    .join('\n');
}

/** Blanks inline code spans: a run of n backticks up to the next run of exactly n, within a paragraph. */
function blankCodeSpans(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('`', i);
    if (open < 0) break;
    let n = 1;
    while (text[open + n] === '`') n++;
    let close = -1;
    for (let j = text.indexOf('`', open + n); j >= 0; j = text.indexOf('`', j)) {
      let m = 1;
      while (text[j + m] === '`') m++;
      if (m === n) {
        close = j;
        break;
      }
      j += m;
    }
    const paragraphEnd = text.indexOf('\n\n', open);
    if (close < 0 || (paragraphEnd >= 0 && paragraphEnd < close)) {
      out += text.slice(i, open + n);
      i = open + n;
      continue;
    }
    out += text.slice(i, open) + blank(text.slice(open, close + n));
    i = close + n;
  }
  return out + text.slice(i);
}

const escape = /\\[!-/:-@[-`{-~]/g;
const htmlComment = /<!--[\s\S]*?-->/g;
const htmlTag = /<\/?[a-z][a-z0-9-]*(?:\s[^<>]*)?\/?>/gi;
const autolink = /<([a-z][a-z0-9+.-]{1,31}:[^\s<>]*)>/gi;
const definition = /^ {0,3}\[([^\]^\n][^\]\n]{0,998})\]:[ \t]*\n?[ \t]*(<[^<>\n]*>|\S+)[^\n]*$/gm;
const inlineLink = /!?\[((?:[^[\]\\\n]|\\.|\n(?!\n)|\[[^[\]\n]*\])*)\]\(\s*(<[^<>\n]*>|(?:[^\s()]|\([^\s()]*\))*)(?:\s+(?:"[^"]*"|'[^']*'|\([^()]*\)))?\s*\)/g;
const reference = /!?\[((?:[^[\]\\\n]|\\.){1,999})\](?:\[([^[\]\n]{0,999})\])?/g;
const contentRef = /\{%-?[ \t]*content-ref[ \t]+url=["']([^"'\n]{1,2000})["'][ \t]*-?%\}([^{]{0,2000})/g;
const literalUrl = /(?<![\w/.@:-])(?:https?:\/\/|www\.)[^\s<]*[^\s<?!.,:*_~'"]/gi;

/** Reference labels compare without case and with collapsed whitespace (CommonMark). */
function labelKey(label: string): string {
  return label.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** GFM drops a literal URL's unbalanced closing parentheses. */
function trimParens(url: string): string {
  let out = url;
  while (out.endsWith(')') && (out.match(/\)/g)?.length ?? 0) > (out.match(/\(/g)?.length ?? 0)) out = out.slice(0, -1);
  return out;
}

/**
 * Links of a page body in document order: `[[…]]`, links and images (inline, by reference,
 * autolinks, bare URLs). Code, raw HTML and escaped brackets hold none; a page the renderer would
 * refuse (too large, too deeply nested) yields none.
 */
export function extractLinks(body: string, { path }: ExtractLinksOptions): RawLink[] {
  if (body.length > MAX_MARKDOWN_BYTES || findExcessiveNesting(body) !== undefined) return [];
  // MkDocs admonition bodies are indented: read as the renderer reads them, not as code.
  const source = rewriteAdmonitions(rewriteJekyllLinks(body)).source;
  if (findDeepContainers(source, MAX_NESTING_DEPTH) !== undefined) return [];
  const found: Found[] = [];
  const addHref = (href: string, at: number): void => {
    const target = classifyHref(href.replace(/^<|>$/g, ''), path);
    if (target.kind === 'external') found.push({ kind: 'external', target: target.url, at });
    else if (target.kind === 'relative') found.push({ kind: 'relative', target: target.path ?? target.written, at });
  };
  // Σ(per paragraph)² ≤ (Σ)²: when the whole page is within budget, no paragraph is escaped.
  const delimiters = body.match(/[*_~[\]]/g)?.length ?? 0;
  let text = withoutCodeBlocks(delimiters * delimiters <= INLINE_COST_BUDGET ? source : boundInlineCost(source).source);
  text = blankCodeSpans(text).replace(escape, blank).replace(htmlComment, blank);
  text = text.replace(autolink, (m, href: string, at: number) => (addHref(href, at), blank(m)));
  // A GitBook card with no link inside is a link to its `url` (remark-template-tags.ts).
  if (text.includes('content-ref')) {
    for (const m of text.matchAll(contentRef)) if (!(m[2] ?? '').includes('](')) addHref(m[1] ?? '', m.index);
  }
  const definitions = new Map<string, string>();
  text = text.replace(definition, (m, label: string, href: string) => {
    const key = labelKey(label);
    if (!definitions.has(key)) definitions.set(key, href);
    return blank(m);
  });
  const links = (span: string, offset: number): string =>
    span.replace(inlineLink, (m, inner: string, href: string, at: number) => {
      addHref(href, offset + at);
      // An image inside a link's text (a badge) is a link of its own, after the outer one.
      links(inner, offset + at + m.indexOf(inner));
      return blank(m);
    });
  // Before raw HTML: a destination like `<d e.md>` would look like a tag.
  text = links(text, 0).replace(htmlTag, blank);
  text = text.replace(reference, (m, label: string, second: string | undefined, at: number) => {
    const href = definitions.get(labelKey(second || label));
    if (href === undefined || text[at + m.length] === ':') return m;
    addHref(href, at);
    return blank(m);
  });
  // `[[#Section]]` points into the page itself: no link between pages.
  for (const w of findWikiLinks(text)) if (w.title !== '') found.push({ kind: 'wiki', target: w.title, at: w.start });
  for (const w of findWikiLinks(text).reverse()) text = text.slice(0, w.start) + blank(text.slice(w.start, w.end)) + text.slice(w.end);
  for (const m of text.matchAll(literalUrl)) {
    const url = trimParens(m[0]);
    addHref(url.startsWith('www.') ? `http://${url}` : url, m.index);
  }
  return found.sort((a, b) => a.at - b.at).map(({ kind, target }) => ({ kind, target }));
}
