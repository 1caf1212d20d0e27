/** Reads a feed with ical.js, a real iCalendar parser (the one Thunderbird uses), into plain events. */
import ICAL from 'ical.js';

/** An event as a calendar application reads it. */
export interface ParsedEvent {
  /** UID. */
  uid: string;
  /** SUMMARY. */
  summary: string;
  /** DESCRIPTION. */
  description: string;
  /** URL. */
  url: string | undefined;
  /** True for an all-day event (DTSTART;VALUE=DATE). */
  allDay: boolean;
  /** AAAA-MM-JJ for an all-day event, the instant (ISO, UTC) otherwise. */
  start: string;
  /** Same for DTEND. */
  end: string | undefined;
  /** TZID of DTSTART, when it has one. */
  tzid: string | undefined;
  /** LAST-MODIFIED, ISO. */
  lastModified: string | undefined;
  /** DTSTAMP, ISO. */
  stamp: string | undefined;
}

/** The calendar's name and events; throws when the text is not iCalendar. */
export function parseIcs(text: string): { name: string | undefined; events: ParsedEvent[] } {
  const calendar = new ICAL.Component(ICAL.parse(text));
  // Times in Europe/Paris become instants only once the feed's VTIMEZONE is known to the parser.
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  const when = (t: ICAL.Time | null): string | undefined => (t === null ? undefined : t.isDate ? t.toString() : t.toJSDate().toISOString());
  const events = calendar.getAllSubcomponents('vevent').map((vevent): ParsedEvent => {
    const event = new ICAL.Event(vevent);
    const property = (name: string): string | undefined => {
      const value = vevent.getFirstPropertyValue(name);
      return value === null ? undefined : String(value);
    };
    const stamp = vevent.getFirstPropertyValue('dtstamp') as ICAL.Time | null;
    const modified = vevent.getFirstPropertyValue('last-modified') as ICAL.Time | null;
    return {
      uid: event.uid,
      summary: event.summary,
      description: event.description,
      url: property('url'),
      allDay: event.startDate.isDate,
      start: when(event.startDate) ?? '',
      end: when(event.endDate),
      tzid: vevent.getFirstProperty('dtstart')?.getParameter('tzid') as string | undefined,
      lastModified: when(modified),
      stamp: when(stamp),
    };
  });
  const name = calendar.getFirstPropertyValue('x-wr-calname');
  return { name: name === null ? undefined : String(name), events };
}
