/**
 * The notifications of each person, rows of the `notifications` table (migration 3). Writers
 * (mentions, follows, comments, action reminders) call `add` once they have checked through the
 * gate that the recipient may read the target; readers (the header count, /notifications, the
 * e-mails) re-check readability when they show a row, since access can change after it was stored.
 * Each insert is told as `notification.created` so e-mail can send it now or in the digest.
 *
 * API (kept small on purpose, the mail helper builds on it):
 * Every call is asynchronous (the store may be PostgreSQL).
 * - `add(input)` → id: stores one row, emits `notification.created { id, userId }`.
 * - `get(id)` → the row or undefined.
 * - `list({ userId, limit, offset, unreadOnly })` → rows, newest first.
 * - `countUnread(userId)` → one COUNT query (the header's figure).
 * - `markRead({ userId, id? })` → one row, or all the person's rows when `id` is absent.
 * - `movePage(from, to)` → a renamed page's notifications follow it.
 */
import { z } from 'zod';
import { parseInput } from '../auth/parse-input.ts';
import type { HubEvents } from '../events/hub-events.ts';
import type { Sql } from '../store/sql.ts';

/** Kinds of notifications, the shared vocabulary of issue 14. */
export const notificationKinds = ['mention', 'comment', 'reply', 'page-changed', 'action-assigned', 'action-due', 'action-overdue', 'pad-published'] as const;
/** A kind of notification. */
export type NotificationKind = (typeof notificationKinds)[number];

/** What a notification points at (the `data` column, JSON). */
export const NotificationDataSchema = z.object({
  /** Title of the target as the recipient may read it (« Réunion du 3 mars »). */
  title: z.string().max(300),
  /** Address in the hub, starting with « / ». */
  url: z.string().startsWith('/').max(2000),
  /** A short passage (the mention's line, the comment's start), only from the target itself. */
  excerpt: z.string().max(500).optional(),
  /** The comment thread, for `comment` and `reply`. */
  threadId: z.string().max(100).optional(),
});

/** Input of `add`. */
export const NewNotificationSchema = z.object({
  /** Recipient's account id. */
  userId: z.string().min(1).max(100),
  /** What happened. */
  kind: z.enum(notificationKinds),
  /** Kind of target: `page` (repository path), `pad` (name), `register` (''), `tag`, `section`. */
  targetKind: z.enum(['page', 'pad', 'register', 'tag', 'section']),
  /** The target's key for its kind. */
  target: z.string().max(1000),
  /** Who did it, as shown (« Camille Dupont »); absent for reminders. */
  actorName: z.string().max(200).optional(),
  /** Title, url, excerpt, thread. */
  data: NotificationDataSchema,
});

/** Input of `add`. */
export type NewNotification = z.input<typeof NewNotificationSchema>;
/** The `data` of a notification. */
export type NotificationData = z.infer<typeof NotificationDataSchema>;

/** A stored notification. */
export interface StoredNotification extends Omit<z.infer<typeof NewNotificationSchema>, 'actorName'> {
  /** Row id. */
  id: number;
  /** Who did it, when known. */
  actorName: string | undefined;
  /** When it was stored (epoch ms). */
  createdAt: number;
  /** When the person marked it read (epoch ms). */
  readAt: number | undefined;
  /** When it was e-mailed (epoch ms), set by the mail part. */
  emailedAt: number | undefined;
}

/** Options of `createNotificationStore`. */
export interface NotificationStoreOptions {
  /** The accounts store (`hub.accounts.sql`). */
  sql: Sql;
  /** Clock (epoch ms). */
  now?: () => number;
  /** The hub's bus, told `notification.created` after each insert. */
  events?: HubEvents;
}

/** Options of `list`. */
export interface ListNotificationsOptions {
  /** The recipient. */
  userId: string;
  /** Rows at most (default 20, at most 200). */
  limit?: number;
  /** Rows skipped, newest first. */
  offset?: number;
  /** Only the unread ones. */
  unreadOnly?: boolean;
}

interface Row {
  id: number; user_id: string; kind: string; target_kind: string; target: string; actor_name: string | null;
  data: string; created_at: number; read_at: number | null; emailed_at: number | null;
}

function toNotification(r: Row): StoredNotification {
  const parsed = NotificationDataSchema.safeParse(JSON.parse(r.data));
  return {
    id: Number(r.id),
    userId: r.user_id,
    kind: r.kind as NotificationKind,
    targetKind: r.target_kind as StoredNotification['targetKind'],
    target: r.target,
    actorName: r.actor_name ?? undefined,
    data: parsed.success ? parsed.data : { title: r.target, url: '/' },
    createdAt: Number(r.created_at),
    readAt: r.read_at === null ? undefined : Number(r.read_at),
    emailedAt: r.emailed_at === null ? undefined : Number(r.emailed_at),
  };
}

/** Creates the notification store over the accounts database. */
export function createNotificationStore({ sql, now = Date.now, events }: NotificationStoreOptions) {
  return {
    /** Stores one notification (the caller checked readability) and tells `notification.created`; returns its id. */
    async add(input: NewNotification): Promise<number> {
      const n = parseInput(NewNotificationSchema, input);
      const row = await sql.get<{ id: number }>(
        'INSERT INTO notifications (user_id, kind, target_kind, target, actor_name, data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id',
        [n.userId, n.kind, n.targetKind, n.target, n.actorName ?? null, JSON.stringify(n.data), now()],
      );
      const id = Number(row?.id);
      // Not awaited: mailing must not hold the write that caused the notification.
      void events?.emit('notification.created', { id, userId: n.userId });
      return id;
    },
    /** One notification by id, or undefined. */
    async get(id: number): Promise<StoredNotification | undefined> {
      const row = await sql.get<Row>('SELECT * FROM notifications WHERE id = ?', [id]);
      return row && toNotification(row);
    },
    /** A person's notifications, newest first (not re-checked: callers filter through the gate). */
    async list({ userId, limit = 20, offset = 0, unreadOnly = false }: ListNotificationsOptions): Promise<StoredNotification[]> {
      const where = unreadOnly ? 'AND read_at IS NULL' : '';
      const text = `SELECT * FROM notifications WHERE user_id = ? ${where} ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`;
      const rows = await sql.all<Row>(text, [userId, Math.min(Math.max(limit, 1), 200), Math.max(offset, 0)]);
      return rows.map(toNotification);
    },
    /** Number of unread notifications of a person: one COUNT query. */
    async countUnread(userId: string): Promise<number> {
      return Number((await sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM notifications WHERE user_id = ? AND read_at IS NULL', [userId]))?.n ?? 0);
    },
    /** Marks one of the person's notifications read, or all of them when `id` is absent; returns how many changed. */
    async markRead({ userId, id }: { userId: string; id?: number }): Promise<number> {
      const text = `UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL${id === undefined ? '' : ' AND id = ?'}`;
      return (await sql.run(text, id === undefined ? [now(), userId] : [now(), userId, id])).changes;
    },
    /** A page moved (web rename): its notifications point at its new path. */
    async movePage(from: string, to: string): Promise<void> {
      await sql.run("UPDATE notifications SET target = ? WHERE target_kind = 'page' AND target = ?", [to, from]);
    },
  };
}

/** The notification store. */
export type NotificationStore = ReturnType<typeof createNotificationStore>;
