/**
 * The one door through which notifications are stored: it asks the gate, as the recipient would
 * be now (`viewerOf` + `forViewer`), whether they may read the target, and stores nothing
 * otherwise — not even « someone mentioned you ». Nobody is told of their own action. Title and
 * address come from the recipient's own reader, so a notification never says more than they may read.
 */
import type { Viewer } from '../access/viewer.ts';
import type { WikiReader } from '../reading/wiki-reader.ts';
import type { NotificationKind, NotificationStore } from './notification-store.ts';

/** What a notification is about: a page (repository path) or a pad (name). */
export type NotifyTarget = { kind: 'page'; path: string; hash?: string } | { kind: 'pad'; name: string; hash?: string };

/** What deliver needs from the hub. */
export interface DeliverDeps {
  /** The notification store. */
  store: NotificationStore;
  /** The viewer a person would be now; undefined when deactivated. */
  viewerOf(personId: string): Promise<Viewer | undefined>;
  /** The reader of a viewer (the one gate). */
  forViewer(viewer: Viewer): WikiReader;
}

/** One notification to deliver. */
export interface Delivery {
  /** Recipient. */
  userId: string;
  /** Who acted (never told of their own action); undefined for the system. */
  actorId: string | undefined;
  /** Shown as « par … ». */
  actorName: string | undefined;
  /** What happened. */
  kind: NotificationKind;
  /** Where. */
  target: NotifyTarget;
  /** A short passage of the target itself. */
  excerpt?: string | undefined;
  /** The comment thread, for comments. */
  threadId?: string | undefined;
}

/** Title and address of a target as `reader` may read it, or undefined. */
export async function readableTarget(reader: WikiReader, target: NotifyTarget): Promise<{ title: string; url: string } | undefined> {
  const hash = target.hash === undefined ? '' : `#${target.hash}`;
  if (target.kind === 'page') {
    const page = reader.pageAt(target.path);
    return page && { title: page.meta.title.slice(0, 300), url: `${reader.addressOf(page)}${hash}` };
  }
  const pad = await reader.pad(target.name);
  return pad && { title: (pad.title ?? pad.name).slice(0, 300), url: `/pads/${encodeURIComponent(pad.name)}${hash}` };
}

/** Stores the notification when the recipient may read its target now; returns true when stored. */
export async function deliver(deps: DeliverDeps, d: Delivery): Promise<boolean> {
  if (d.actorId !== undefined && d.actorId === d.userId) return false;
  const viewer = await deps.viewerOf(d.userId);
  if (!viewer) return false;
  const shown = await readableTarget(deps.forViewer(viewer), d.target);
  if (!shown) return false;
  await deps.store.add({
    userId: d.userId,
    kind: d.kind,
    targetKind: d.target.kind,
    target: d.target.kind === 'page' ? d.target.path : d.target.name,
    ...(d.actorName === undefined ? {} : { actorName: d.actorName }),
    data: { ...shown, ...(d.excerpt ? { excerpt: d.excerpt } : {}), ...(d.threadId ? { threadId: d.threadId } : {}) },
  });
  return true;
}
