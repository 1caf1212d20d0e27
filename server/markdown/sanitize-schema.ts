/**
 * What may reach the browser: GitHub's sanitize schema (no script, style, iframe, form,
 * object/embed, event handler, `style` attribute; href only http(s)/mailto/…, src only http(s)
 * or relative, so no javascript: or data: URL) plus the classes and attributes our plugins add.
 *
 * Ids: clobberPrefix is '' so heading ids stay readable (`#prochaines-etapes`). This is safe
 * because no id or name in the tree comes from the writer: raw HTML never reaches the tree
 * (see remark-raw-html.ts), heading ids are our slugs ([a-z0-9-] only) and footnote ids are
 * `fn-…`/`fnref-…`. A heading can still create `window['some-id']`, so site scripts must not
 * read optional globals from `window` or `document` (DOM clobbering).
 */
import { defaultSchema, type Options as Schema } from 'rehype-sanitize';
import { inlineHtmlTags } from './remark-raw-html.ts';
import { calloutKinds } from './remark-callouts.ts';
import { tocLabel } from './remark-toc.ts';

type AttributeList = NonNullable<Schema['attributes']>[string];

const defaults = defaultSchema.attributes ?? {};

/** Default attributes of a tag without its className rule, which we redefine. */
function withoutClassName(tag: string): AttributeList {
  return (defaults[tag] ?? []).filter((a) => !(Array.isArray(a) && a[0] === 'className'));
}

const calloutClasses = ['callout', ...Object.keys(calloutKinds).map((k) => `callout-${k}`)];

/** The schema given to rehype-sanitize, the last step before stringifying. */
export const sanitizeSchema: Schema = {
  ...defaultSchema,
  clobberPrefix: '',
  tagNames: [...(defaultSchema.tagNames ?? []), 'aside', 'nav', ...inlineHtmlTags],
  attributes: {
    ...defaults,
    a: [
      ...withoutClassName('a'),
      ['className', 'wikilink', 'wikilink-missing', 'external', 'broken-link', 'heading-anchor', 'data-footnote-backref', 'tag-link', 'link-card'],
      ['rel', 'noopener', 'noreferrer', 'nofollow'],
      'dataPagefindIgnore',
    ],
    img: [...withoutClassName('img'), ['className', 'broken-link']],
    // rehype-task-labels names task-list checkboxes; rehype-scrollable makes wide blocks focusable.
    input: [...(defaults['input'] ?? []), ['ariaLabel', 'Tâche faite', 'Tâche à faire']],
    table: [...(defaults['table'] ?? []), ['tabIndex', 0, '0']],
    pre: [...(defaults['pre'] ?? []), ['tabIndex', 0, '0']],
    aside: [['className', ...calloutClasses]],
    details: [['className', ...calloutClasses]],
    p: [['className', 'callout-title']],
    span: [['className', 'visually-hidden', 'template-notice'], 'ariaHidden', 'dataPagefindIgnore'],
    // remark-toc: the page's own table of contents.
    nav: [['className', 'page-toc'], ['ariaLabel', tocLabel]],
  },
  protocols: { ...defaultSchema.protocols, href: [...(defaultSchema.protocols?.['href'] ?? []), 'tel'] },
};
