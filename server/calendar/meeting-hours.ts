/**
 * The hours of a meeting, as the teams write them at the top of its notes: « **Horaire** :
 * 9 h 30–10 h 30 » (the pad template), « **Mardi 8 septembre 2026, 9 h 30–10 h 45** », « de 14h
 * à 17h ». Pure (no `node:` import). Only the first lines count: further down, « 18 h–20 h » is
 * more likely a workshop mentioned in passing than the meeting's own hours.
 */

/** A time of day, Paris wall clock. */
export interface TimeOfDay {
  /** 0–23. */
  hour: number;
  /** 0–59. */
  minute: number;
}

/** When a meeting starts and ends on its day. */
export interface MeetingHours {
  /** Start. */
  start: TimeOfDay;
  /** End, after the start. */
  end: TimeOfDay;
}

/** How many non-blank lines of the body are searched. */
const headLines = 6;
const time = String.raw`([01]?\d|2[0-3])\s?[hH:]\s?([0-5]\d)?`;
const range = new RegExp(String.raw`(?<![\d,.])${time}\s*(?:–|—|-|à)\s*${time}(?![\d%])`, 'u');

/** The first hour range in the first lines of a page body, or undefined (an all-day event). */
export function findMeetingHours(body: string): MeetingHours | undefined {
  const lines = body.split(/\r?\n/).filter((l) => l.trim() !== '').slice(0, headLines);
  for (const line of lines) {
    const m = range.exec(line);
    if (!m) continue;
    const start = { hour: Number(m[1]), minute: Number(m[2] ?? 0) };
    const end = { hour: Number(m[3]), minute: Number(m[4] ?? 0) };
    if (end.hour * 60 + end.minute > start.hour * 60 + start.minute) return { start, end };
  }
  return undefined;
}
