/**
 * One's own notifications and follows, as the reader gives them to pages and routes
 * (`reader.notifications()`). Every notification shown is re-checked through the reader NOW:
 * one whose page became unreadable (or was removed) is not shown at all, and its title and
 * address are the current ones. The header's count is one COUNT query; notifications are only
 * ever stored for readable targets, and one found unreadable when the list is shown is marked
 * read, so the count stops including it.
 */
import type { WikiReader } from '../reading/wiki-reader.ts';
import type { Follow, FollowKind } from './follows.ts';
import type { HubNotifications } from './hub-notifications.ts';
import type { NotificationKind, StoredNotification } from './notification-store.ts';
import { readableTarget } from './deliver.ts';

/** A notification as the person may see it now. */
export interface ShownNotification {
  /** Row id (to mark it read). */
  id: number;
  /** What happened. */
  kind: NotificationKind;
  /** Current title of the target. */
  title: string;
  /** Current address of the target. */
  url: string;
  /** Who acted. */
  actorName: string | undefined;
  /** A passage of the target. */
  excerpt: string | undefined;
  /** When (epoch ms). */
  createdAt: number;
  /** True once marked read. */
  read: boolean;
}

/** A followed thing the person may still read, with its label and address. */
export interface ShownFollow extends Follow {
  /** « Page Réunion du 3 mars », « Étiquette France Travail »… */
  label: string;
  /** Where it is. */
  url: string;
}

/** The notifications part of a reader (undefined for a visitor). */
export interface ViewerNotifications {
  /** Unread notifications: one COUNT query. */
  unreadCount(): Promise<number>;
  /** One page of notifications, newest first, each re-checked readable now. */
  list(options: { page: number; size: number }): Promise<{ items: ShownNotification[]; hasMore: boolean }>;
  /** What the person follows and may still read. */
  follows(): Promise<ShownFollow[]>;
  /** True when the person follows this thing. */
  isFollowing(kind: FollowKind, target: string): Promise<boolean>;
}

async function show(reader: WikiReader, n: StoredNotification): Promise<ShownNotification | undefined> {
  const target = n.targetKind === 'page' ? { kind: 'page' as const, path: n.target } : n.targetKind === 'pad' ? { kind: 'pad' as const, name: n.target } : undefined;
  const where = target ? await readableTarget(reader, target) : n.targetKind === 'register' ? { title: 'Registre des décisions', url: '/registre' } : undefined;
  if (!where) return undefined;
  const hash = /#[\w-]+$/.exec(n.data.url)?.[0] ?? '';
  return { id: n.id, kind: n.kind, title: where.title, url: where.url + hash, actorName: n.actorName, excerpt: n.data.excerpt, createdAt: n.createdAt, read: n.readAt !== undefined };
}

function showFollow(reader: WikiReader, f: Follow): ShownFollow | undefined {
  if (f.kind === 'register') return { ...f, label: 'Registre des décisions', url: '/registre' };
  if (f.kind === 'page') {
    const page = reader.pageAt(f.target);
    return page && { ...f, label: `Page « ${page.meta.title} »`, url: reader.addressOf(page) };
  }
  if (f.kind === 'tag') {
    const tag = reader.tag(f.target);
    return tag && { ...f, label: `Étiquette « ${tag.tag.label} »`, url: `/tags/${encodeURIComponent(f.target)}` };
  }
  if (!reader.sections().includes(f.target)) return undefined;
  return { ...f, label: `Section « ${reader.sectionTitle(f.target) ?? f.target} »`, url: `/sommaire#section-${f.target.replace(/[^a-z0-9-]+/gi, '-')}` };
}

/** The notifications part of `reader` for its logged-in viewer. */
export function viewerNotifications(hub: Pick<HubNotifications, 'store' | 'follows'>, reader: WikiReader, userId: string): ViewerNotifications {
  return {
    unreadCount: () => hub.store.countUnread(userId),
    async list({ page, size }) {
      const rows = await hub.store.list({ userId, limit: size + 1, offset: (page - 1) * size });
      const asked = rows.slice(0, size);
      const shown = await Promise.all(asked.map((n) => show(reader, n)));
      // One no longer readable stops counting in the header, so the count matches what the list shows.
      for (const [i, n] of asked.entries()) {
        if (shown[i] === undefined && n.readAt === undefined) await hub.store.markRead({ userId, id: n.id });
      }
      return { items: shown.filter((n) => n !== undefined), hasMore: rows.length > size };
    },
    follows: async () => (await hub.follows.listFollows(userId)).map((f) => showFollow(reader, f)).filter((f) => f !== undefined),
    isFollowing: (kind, target) => hub.follows.isFollowing(userId, kind, target),
  };
}
