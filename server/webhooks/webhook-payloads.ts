/**
 * What a webhook is told of an event, built as its owner would read it: every page, pad, comment
 * or proposal is looked up through the owner's reader (`hub.forViewer(viewerOf(owner))`), and
 * when the owner may not read it the answer is `undefined` — no delivery at all, not even a
 * neutral one. A payload holds the page's path, address, title and visibility, never its text.
 */
import type { HubEventMap, PageChange } from '../events/hub-events.ts';
import type { WikiReader } from '../reading/wiki-reader.ts';
import type { Page } from '../wiki/page.ts';
import type { WebhookEvent } from './webhook-schemas.ts';

/** What every payload starts with. */
export interface PayloadHead {
  /** Delivery id (also `X-Gare-Delivery`): the same when a delivery is sent again. */
  id: string;
  /** When the event happened (ISO). */
  timestamp: string;
}

/** Options of the payload builders. */
export interface PayloadOptions<E> {
  /** The event as the bus told it. */
  event: E;
  /** The owner's reader: the one gate. */
  reader: WikiReader;
  /** Public address of the hub (`GARE_PUBLIC_URL`), to make addresses absolute; undefined leaves them relative. */
  base: string | undefined;
  /** Id and time. */
  head: PayloadHead;
}

/** A payload, ready to serialise. */
export type Payload = PayloadHead & { event: WebhookEvent } & Record<string, unknown>;

const absolute = (base: string | undefined, url: string): string => (base ? `${base.replace(/\/+$/, '')}${url}` : url);

/** The page part of a payload: path, address, title, visibility — nothing else. */
function pageInfo(page: Page, base: string | undefined) {
  return { path: page.path, url: absolute(base, page.url), title: page.meta.title, visibility: page.meta.visibility };
}

/** `page.saved` for one changed page: created, modified or removed — undefined when the owner may not read it. */
export function pageSavedPayload({ event: change, reader, base, head }: PayloadOptions<PageChange>): Payload | undefined {
  // A removed page is judged as it was; any other as it is now (a page made private is not told).
  const page = change.after ?? change.before;
  if (page === undefined || !reader.can('page.read', page.meta)) return undefined;
  const kind = change.before === undefined ? 'created' : change.after === undefined ? 'removed' : 'modified';
  return { event: 'page.saved', ...head, change: kind, page: pageInfo(page, base) };
}

/** `pad.published`: the pad and the page it was published to, both readable by the owner. */
export async function padPublishedPayload({ event, reader, base, head }: PayloadOptions<HubEventMap['pad.published']>): Promise<Payload | undefined> {
  const pad = await reader.pad(event.pad);
  const page = reader.pageAt(event.path);
  if (pad === undefined || page === undefined) return undefined;
  return { event: 'pad.published', ...head, pad: { name: pad.name, title: pad.title ?? pad.name, url: absolute(base, `/pads/${encodeURIComponent(pad.name)}`) }, page: pageInfo(page, base), by: { name: event.by.name } };
}

/** `comment.created`: the comment and where it is, when the owner may read the page or pad. */
export async function commentPayload({ event, reader, base, head }: PayloadOptions<HubEventMap['comment.created']>): Promise<Payload | undefined> {
  const comment = { id: event.commentId, threadId: event.threadId, body: event.body, author: { name: event.by.name } };
  if (event.target.kind === 'page') {
    const page = reader.pageAt(event.target.target);
    return page && { event: 'comment.created', ...head, comment, page: pageInfo(page, base) };
  }
  const pad = await reader.pad(event.target.target);
  return pad && { event: 'comment.created', ...head, comment, pad: { name: pad.name, title: pad.title ?? pad.name, url: absolute(base, `/pads/${encodeURIComponent(pad.name)}`) } };
}

/** `proposal.created`: the proposal when the owner may see it (the team; a contributeur their own), and its page when it exists and is readable. */
export async function proposalPayload({ event, reader, base, head }: PayloadOptions<HubEventMap['proposal.created']>): Promise<Payload | undefined> {
  const detail = await reader.proposal(event.id).catch(() => undefined);
  if (detail === undefined) return undefined;
  const { proposal } = detail;
  const page = reader.pageAt(proposal.path);
  return {
    event: 'proposal.created', ...head,
    proposal: { id: proposal.id, title: proposal.title, action: proposal.action, path: proposal.path, url: absolute(base, proposal.url), author: { name: event.by.name } },
    ...(page ? { page: pageInfo(page, base) } : {}),
  };
}
