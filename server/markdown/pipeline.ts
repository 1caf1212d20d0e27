/**
 * The Markdown pipeline as data: remark-parse → remark-gfm → our remark plugins → remark-rehype
 * → our rehype plugins → rehype-sanitize → rehype-stringify. Sanitising comes after the last
 * plugin that adds HTML; to add a feature, add its plugin file and one line here (before
 * sanitize), and extend sanitize-schema.ts for any new tag or class.
 */
import type { ElementContent } from 'hast';
import { toString } from 'hast-util-to-string';
import rehypeAutolinkHeadings from 'rehype-autolink-headings';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified, type PluggableList } from 'unified';
import rehypeDropTitle from './rehype-drop-title.ts';
import rehypeHeadingIds from './rehype-heading-ids.ts';
import rehypeLinks from './rehype-links.ts';
import rehypeScrollable from './rehype-scrollable.ts';
import rehypeTaskLabels from './rehype-task-labels.ts';
import rehypeToc from './rehype-toc.ts';
import remarkCallouts from './remark-callouts.ts';
import remarkInlineTags from './remark-inline-tags.ts';
import remarkRawHtml from './remark-raw-html.ts';
import remarkTemplateTags from './remark-template-tags.ts';
import remarkToc from './remark-toc.ts';
import remarkWikiLinks from './remark-wiki-links.ts';
import { sanitizeSchema } from './sanitize-schema.ts';

/** Parsing: CommonMark plus GFM (tables, task lists, strikethrough, autolinks, footnotes). */
export const parsePlugins: PluggableList = [remarkParse, remarkGfm];

/**
 * Our Markdown features, on the Markdown tree; order matters: template tags before raw HTML (a
 * `{{<figure>}}` shortcode parses as HTML), wiki links before inline `#tags` (`[[Note#Section]]`).
 */
export const remarkPlugins: PluggableList = [remarkTemplateTags, remarkRawHtml, remarkCallouts, remarkToc, remarkWikiLinks, remarkInlineTags];

/** Markdown tree to HTML tree, with French footnote labels and unprefixed (readable) ids. */
export const bridgePlugins: PluggableList = [
  [
    remarkRehype,
    {
      clobberPrefix: '',
      footnoteLabel: 'Notes',
      footnoteBackLabel: (reference: number, rereference: number) =>
        `Retour à l’appel de note ${reference + 1}${rereference > 1 ? ` (${rereference})` : ''}`,
    },
  ],
];

/** Hidden text of a heading anchor, read by screen readers. */
function anchorContent(heading: Readonly<{ children: ElementContent[] }>): ElementContent[] {
  const title = toString({ type: 'element', tagName: 'span', properties: {}, children: heading.children });
  return [
    { type: 'element', tagName: 'span', properties: { ariaHidden: 'true' }, children: [{ type: 'text', value: '#' }] },
    {
      type: 'element',
      tagName: 'span',
      properties: { className: ['visually-hidden'] },
      children: [{ type: 'text', value: `Lien vers la section « ${title.trim()} »` }],
    },
  ];
}

/**
 * Our HTML features; the last step that can add HTML must stay before sanitize. The repeated
 * title goes first, so heading ids and the table of contents never see it.
 */
export const rehypePlugins: PluggableList = [
  rehypeDropTitle,
  rehypeHeadingIds,
  rehypeToc,
  [
    rehypeAutolinkHeadings,
    {
      behavior: 'append',
      // The footnotes' screen-reader-only heading needs no anchor.
      test: (node: { properties: Record<string, unknown> }) => node.properties['id'] !== 'footnote-label',
      properties: { className: ['heading-anchor'], dataPagefindIgnore: true }, content: anchorContent },
  ],
  rehypeLinks,
  rehypeScrollable,
  rehypeTaskLabels,
];

/** Output: sanitise (always last before stringify), then serialise. */
export const outputPlugins: PluggableList = [[rehypeSanitize, sanitizeSchema], rehypeStringify];

/** A fresh processor (plugins keep no state between files, but a fresh one costs nothing). */
export function createMarkdownProcessor() {
  return unified().use([...parsePlugins, ...remarkPlugins, ...bridgePlugins, ...rehypePlugins, ...outputPlugins]);
}
