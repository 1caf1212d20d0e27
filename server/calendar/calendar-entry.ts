/** What every event of a feed has, and how its UID is made. */
import { createHash } from 'node:crypto';
import type { MeetingHours } from './meeting-hours.ts';

/** One event of a feed. */
export interface CalendarEntry {
  /** Stable unique id: a calendar updates the event instead of adding a copy. */
  uid: string;
  /** What the feed holds it for. */
  kind: 'meeting' | 'agenda' | 'pad' | 'action';
  /** Title (SUMMARY). */
  summary: string;
  /** French text (DESCRIPTION); ends with the address. */
  description: string;
  /** Absolute address of the page, pad or meeting (URL). */
  url: string;
  /** The day, AAAA-MM-JJ. */
  day: string;
  /** Hours in Paris, when the page says; absent: an all-day event. */
  hours?: MeetingHours | undefined;
  /** Where it takes place (LOCATION), when the page says. */
  location?: string | undefined;
  /** Last change of what the event comes from; absent when unknown. */
  lastModified?: Date | undefined;
}

/** Where addresses start and what UIDs end with. */
export interface EntryContext {
  /** `https://wiki.exemple.org` (no trailing slash). */
  base: string;
}

const longDay = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** « 12 mars 2026 » for `2026-03-12`. */
export function frenchDay(day: string): string {
  return longDay.format(new Date(`${day}T00:00:00Z`));
}

/** A UID from what identifies the source: a page's path or a pad's name, so that renaming a meeting keeps its event. */
export function entryUid(kind: CalendarEntry['kind'], key: string, { base }: EntryContext): string {
  const digest = createHash('sha256').update(`${kind}\n${key}`, 'utf8').digest('hex').slice(0, 32);
  return `${kind}-${digest}@${new URL(base).host}`;
}
