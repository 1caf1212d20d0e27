/**
 * Fast link extraction for the index: parses (no transform, no HTML) and walks the Markdown
 * tree. Same limits and same classification as the renderer, so both agree on what a page links to.
 */
import type { Definition, Nodes, Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { LinkKind } from './file-data.ts';
import { boundInlineCost, findExcessiveNesting, MAX_MARKDOWN_BYTES } from './limits.ts';
import { classifyHref } from './link-targets.ts';
import { findWikiLinks } from './wiki-link-syntax.ts';

/** A link as written in a page, before resolution. */
export interface ExtractedLink {
  /** How the link was written. */
  kind: LinkKind;
  /** Wiki title, repository path (resolved against `path` when given, else as written) or absolute URL. */
  target: string;
}

/** Options of `extractLinks`. */
export interface ExtractLinksOptions {
  /** Repository path of the page, to resolve relative links to repository paths. */
  path?: string | undefined;
}

/**
 * Links of a page in document order (wiki, relative — images included — and external). A page
 * the renderer would refuse (too large, too deeply nested) yields no links.
 */
export function extractLinks(source: string, options: ExtractLinksOptions = {}): ExtractedLink[] {
  if (source.length > MAX_MARKDOWN_BYTES || findExcessiveNesting(source) !== undefined) return [];
  const tree = unified().use(remarkParse).use(remarkGfm).parse(boundInlineCost(source).source) as Root;
  const definitions = new Map<string, Definition>();
  const links: ExtractedLink[] = [];
  const addHref = (href: string | undefined): void => {
    if (href === undefined) return;
    const target = classifyHref(href, options.path);
    if (target.kind === 'external') links.push({ kind: 'external', target: target.url });
    else if (target.kind === 'relative') links.push({ kind: 'relative', target: target.path ?? target.written });
  };
  const collect = (node: Nodes): void => {
    if (node.type === 'definition') definitions.set(node.identifier, node);
    if ('children' in node) for (const child of node.children) collect(child);
  };
  const walk = (node: Nodes, inLink: boolean): void => {
    if (node.type === 'link' || node.type === 'image') addHref(node.url);
    else if (node.type === 'linkReference' || node.type === 'imageReference') addHref(definitions.get(node.identifier)?.url);
    else if (node.type === 'text' && !inLink) for (const w of findWikiLinks(node.value)) links.push({ kind: 'wiki', target: w.title });
    const nowInLink = inLink || node.type === 'link' || node.type === 'linkReference';
    if ('children' in node) for (const child of node.children) walk(child, nowInLink);
  };
  collect(tree);
  walk(tree, false);
  return links;
}
