/** The messages between the render pool and its workers. No `node:` import. */
import type { LinkDestination, RenderedMarkdown } from './render-markdown.ts';

/** A link as the pipeline asks about it. */
export interface AskedLink {
  /** `wiki` for `[[Titre]]`, `relative` for a path or site address. */
  kind: 'wiki' | 'relative';
  /** Title, or path resolved against the page, or site address. */
  target: string;
}

/** One page to render. */
export interface RenderJob {
  /** Matches the reply. */
  id: number;
  /** Markdown without front matter. */
  source: string;
  /** Repository path of the page. */
  path: string | undefined;
  /** Title shown above the page (a first `<h1>` repeating it is dropped). */
  title: string | undefined;
  /** False for previews: no link is looked up or reported broken. */
  resolve: boolean;
  /** Answers known in advance, by `linkKey`. */
  answers: [string, LinkDestination][];
  /** Unused in a job; the reply's list of links the table lacked. */
  misses?: AskedLink[];
}

/** A worker's answer. */
export type RenderReply =
  | { id: number; ok: true; rendered: RenderedMarkdown; misses: AskedLink[] | undefined }
  | { id: number; ok: false; message: string };

/** Key of a link in the table of answers. */
export function linkKey(link: AskedLink): string {
  return `${link.kind}\u0000${link.target}`;
}
