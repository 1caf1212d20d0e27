/**
 * A calendar feed as one reader sees it: the public feed reads as a visitor, a personal feed as
 * the link's person now (role and groups). Everything comes through the reader, the one gate.
 */
import type { WikiReader } from '../reading/wiki-reader.ts';
import { meetingTypes } from '../register/register.ts';
import { actionEntries, agendaEntries, meetingEntries, padEntries, type CalendarEntry, type EntryContext } from './calendar-entries.ts';
import { buildCalendar } from './build-calendar.ts';
import { createLimit } from '../util/limit.ts';

/** Meeting and agenda bodies read at once for one feed. */
const BODY_READS = 16;

/** Options of `calendarFeed`. */
export interface CalendarFeedOptions {
  /** Whose feed: `hub.forViewer(anonymous)` or `hub.forViewer(hub.accounts.viewerOf(id))`. */
  reader: WikiReader;
  /** Public address of the hub, without trailing slash. */
  base: string;
  /** Name calendar applications show. */
  name: string;
  /** Now. */
  now: Date;
}

/** Meetings, agenda rows, dated pads and open actions the reader may read. */
export async function calendarEntries(reader: WikiReader, context: EntryContext): Promise<CalendarEntry[]> {
  const chosen = reader.pages().filter((page) => (page.meta.date !== undefined && meetingTypes.has(page.meta.type)) || page.meta.type === 'agenda');
  // Bodies are read back (the index keeps none), a few at a time: a feed lists every meeting.
  const limit = createLimit(BODY_READS);
  const pages = await Promise.all(
    chosen.map(async (page) => ({ page, address: reader.addressOf(page), updatedAt: reader.updatedAt(page), body: (await limit(() => reader.pageSource(page)))?.body ?? '' })),
  );
  const updatedAt = (path: string): string | undefined => {
    const page = reader.pageAt(path);
    return page === undefined ? undefined : reader.updatedAt(page);
  };
  return [
    ...meetingEntries(pages, context),
    ...agendaEntries(pages, context),
    ...padEntries(await reader.pads(), context),
    ...actionEntries((await reader.register()).actions, updatedAt, context),
  ];
}

/** The iCalendar text of the feed. */
export async function calendarFeed({ reader, base, name, now }: CalendarFeedOptions): Promise<string> {
  const entries = await calendarEntries(reader, { base });
  const description = reader.viewer.person
    ? `Réunions, ateliers, pads et actions à échéance que ${reader.viewer.person.name} peut lire sur Gare centrale.`
    : 'Réunions, ateliers, pads et actions à échéance des pages publiques de Gare centrale.';
  return buildCalendar({ name, description, entries, now });
}
