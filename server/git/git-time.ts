/** Conversions between JS dates and git signatures. */

/** A git signature's time part: seconds since the epoch, offset in minutes (JS sign, UTC = 0). */
export interface GitTime {
  /** Seconds since 1970-01-01 UTC. */
  timestamp: number;
  /** Minutes, as `Date#getTimezoneOffset` (positive west of UTC). */
  timezoneOffset: number;
}

/** Commits are stamped in UTC so the same clock gives the same commit id on every machine. */
export function toGitTime(date: Date): GitTime {
  return { timestamp: Math.floor(date.getTime() / 1000), timezoneOffset: 0 };
}

/** ISO 8601 date of a git timestamp (seconds). */
export function gitTimeToIso(timestamp: number): string {
  return new Date(timestamp * 1000).toISOString();
}

/** A person credited on a commit. */
export interface GitPerson {
  /** Display name. */
  name: string;
  /** E-mail (may be a placeholder such as `prenom@localhost`). */
  email: string;
}

const trailerPattern = /^co-authored-by:\s*(.+?)\s*<([^>]*)>\s*$/gim;

/** Co-authors named in `Co-authored-by:` trailers of a commit message. */
export function parseCoAuthors(message: string): GitPerson[] {
  return [...message.matchAll(trailerPattern)].map((m) => ({ name: m[1] ?? '', email: m[2] ?? '' }));
}

/** Message with one `Co-authored-by:` trailer per co-author (blank line before the trailers). */
export function withCoAuthors(message: string, coAuthors: readonly GitPerson[]): string {
  const body = message.replace(/\s+$/, '');
  const clean = (s: string): string => s.replace(/[<>\n\r]/g, '').trim();
  if (coAuthors.length === 0) return `${body}\n`;
  const trailers = coAuthors.map((p) => `Co-authored-by: ${clean(p.name)} <${clean(p.email)}>`);
  return `${body}\n\n${trailers.join('\n')}\n`;
}
