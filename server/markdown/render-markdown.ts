/**
 * Public entry of the Markdown pipeline: `renderMarkdown` for pages and the previews (the link
 * index extracts links with server/wiki/links.ts). No `node:` import: the browser loads it too.
 */
import type { HeadingEntry, LinkEntry, LinkResolver } from './file-data.ts';
import { rewriteAdmonitions } from './admonition-markers.ts';
import { rewriteJekyllLinks } from './jekyll-links.ts';
import { findDeepContainers, separateContainerMarkers } from './container-markers.ts';
import { boundInlineCost, findExcessiveNesting, MAX_MARKDOWN_BYTES, MAX_NESTING_DEPTH, utf8Length, type LimitProblem } from './limits.ts';
import { createMarkdownProcessor } from './pipeline.ts';

export type { HeadingEntry, LinkDestination, LinkEntry, LinkKind, LinkResolver } from './file-data.ts';
export { MAX_MARKDOWN_BYTES } from './limits.ts';

/** What to render. */
export interface RenderOptions {
  /** Markdown source, front matter already removed. */
  source: string;
  /** Repository path of the page, e.g. 'ressources/visio.md', to resolve relative links. */
  path?: string | undefined;
  /** Finds pages and attachments; without it (preview) nothing is reported broken. */
  resolver?: LinkResolver | undefined;
  /** Title shown above the page by the view: a first `<h1>` repeating it is left out. */
  title?: string | undefined;
}

/** A content problem, for the writer: broken link, dropped HTML, page too large… */
export interface MarkdownProblem {
  /** French, says what is wrong and what to do. */
  message: string;
  /** 1-based line in the source, when known. */
  line: number | undefined;
  /** Stable id: `gare:broken-link`, `gare:raw-html`, `gare:too-large`, `gare:too-deep`, `gare:too-complex`. */
  ruleId: string;
}

/** The rendered page and what was learnt while rendering it. */
export interface RenderedMarkdown {
  /** Sanitised HTML, safe to insert as is. */
  html: string;
  /** Headings in order, for the table of contents. */
  headings: HeadingEntry[];
  /** Links in document order. */
  links: LinkEntry[];
  /** Content problems, in source order. */
  problems: MarkdownProblem[];
}

/** Escapes text for HTML element content. */
function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A result with no Markdown rendering, only a notice or the raw text. */
function fallback(html: string, problem: LimitProblem): RenderedMarkdown {
  return { html, headings: [], links: [], problems: [problem] };
}

/** Renders a page's Markdown to safe HTML, synchronously; never throws on content. */
export function renderMarkdown(options: RenderOptions): RenderedMarkdown {
  const { source } = options;
  // Checking the string length first avoids encoding a huge string just to refuse it.
  const bytes = source.length > MAX_MARKDOWN_BYTES ? Math.max(source.length, MAX_MARKDOWN_BYTES + 1) : utf8Length(source);
  if (bytes > MAX_MARKDOWN_BYTES) {
    const size = `${(bytes / 1_000_000).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;
    const message = `Page trop volumineuse pour être affichée : ${size}, la limite est de ${MAX_MARKDOWN_BYTES / 1_000_000} Mo. Découpez-la en plusieurs pages.`;
    return fallback(`<p class="markdown-notice">${escapeHtml(message)}</p>`, { message, line: undefined, ruleId: 'gare:too-large' });
  }
  const deepLine = findExcessiveNesting(source);
  if (deepLine !== undefined) {
    const message = `Cette page imbrique plus de ${MAX_NESTING_DEPTH} niveaux de listes ou de citations (ligne ${deepLine}) : elle est affichée comme texte brut. Réduisez l’imbrication.`;
    return fallback(`<pre class="markdown-source">${escapeHtml(source)}</pre>`, { message, line: deepLine, ruleId: 'gare:too-deep' });
  }
  const admonished = rewriteAdmonitions(rewriteJekyllLinks(source));
  const deepBox = findDeepContainers(admonished.source, MAX_NESTING_DEPTH);
  if (deepBox !== undefined) {
    const line = admonished.lineMap[deepBox - 1] ?? deepBox;
    const message = `Cette page imbrique plus de ${MAX_NESTING_DEPTH} encadrés (ligne ${line}) : elle est affichée comme texte brut. Fermez les encadrés (:::, {% endhint %}) ou réduisez l’imbrication.`;
    return fallback(`<pre class="markdown-source">${escapeHtml(source)}</pre>`, { message, line, ruleId: 'gare:too-deep' });
  }
  const separated = separateContainerMarkers(admonished.source);
  const bounded = boundInlineCost(separated.source);
  const originalLine = (line: number | undefined): number | undefined => {
    const inner = line === undefined ? undefined : (separated.lineMap[line - 1] ?? line);
    return inner === undefined ? undefined : (admonished.lineMap[inner - 1] ?? inner);
  };
  const file = createMarkdownProcessor().processSync({
    value: bounded.source,
    data: {
      ...(options.path === undefined ? {} : { pagePath: options.path }),
      ...(options.resolver ? { resolver: options.resolver } : {}),
      ...(options.title === undefined ? {} : { pageTitle: options.title }),
    },
  });
  const problems: MarkdownProblem[] = [
    ...bounded.problems,
    ...file.messages.map((m) => ({
      message: m.reason,
      line: m.line ?? undefined,
      ruleId: m.source && m.ruleId ? `${m.source}:${m.ruleId}` : (m.ruleId ?? m.source ?? 'gare:problem'),
    })),
  ].map((p) => ({ ...p, line: originalLine(p.line) }));
  problems.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
  return { html: String(file.value), headings: file.data.headings ?? [], links: file.data.links ?? [], problems };
}
