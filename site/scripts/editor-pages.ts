/**
 * The pages the viewer may read (GET /api/pages), loaded once per editor: titles for `[[` completion
 * and a resolver so the preview shows wiki links as the page will.
 */
import type { Completion, CompletionContext, CompletionResult, CompletionSource } from '@codemirror/autocomplete';
import type { EditorView } from '@codemirror/view';
import type { LinkResolver } from '../../server/markdown/render-markdown.ts';
import { foldText } from '../../server/wiki/paths.ts';
import { attachmentUrl, createLinkLookup, resolveLink } from '../../server/wiki/resolve-link.ts';

/** A page as the list API gives it. */
export interface PageSummary {
  /** Repository path. */
  path: string;
  /** URL. */
  url: string;
  /** Title. */
  title: string;
  /** Type key. */
  type: string;
  /** Other titles `[[…]]` may use, when the API gives them. */
  aliases?: string[] | undefined;
  /** Address declared in front matter, when the API gives it. */
  permalink?: string | undefined;
}

/** Loads the page list once; an unreachable API gives an empty list (completion just offers nothing). */
export function createPageList(fetchImpl: typeof fetch = fetch): () => Promise<PageSummary[]> {
  let loading: Promise<PageSummary[]> | undefined;
  return () => {
    loading ??= fetchImpl('/api/pages', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(async (r) => (r.ok ? (((await r.json()) as { pages?: PageSummary[] }).pages ?? []) : []))
      .catch(() => []);
    return loading;
  };
}

/** Accepting a title closes the link, unless `]]` already follows. */
function applyTitle(title: string) {
  return (view: EditorView, _completion: Completion, from: number, to: number): void => {
    const closed = view.state.sliceDoc(to, to + 2) === ']]';
    const insert = closed ? title : `${title}]]`;
    view.dispatch({ changes: { from, to, insert }, selection: { anchor: from + title.length + 2 }, userEvent: 'input.complete' });
  };
}

/** Completion of page titles after `[[`. */
export function wikiLinkCompletion(pages: () => Promise<PageSummary[]>): CompletionSource {
  return async (context: CompletionContext): Promise<CompletionResult | null> => {
    const match = context.matchBefore(/\[\[[^\]\n|]*$/);
    if (!match) return null;
    const list = await pages();
    if (context.aborted) return null;
    const typed = foldText(match.text.slice(2).trim());
    const options: Completion[] = list
      .filter((p) => !typed || foldText(p.title).includes(typed))
      .slice(0, 200)
      .map((p) => ({ label: p.title, detail: p.path.split('/')[0] ?? '', type: 'text', apply: applyTitle(p.title) }));
    // Our own filter folds accents (« eleve » finds « Élève »), so CodeMirror must not filter again.
    return { from: match.from + 2, options, filter: false };
  };
}

/**
 * A resolver over the page list for the preview's warnings: the server's own `resolveLink` over
 * the pages the viewer may read, so the editor calls a link broken exactly when the page will.
 * Attachments are not listed: a link to one is shown as it is linked.
 */
export function resolverOf(list: readonly PageSummary[]): LinkResolver {
  const lookup = createLinkLookup(list);
  const byPath = new Map(list.map((p) => [p.path, p]));
  return {
    resolve(link) {
      const to = resolveLink({ from: '', link }, lookup);
      if (to === 'site') return { kind: 'site' };
      if (to === 'file') return { kind: 'file', url: attachmentUrl(link.target) };
      const page = to === undefined ? undefined : byPath.get(to);
      return page ? { kind: 'page', url: page.url, title: page.title } : { kind: 'missing' };
    },
  };
}
