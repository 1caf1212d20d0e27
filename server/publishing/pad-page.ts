/** Turning a pad's Markdown into a wiki page file (front matter + body), and back. */
import { joinFrontMatter, splitFrontMatter } from '../wiki/front-matter.ts';
import { slugify } from '../wiki/paths.ts';
import type { Visibility } from '../wiki/schema.ts';

/** Page type of a pad published from each template. */
export function pageTypeOf(template: string | undefined): string {
  if (template === 'reunion-equipe') return 'reunion';
  if (template === 'entretien') return 'compte-rendu';
  return 'pad';
}

/** Folder of a newly published page of this type. */
export function sectionOf(type: string): string {
  if (type === 'reunion') return 'reunions';
  if (type === 'compte-rendu') return 'comptes-rendus';
  return 'pads';
}

const defaultTags: Record<string, string[]> = {
  'reunion-equipe': ['réunion d’équipe'],
  entretien: ['accompagnement'],
  atelier: ['atelier'],
};

/** Options of padToPage. */
export interface PadToPageOptions {
  /** The pad's Markdown. */
  text: string;
  /** Pad name (written as `pad:` so the page links back). */
  padName: string;
  /** Template the pad came from. */
  template: string | undefined;
  /** Front matter of the page already published from this pad (kept unless overridden). */
  existing: Record<string, unknown> | undefined;
  /** Title chosen at publication; else the pad's first heading. */
  title?: string | undefined;
  /** Title when neither chosen nor written as a first heading (the pad's own title). */
  fallbackTitle?: string | undefined;
  /** Tags chosen at publication. */
  tags?: string[] | undefined;
  /** Visibility chosen at publication; `equipe` for a new page. */
  visibility?: Visibility | undefined;
  /** Names of everyone who wrote in the pad. */
  contributors: string[];
  /** Day to use when the pad names no date (front matter, heading, or the lines before its first section). */
  date: string;
}

/** A page ready to commit. */
export interface PadPage {
  /** Whole file. */
  content: string;
  /** Title in the front matter. */
  title: string;
  /** Page type. */
  type: string;
  /** Visibility. */
  visibility: Visibility;
  /** Meeting day. */
  date: string;
}

const asList = (v: unknown): string[] =>
  Array.isArray(v) ? v.map(String) : typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : [];
const asDay = (v: unknown): string | undefined =>
  v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : undefined;

const months = ['janvier', 'fevrier', 'mars', 'avril', 'mai', 'juin', 'juillet', 'aout', 'septembre', 'octobre', 'novembre', 'decembre'];
const fold = (s: string): string => s.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
const written = new RegExp(String.raw`\b(\d{4})-(\d{2})-(\d{2})\b|\b(\d{1,2})/(\d{1,2})/(\d{4})\b|\b(\d{1,2})(?:er)?\s+(${months.join('|')})(?:\s+(\d{4}))?\b`);

/** AAAA-MM-JJ of a real calendar day. */
function calendarDay(year: number, month: number, day: number): string | undefined {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCMonth() === month - 1 && d.getUTCDate() === day ? d.toISOString().slice(0, 10) : undefined;
}

/** The first date written in `text` (`2026-03-17`, `17/03/2026`, `mardi 17 mars 2026`, `17 mars`: year of `fallback`). */
export function writtenDate(text: string, fallback: string): string | undefined {
  const m = written.exec(fold(text));
  if (!m) return undefined;
  if (m[1]) return calendarDay(Number(m[1]), Number(m[2]), Number(m[3]));
  if (m[4]) return calendarDay(Number(m[6]), Number(m[5]), Number(m[4]));
  const year = Number(fallback.slice(0, 4));
  const day = calendarDay(Number(m[9] ?? year), months.indexOf(m[8] ?? '') + 1, Number(m[7]));
  // « 6 janvier » written in a pad opened in December is next year's meeting.
  if (m[9] === undefined && day !== undefined && Date.parse(day) < Date.parse(fallback) - 180 * 86_400_000) return calendarDay(year + 1, months.indexOf(m[8] ?? '') + 1, Number(m[7]));
  return day;
}

/**
 * The day of the meeting a pad records: written in its title or in the lines before its first
 * section (« Réunion du 17 mars », « **Entretien** : 17/03/2026 »), else `fallback` — the pad may
 * well have been opened days before the meeting.
 */
export function meetingDate({ title, body, fallback }: { title: string; body: string; fallback: string }): string {
  const intro = body.split(/^#{1,6}\s/m)[0] ?? '';
  return writtenDate(title, fallback) ?? writtenDate(intro, fallback) ?? fallback;
}

/** Splits a leading `# Title` line off the body. */
export function takeHeading(body: string): { heading: string | undefined; rest: string } {
  const m = /^\s*#[ \t]+(.+?)[ \t#]*(?:\r?\n|$)/.exec(body);
  if (!m?.[1]) return { heading: undefined, rest: body };
  return { heading: m[1].trim(), rest: body.slice(m[0].length).replace(/^(?:[ \t]*\r?\n)+/, '') };
}

/** Builds the page file of a pad: title from the first heading, front matter merged with the page's own. */
export function padToPage(options: PadToPageOptions): PadPage {
  const split = splitFrontMatter(options.text);
  const { heading, rest } = takeHeading(split.body);
  const existing = { ...split.data, ...options.existing };
  const title = options.title?.trim() || heading || (typeof existing['title'] === 'string' ? existing['title'] : undefined) || options.fallbackTitle || options.padName;
  const type = typeof existing['type'] === 'string' ? existing['type'] : pageTypeOf(options.template);
  const visibility: Visibility = options.visibility ?? (existing['visibility'] === 'public' ? 'public' : 'equipe');
  const date = asDay(existing['date']) ?? meetingDate({ title, body: rest, fallback: options.date });
  const tags = options.tags ?? (existing['tags'] === undefined ? (defaultTags[options.template ?? ''] ?? []) : asList(existing['tags']));
  const participants = [...new Set([...asList(existing['participants']), ...options.contributors])];
  const data: Record<string, unknown> = {
    ...existing,
    title,
    type,
    tags,
    visibility,
    date,
    participants: participants.length > 0 ? participants : undefined,
    pad: options.padName,
  };
  const body = rest.endsWith('\n') ? rest : `${rest}\n`;
  return { content: joinFrontMatter(data, body), title, type, visibility, date };
}

/** The pad text of an existing page: its title as first heading, then its body. */
export function pageToPadText({ title, body }: { title: string; body: string }): string {
  const { heading, rest } = takeHeading(body);
  return `# ${heading ?? title}\n\n${rest}`;
}

/** Path of a new page for a published pad: `<section>/<date>-<slug of title>.md`. */
export function newPagePath({ type, date, title }: { type: string; date: string; title: string }): string {
  return `${sectionOf(type)}/${date}-${slugify(title, 60)}.md`;
}
