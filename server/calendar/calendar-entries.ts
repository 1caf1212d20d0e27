/**
 * What a calendar feed shows, decided from what a reader returns (so only what its viewer may
 * read): meetings (pages of a meeting type with a `date:`), the dated rows of agenda pages'
 * tables, pads with a date that are not yet published (their page takes over once published) and
 * open actions of the register with a due date. The feed module turns entries into iCalendar.
 *
 * Choices, documented in the help page (aide/calendrier):
 * - Meeting types are the register's (`reunion`, `compte-rendu`, `pad`): their `date:` is the day
 *   the meeting took place. An `agenda` page's `date:` is its update day: its events are the rows
 *   of its tables (agenda-rows.ts). Other types' dates (a resource's writing day) are not events.
 * - A pad's date is the one its name ends with (`point-equipe-2026-03-10`: the day it was opened
 *   for the meeting's notes).
 * - Actions are all-day VEVENTs, not VTODOs: Outlook ignores tasks in a subscribed calendar and
 *   Thunderbird shows them apart; an event on the due day is seen by everyone. Done actions leave
 *   the feed.
 */
import type { RegisterAction } from '../register/register.ts';
import { meetingTypes } from '../register/register.ts';
import type { Page } from '../wiki/page.ts';
import { agendaRows } from './agenda-rows.ts';
import { entryUid, frenchDay, type CalendarEntry, type EntryContext } from './calendar-entry.ts';
import { findMeetingHours } from './meeting-hours.ts';

export type { CalendarEntry, EntryContext } from './calendar-entry.ts';

/** `AAAA-MM-JJ` when it is a real day. */
function realDay(text: string): string | undefined {
  const d = new Date(`${text}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(d.getTime()) && d.toISOString().startsWith(text) ? text : undefined;
}

/** A page the feed may show, with what the reader knows of it. */
export interface ReadablePage {
  /** The page. */
  page: Page;
  /** Its address (`reader.addressOf(page)`). */
  address: string;
  /** Time (ISO) of its last commit, when known. */
  updatedAt: string | undefined;
  /** Its Markdown body (`reader.pageSource`), where meeting hours and agenda rows are written. */
  body: string;
}

/** Meetings: readable pages of a meeting type with a date. */
export function meetingEntries(pages: readonly ReadablePage[], context: EntryContext): CalendarEntry[] {
  return pages.flatMap(({ page, address, updatedAt, body }): CalendarEntry[] => {
    const day = page.meta.date;
    if (!meetingTypes.has(page.meta.type) || day === undefined) return [];
    const url = context.base + address;
    const about = [page.meta.summary, page.meta.participants.length > 0 ? `Participant·es : ${page.meta.participants.join(', ')}.` : undefined];
    return [{
      uid: entryUid('meeting', page.path, context),
      kind: 'meeting',
      summary: page.meta.title,
      description: [...about.filter((t) => t !== undefined), `Notes de la réunion : ${url}`].join('\n\n'),
      url,
      day,
      hours: findMeetingHours(body),
      lastModified: updatedAt === undefined ? undefined : new Date(updatedAt),
    }];
  });
}

/** Events of agenda pages' tables (see agenda-rows.ts), each at its page's address. */
export function agendaEntries(pages: readonly ReadablePage[], context: EntryContext): CalendarEntry[] {
  const seen = new Map<string, number>();
  return pages.flatMap(({ page, address, updatedAt, body }): CalendarEntry[] => {
    if (page.meta.type !== 'agenda') return [];
    const url = context.base + address;
    return agendaRows(body).map((row): CalendarEntry => {
      const key = `${page.path}\n${row.day}\n${row.title.toLowerCase()}`;
      const nth = (seen.get(key) ?? 0) + 1;
      seen.set(key, nth);
      return {
        uid: entryUid('agenda', nth === 1 ? key : `${key}\n${nth}`, context),
        kind: 'agenda',
        summary: row.title,
        description: `${row.place === undefined ? '' : `Lieu : ${row.place}.\n\n`}Dans « ${page.meta.title} » : ${url}`,
        url,
        day: row.day,
        hours: row.hours,
        location: row.place,
        lastModified: updatedAt === undefined ? undefined : new Date(updatedAt),
      };
    });
  });
}

/** A pad as the feed needs it (`reader.pads()` gives more). */
export interface DatedPadSource {
  /** Pad name (`point-equipe-2026-03-10`). */
  name: string;
  /** Title, if set. */
  title?: string | undefined;
  /** Page it is published to, if any. */
  publishedPath?: string | undefined;
  /** Last stored change, ms. */
  updatedAt: number;
}

/** Pads whose name ends with a date, not yet published. */
export function padEntries(pads: readonly DatedPadSource[], context: EntryContext): CalendarEntry[] {
  return pads.flatMap((pad): CalendarEntry[] => {
    // `freePadName` adds `-2`, `-3`… after the date when the same title is used twice a day.
    const day = realDay(/-(\d{4}-\d{2}-\d{2})(?:-\d{1,3})?$/.exec(pad.name)?.[1] ?? '');
    if (day === undefined || pad.publishedPath !== undefined) return [];
    const url = `${context.base}/pads/${encodeURIComponent(pad.name)}`;
    return [{
      uid: entryUid('pad', pad.name, context),
      kind: 'pad',
      summary: `Pad : ${pad.title ?? pad.name}`,
      description: `Notes prises à plusieurs, en direct, dans le pad « ${pad.title ?? pad.name} ».\n\nOuvrir le pad : ${url}`,
      url,
      day,
      lastModified: new Date(pad.updatedAt),
    }];
  });
}

/** Open actions with a due date; `updatedAt` gives the last change of their meeting page. */
export function actionEntries(actions: readonly RegisterAction[], updatedAt: (path: string) => string | undefined, context: EntryContext): CalendarEntry[] {
  // The same action text twice in one page gets two events (and two UIDs).
  const seen = new Map<string, number>();
  return actions.flatMap((action): CalendarEntry[] => {
    if (action.done || action.due === undefined) return [];
    const text = action.text.replace(/\s+/g, ' ').trim();
    const key = `${action.page.path}\n${text.toLowerCase()}`;
    const nth = (seen.get(key) ?? 0) + 1;
    seen.set(key, nth);
    const url = context.base + action.page.url;
    const who = action.owner === undefined ? '' : ` par ${action.owner}`;
    const changed = updatedAt(action.page.path);
    return [{
      // The page and the words, not the line: an edit above the action keeps its event.
      uid: entryUid('action', nth === 1 ? key : `${key}\n${nth}`, context),
      kind: 'action',
      summary: `Action : ${text}${action.owner === undefined ? '' : ` (@${action.owner})`}`,
      description: `À faire${who} avant le ${frenchDay(action.due)}.\n\nDécidée lors de « ${action.page.title} » : ${url}`,
      url,
      day: action.due,
      lastModified: changed === undefined ? undefined : new Date(changed),
    }];
  });
}
