/**
 * Threads and comments in the accounts database (tables `comment_threads` and `comments`, migration
 * 3): rows only, no permission check. Who may read or write them is decided by the desk
 * (`comment-desk.ts`), through the one gate.
 */
import { randomUUID } from 'node:crypto';
import type { Sql } from '../store/sql.ts';
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
export function createCommentStore({ sql, now }: { sql: Sql; now: () => number }) {
  // Ties of the same millisecond in insertion order: SQLite's rowid; PostgreSQL has none, so its id (stable, arbitrary).
  const tie = sql.dialect === 'sqlite' ? 'rowid' : 'id';
  const commentsOf = async (threadIds: readonly string[]): Promise<CommentRow[]> =>
    threadIds.length === 0 ? [] : sql.all<CommentRow>(`SELECT * FROM comments WHERE thread_id IN (${threadIds.map(() => '?').join(',')}) ORDER BY created_at, ${tie}`, threadIds);

  const insertComment = async (tx: Sql, threadId: string, author: { id: string; name: string }, body: string): Promise<CommentRow> => {
    const row = await tx.get<CommentRow>('INSERT INTO comments (id, thread_id, author_id, author_name, body, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING *', [randomUUID(), threadId, author.id, author.name, body, now()]);
    return row as CommentRow;
  };

  const getThread = (id: string, tx: Sql = sql): Promise<ThreadRow | undefined> => tx.get<ThreadRow>(`${threadSql} WHERE t.id = ?`, [id]);

  return {
    /** Threads of a page or pad, oldest first, with their comments. */
    async list(target: CommentTarget): Promise<{ threads: ThreadRow[]; comments: CommentRow[] }> {
      const threads = await sql.all<ThreadRow>(`${threadSql} WHERE t.target_kind = ? AND t.target = ? ORDER BY t.created_at, t.${tie}`, [target.kind, target.target]);
      return { threads, comments: await commentsOf(threads.map((t) => t.id)) };
    },
    /** One thread, if it exists. */
    thread: (id: string): Promise<ThreadRow | undefined> => getThread(id),
    /** One comment, if it exists. */
    comment: (id: string): Promise<CommentRow | undefined> => sql.get<CommentRow>('SELECT * FROM comments WHERE id = ?', [id]),
    /** Comments of one thread, oldest first. */
    commentsOf: (threadId: string): Promise<CommentRow[]> => commentsOf([threadId]),

    /** Starts a thread with its first comment. */
    createThread(input: { target: CommentTarget; anchor: ThreadAnchor; author: { id: string; name: string }; body: string }): Promise<{ thread: ThreadRow; comment: CommentRow }> {
      const { target, anchor, author, body } = input;
      return sql.transaction(async (tx) => {
        const id = randomUUID();
        const heading = anchor.kind === 'heading' ? anchor.heading : null;
        const [quote, prefix, suffix] = anchor.kind === 'passage' ? [anchor.quote, anchor.prefix, anchor.suffix] : [null, null, null];
        await tx.run(
          'INSERT INTO comment_threads (id, target_kind, target, anchor_kind, anchor_heading, anchor_quote, anchor_prefix, anchor_suffix, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
          [id, target.kind, target.target, anchor.kind, heading, quote, prefix, suffix, author.id, now()],
        );
        const comment = await insertComment(tx, id, author, body);
        return { thread: (await getThread(id, tx)) as ThreadRow, comment };
      });
    },
    /** Adds a reply to a thread. */
    reply: (threadId: string, author: { id: string; name: string }, body: string): Promise<CommentRow> => insertComment(sql, threadId, author, body),
    /** Replaces a comment's text. */
    async edit(commentId: string, body: string): Promise<void> {
      await sql.run('UPDATE comments SET body = ?, edited_at = ? WHERE id = ? AND deleted_at IS NULL', [body, now(), commentId]);
    },
    /**
     * Deletes a comment: its text is gone at once; the thread keeps « commentaire supprimé » in its
     * place while another comment remains, and goes when none does. Answers whether the thread went.
     */
    remove(commentId: string): Promise<{ threadRemoved: boolean }> {
      return sql.transaction(async (tx) => {
        const row = await tx.get<{ thread_id: string }>("UPDATE comments SET body = '', deleted_at = ? WHERE id = ? RETURNING thread_id", [now(), commentId]);
        if (!row) return { threadRemoved: false };
        const left = await tx.get<{ n: number }>('SELECT COUNT(*) AS n FROM comments WHERE thread_id = ? AND deleted_at IS NULL', [row.thread_id]);
        if (Number(left?.n) > 0) return { threadRemoved: false };
        await tx.run('DELETE FROM comment_threads WHERE id = ?', [row.thread_id]);
        return { threadRemoved: true };
      });
    },
    /** Resolves (by a person) or reopens a thread. */
    async setResolved(threadId: string, by: string | undefined): Promise<void> {
      await sql.run('UPDATE comment_threads SET resolved_at = ?, resolved_by = ? WHERE id = ?', [by === undefined ? null : now(), by ?? null, threadId]);
    },
    /** Removes every thread of a page or pad (the page was deleted). Answers how many went. */
    async removeAll(target: CommentTarget): Promise<number> {
      return (await sql.run('DELETE FROM comment_threads WHERE target_kind = ? AND target = ?', [target.kind, target.target])).changes;
    },
    /** Moves every thread of `from` to `to` (a rename, a publication). Answers the threads moved. */
    async move(from: CommentTarget, to: CommentTarget): Promise<string[]> {
      const rows = await sql.all<{ id: string }>('UPDATE comment_threads SET target_kind = ?, target = ? WHERE target_kind = ? AND target = ? RETURNING id', [to.kind, to.target, from.kind, from.target]);
      return rows.map((r) => r.id);
    },
    /** Stores a passage's new surroundings once it was found again in a changed text. */
    async reanchor(threadId: string, context: { prefix: string; suffix: string }): Promise<void> {
      await sql.run("UPDATE comment_threads SET anchor_prefix = ?, anchor_suffix = ? WHERE id = ? AND anchor_kind = 'passage'", [context.prefix, context.suffix, threadId]);
    },
  };
}

/** The comments store. */
export type CommentStore = ReturnType<typeof createCommentStore>;
