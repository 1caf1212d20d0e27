/**
 * What a new comment tells people (`comment.created`): those it `@mentions` (`mention`), the
 * thread's participants (`reply`), and the page's followers (`comment`), one notification each,
 * in that order of precedence. The writer is never told. Through the gate like every delivery:
 * a participant who lost access to the page hears nothing.
 */
import type { HubEventMap } from '../events/hub-events.ts';
import type { Sql } from '../store/sql.ts';
import { deliver, type DeliverDeps } from './deliver.ts';
import type { FollowStore } from './follows.ts';
import { excerptOf, findMentions } from './mention-text.ts';
import type { HandleDirectory } from './people-handles.ts';
import type { NotificationKind } from './notification-store.ts';

/** What the comment listener needs. */
export interface CommentNotifyDeps extends DeliverDeps {
  /** The accounts store (threads and comments tables, read only here). */
  sql: Sql;
  /** Follows. */
  follows: FollowStore;
  /** The people of `@handles`. */
  directory(): Promise<HandleDirectory>;
}

/** People who wrote in a thread (its author and every non-deleted comment's). */
async function participantsOf(sql: Sql, threadId: string): Promise<string[]> {
  const rows = await sql.all<{ id: string | null }>(
    'SELECT created_by AS id FROM comment_threads WHERE id = ? UNION SELECT author_id AS id FROM comments WHERE thread_id = ? AND deleted_at IS NULL',
    [threadId, threadId],
  );
  return rows.map((r) => r.id).filter((id): id is string => id !== null);
}

/** Handles one `comment.created`. */
export async function notifyComment(deps: CommentNotifyDeps, e: HubEventMap['comment.created']): Promise<void> {
  const plan = new Map<string, NotificationKind>();
  const dir = await deps.directory();
  for (const hit of findMentions(e.body)) {
    const person = dir.resolve(hit.handle);
    if (person && !plan.has(person.id)) plan.set(person.id, 'mention');
  }
  for (const id of await participantsOf(deps.sql, e.threadId)) if (!plan.has(id)) plan.set(id, 'reply');
  if (e.target.kind === 'page') {
    for (const id of (await deps.follows.followersOf([{ kind: 'page', target: e.target.target }])).keys()) if (!plan.has(id)) plan.set(id, 'comment');
  }
  const target = e.target.kind === 'page' ? { kind: 'page' as const, path: e.target.target, hash: `fil-${e.threadId}` } : { kind: 'pad' as const, name: e.target.target, hash: `fil-${e.threadId}` };
  const excerpt = excerptOf(e.body.replace(/\s+/g, ' ').trim());
  for (const [userId, kind] of plan) {
    await deliver(deps, { userId, actorId: e.by.id, actorName: e.by.name, kind, target, excerpt, threadId: e.threadId });
  }
}
