/**
 * Calendar entries as iCalendar text (RFC 5545), written by ical-generator. Times are Paris wall
 * clock with `TZID=Europe/Paris` and its VTIMEZONE (Outlook wants the definition in the file);
 * days without hours are all-day events, which no time zone can shift to the day before.
 */
import { TZDate } from '@date-fns/tz';
import ical, { ICalEventTransparency } from 'ical-generator';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import type { CalendarEntry } from './calendar-entries.ts';
import type { TimeOfDay } from './meeting-hours.ts';

/** The zone of every timed event: the teams are in France. */
export const calendarTimeZone = 'Europe/Paris';

/** Options of `buildCalendar`. */
export interface BuildCalendarOptions {
  /** Name calendar applications show (X-WR-CALNAME). */
  name: string;
  /** One sentence about the feed (X-WR-CALDESC). */
  description: string;
  /** The events. */
  entries: readonly CalendarEntry[];
  /** Now: DTSTAMP of events whose last change is unknown. */
  now: Date;
}

let parisZone: string | null | undefined;

/** The VTIMEZONE of Paris, read once (the package reads a file at each call). */
function zoneComponent(zone: string): string | null {
  if (zone !== calendarTimeZone) return null;
  parisZone ??= getVtimezoneComponent(calendarTimeZone);
  return parisZone;
}

/**
 * A Paris wall-clock time. ical-generator reads a native Date in the process's own time zone;
 * a TZDate (which it recognises) carries its zone, whatever the server's TZ is.
 */
function wallClock(day: string, at: TimeOfDay): TZDate {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new TZDate(y, m - 1, d, at.hour, at.minute, calendarTimeZone);
}

function dayAfter(day: string): Date {
  const start = new Date(`${day}T00:00:00Z`);
  return new Date(start.getTime() + 86_400_000);
}

/** The feed as text; events sorted by day then UID, so that the same wiki gives the same file. */
export function buildCalendar({ name, description, entries, now }: BuildCalendarOptions): string {
  const calendar = ical({
    name,
    description,
    prodId: { company: 'Gare centrale', product: 'Calendrier', language: 'FR' },
    timezone: { name: null, generator: zoneComponent },
    // Outlook and Thunderbird read it as how often to fetch the feed again.
    ttl: 60 * 60,
  });
  const sorted = [...entries].sort((a, b) => a.day.localeCompare(b.day) || a.uid.localeCompare(b.uid));
  for (const entry of sorted) {
    const stamp = entry.lastModified ?? now;
    const common = {
      id: entry.uid,
      summary: entry.summary,
      description: entry.description,
      url: entry.url,
      ...(entry.location === undefined ? {} : { location: entry.location }),
      stamp,
      ...(entry.lastModified ? { lastModified: entry.lastModified } : {}),
    };
    if (entry.hours) {
      calendar.createEvent({ ...common, timezone: calendarTimeZone, start: wallClock(entry.day, entry.hours.start), end: wallClock(entry.day, entry.hours.end) });
    } else {
      // An all-day event does not block the day in someone's free/busy time.
      calendar.createEvent({ ...common, allDay: true, start: new Date(`${entry.day}T00:00:00Z`), end: dayAfter(entry.day), transparency: ICalEventTransparency.TRANSPARENT });
    }
  }
  return calendar.toString();
}
