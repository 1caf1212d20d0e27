/**
 * Threads as a reader sees them: who wrote what, whether the passage or heading they hang on is
 * still there (« passage modifié » otherwise), and what this reader may do with them.
 */
import type { CommentTarget } from '../events/hub-events.ts';
import { compact, locatePassage } from './anchoring.ts';
import type { CommentRow, ThreadRow } from './comment-store.ts';
import { headingsOf, htmlText, type HeadingAnchorInfo } from './html-text.ts';

/** One comment of a thread. */
export interface CommentView {
  /** Stable id. */
  id: string;
  /** Who wrote it (as named then). */
  authorName: string;
  /** Its text; empty once deleted. */
  body: string;
  /** Deleted by its author: shown as « commentaire supprimé ». */
  deleted: boolean;
  /** When it was written (ISO). */
  createdAt: string;
  /** When it was last edited (ISO), if ever. */
  editedAt: string | undefined;
  /** Written by the reader: they may edit or delete it. */
  mine: boolean;
}

/** What a thread hangs on, and whether it is still found in the page. */
export type AnchorView =
  | { kind: 'page' }
  | { kind: 'heading'; heading: string; label: string | undefined; found: boolean }
  | { kind: 'passage'; quote: string; found: boolean; occurrence: number | undefined };

/** A thread as one reader sees it. */
export interface ThreadView {
  /** Stable id. */
  id: string;
  /** The page or pad it is on. */
  target: CommentTarget;
  /** The whole page, a heading or a passage. */
  anchor: AnchorView;
  /** When it was started (ISO). */
  createdAt: string;
  /** Resolved: when and by whom; undefined while open. */
  resolved: { at: string; by: string | undefined } | undefined;
  /** Comments, oldest first. */
  comments: CommentView[];
  /** The reader may reply (a logged-in reader). */
  mayReply: boolean;
  /** The reader may resolve or reopen it (who may write the page or pad, or who started the thread). */
  mayResolve: boolean;
}

/** The text of a page or pad that anchors are looked for in. */
export interface AnchorText {
  /** Its text, blanks removed. */
  text: string;
  /** Its headings with an id. */
  headings: HeadingAnchorInfo[];
}

/** The anchor text of rendered HTML. */
export function anchorTextOf(html: string): AnchorText {
  return { text: compact(htmlText(html)), headings: headingsOf(html) };
}

const iso = (ms: number): string => new Date(ms).toISOString();

function anchorOf(row: ThreadRow, text: AnchorText): AnchorView {
  if (row.anchor_kind === 'heading') {
    const heading = row.anchor_heading ?? '';
    const found = text.headings.find((h) => h.id === heading);
    return { kind: 'heading', heading, label: found?.text, found: found !== undefined };
  }
  if (row.anchor_kind === 'passage') {
    const quote = row.anchor_quote ?? '';
    const match = locatePassage(text.text, { quote, prefix: row.anchor_prefix ?? '', suffix: row.anchor_suffix ?? '' });
    return { kind: 'passage', quote, found: match !== undefined, occurrence: match?.occurrence };
  }
  return { kind: 'page' };
}

/** What the reader is and may do on the target. */
export interface ViewerRights {
  /** Account id of the reader; undefined for a visitor. */
  personId: string | undefined;
  /** The reader may write the page or pad. */
  mayWrite: boolean;
}

/** The threads of one target as views, open ones first, each group oldest first. */
export function toThreadViews({ threads, comments, text, rights }: { threads: ThreadRow[]; comments: CommentRow[]; text: AnchorText; rights: ViewerRights }): ThreadView[] {
  const byThread = new Map<string, CommentView[]>();
  for (const c of comments) {
    const list = byThread.get(c.thread_id) ?? [];
    byThread.set(c.thread_id, list);
    const deleted = c.deleted_at !== null;
    list.push({ id: c.id, authorName: c.author_name, body: deleted ? '' : c.body, deleted, createdAt: iso(c.created_at), editedAt: c.edited_at === null ? undefined : iso(c.edited_at), mine: !deleted && rights.personId !== undefined && c.author_id === rights.personId });
  }
  const views = threads.map((t): ThreadView => ({
    id: t.id,
    target: { kind: t.target_kind, target: t.target },
    anchor: anchorOf(t, text),
    createdAt: iso(t.created_at),
    resolved: t.resolved_at === null ? undefined : { at: iso(t.resolved_at), by: t.resolved_by_name ?? undefined },
    comments: byThread.get(t.id) ?? [],
    mayReply: rights.personId !== undefined,
    mayResolve: rights.personId !== undefined && (rights.mayWrite || t.created_by === rights.personId),
  }));
  return [...views.filter((v) => !v.resolved), ...views.filter((v) => v.resolved)];
}
