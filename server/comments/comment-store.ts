/**
 * Threads and comments in the accounts database (tables `comment_threads` and `comments`, migration
 * 3): rows only, no permission check. Who may read or write them is decided by the desk
 * (`comment-desk.ts`), through the one gate.
 */
import { randomUUID } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import { transaction } from '../auth/account-db.ts';
import type { CommentTarget } from '../events/hub-events.ts';

/** What a thread hangs on. */
export type ThreadAnchor =
  | { kind: 'page' }
  | { kind: 'heading'; heading: string }
  | { kind: 'passage'; quote: string; prefix: string; suffix: string };

/** A stored thread with the name of whoever resolved it. */
export interface ThreadRow {
  id: string;
  target_kind: 'page' | 'pad';
  target: string;
  anchor_kind: 'page' | 'heading' | 'passage';
  anchor_heading: string | null;
  anchor_quote: string | null;
  anchor_prefix: string | null;
  anchor_suffix: string | null;
  created_by: string | null;
  created_at: number;
  resolved_at: number | null;
  resolved_by: string | null;
  resolved_by_name: string | null;
}

/** A stored comment. */
export interface CommentRow {
  id: string;
  thread_id: string;
  author_id: string | null;
  author_name: string;
  body: string;
  created_at: number;
  edited_at: number | null;
  deleted_at: number | null;
}

const threadSql = 'SELECT t.*, p.name AS resolved_by_name FROM comment_threads t LEFT JOIN people p ON p.id = t.resolved_by';

/** Creates the store over the accounts database. */
export function createCommentStore({ db, now }: { db: DatabaseSync; now: () => number }) {
  const commentsOf = (threadIds: readonly string[]): CommentRow[] =>
    threadIds.length === 0
      ? []
      : (db.prepare(`SELECT * FROM comments WHERE thread_id IN (${threadIds.map(() => '?').join(',')}) ORDER BY created_at, rowid`).all(...threadIds) as unknown as CommentRow[]);

  const insertComment = (threadId: string, author: { id: string; name: string }, body: string): CommentRow => {
    const id = randomUUID();
    db.prepare('INSERT INTO comments (id, thread_id, author_id, author_name, body, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(id, threadId, author.id, author.name, body, now());
    return db.prepare('SELECT * FROM comments WHERE id = ?').get(id) as unknown as CommentRow;
  };

  const getThread = (id: string): ThreadRow | undefined => db.prepare(`${threadSql} WHERE t.id = ?`).get(id) as unknown as ThreadRow | undefined;

  return {
    /** Threads of a page or pad, oldest first, with their comments. */
    list(target: CommentTarget): { threads: ThreadRow[]; comments: CommentRow[] } {
      const threads = db.prepare(`${threadSql} WHERE t.target_kind = ? AND t.target = ? ORDER BY t.created_at, t.rowid`).all(target.kind, target.target) as unknown as ThreadRow[];
      return { threads, comments: commentsOf(threads.map((t) => t.id)) };
    },
    /** One thread, if it exists. */
    thread: getThread,
    /** One comment, if it exists. */
    comment: (id: string): CommentRow | undefined => db.prepare('SELECT * FROM comments WHERE id = ?').get(id) as unknown as CommentRow | undefined,
    /** Comments of one thread, oldest first. */
    commentsOf: (threadId: string): CommentRow[] => commentsOf([threadId]),

    /** Starts a thread with its first comment. */
    createThread(input: { target: CommentTarget; anchor: ThreadAnchor; author: { id: string; name: string }; body: string }): { thread: ThreadRow; comment: CommentRow } {
      const { target, anchor, author, body } = input;
      return transaction(db, () => {
        const id = randomUUID();
        const heading = anchor.kind === 'heading' ? anchor.heading : null;
        const [quote, prefix, suffix] = anchor.kind === 'passage' ? [anchor.quote, anchor.prefix, anchor.suffix] : [null, null, null];
        db.prepare(
          'INSERT INTO comment_threads (id, target_kind, target, anchor_kind, anchor_heading, anchor_quote, anchor_prefix, anchor_suffix, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        ).run(id, target.kind, target.target, anchor.kind, heading, quote, prefix, suffix, author.id, now());
        const comment = insertComment(id, author, body);
        return { thread: getThread(id) as ThreadRow, comment };
      });
    },
    /** Adds a reply to a thread. */
    reply: (threadId: string, author: { id: string; name: string }, body: string): CommentRow => insertComment(threadId, author, body),
    /** Replaces a comment's text. */
    edit(commentId: string, body: string): void {
      db.prepare('UPDATE comments SET body = ?, edited_at = ? WHERE id = ? AND deleted_at IS NULL').run(body, now(), commentId);
    },
    /**
     * Deletes a comment: its text is gone at once; the thread keeps « commentaire supprimé » in its
     * place while another comment remains, and goes when none does. Answers whether the thread went.
     */
    remove(commentId: string): { threadRemoved: boolean } {
      return transaction(db, () => {
        const row = db.prepare("UPDATE comments SET body = '', deleted_at = ? WHERE id = ? RETURNING thread_id").get(now(), commentId) as { thread_id: string } | undefined;
        if (!row) return { threadRemoved: false };
        const left = db.prepare('SELECT COUNT(*) AS n FROM comments WHERE thread_id = ? AND deleted_at IS NULL').get(row.thread_id) as { n: number };
        if (Number(left.n) > 0) return { threadRemoved: false };
        db.prepare('DELETE FROM comment_threads WHERE id = ?').run(row.thread_id);
        return { threadRemoved: true };
      });
    },
    /** Resolves (by a person) or reopens a thread. */
    setResolved(threadId: string, by: string | undefined): void {
      db.prepare('UPDATE comment_threads SET resolved_at = ?, resolved_by = ? WHERE id = ?').run(by === undefined ? null : now(), by ?? null, threadId);
    },
    /** Removes every thread of a page or pad (the page was deleted). Answers how many went. */
    removeAll(target: CommentTarget): number {
      return Number(db.prepare('DELETE FROM comment_threads WHERE target_kind = ? AND target = ?').run(target.kind, target.target).changes);
    },
    /** Moves every thread of `from` to `to` (a rename, a publication). Answers the threads moved. */
    move(from: CommentTarget, to: CommentTarget): string[] {
      const ids = (db.prepare('SELECT id FROM comment_threads WHERE target_kind = ? AND target = ?').all(from.kind, from.target) as { id: string }[]).map((r) => r.id);
      db.prepare('UPDATE comment_threads SET target_kind = ?, target = ? WHERE target_kind = ? AND target = ?').run(to.kind, to.target, from.kind, from.target);
      return ids;
    },
    /** Stores a passage's new surroundings once it was found again in a changed text. */
    reanchor(threadId: string, context: { prefix: string; suffix: string }): void {
      db.prepare("UPDATE comment_threads SET anchor_prefix = ?, anchor_suffix = ? WHERE id = ? AND anchor_kind = 'passage'").run(context.prefix, context.suffix, threadId);
    },
  };
}

/** The comments store. */
export type CommentStore = ReturnType<typeof createCommentStore>;
