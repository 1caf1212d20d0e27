/**
 * Events listed in an agenda page's tables (type `agenda`, « Agenda des ateliers »): a table with
 * a « Date » column gives one event per row whose date reads `JJ/MM/AAAA` (after a weekday, as
 * « mar. 17/11/2026 ») or `AAAA-MM-JJ`; an « Horaire » column gives its hours, a « Lieu » column its
 * place, and the « Atelier » (or « Titre », « Événement », « Séance », « Sujet ») column its title.
 * The page's own `date:` is the day it was updated, not an event. Pure (no `node:` import).
 */
import { findMeetingHours, type MeetingHours } from './meeting-hours.ts';

/** One dated row of an agenda table. */
export interface AgendaRow {
  /** AAAA-MM-JJ. */
  day: string;
  /** Title, as plain text. */
  title: string;
  /** Hours, when the row gives them. */
  hours: MeetingHours | undefined;
  /** Place, as plain text, when the row gives it. */
  place: string | undefined;
}

const fold = (s: string): string => s.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().trim();
const titleHeads = ['atelier', 'titre', 'evenement', 'seance', 'sujet', 'intitule', 'quoi'];
const hourHeads = ['horaire', 'horaires', 'heure', 'heures'];
const placeHeads = ['lieu', 'ou', 'adresse', 'salle'];

/** Cells of a table line; a `|` inside `[[…]]` or escaped (`\|`) stays in its cell. */
function cellsOf(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let depth = 0;
  const text = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (c === '\\' && text[i + 1] === '|') {
      cell += '|';
      i++;
    } else if (c === '[' && text[i + 1] === '[') {
      depth++;
      cell += '[[';
      i++;
    } else if (c === ']' && text[i + 1] === ']' && depth > 0) {
      depth--;
      cell += ']]';
      i++;
    } else if (c === '|' && depth === 0) {
      cells.push(cell.trim());
      cell = '';
    } else cell += c;
  }
  cells.push(cell.trim());
  return cells;
}

/** Markdown of a cell as plain text: `[[Page|alias]]`, `[texte](lien)`, emphasis and code marks dropped. */
export function plainCell(cell: string): string {
  return cell
    .replace(/\[\[([^\]|]+)(?:\|([^\]]+))?\]\]/g, (_, page: string, alias: string | undefined) => alias ?? page)
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__|\*|_|`)/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function dayOf(cell: string): string | undefined {
  const fr = /(?:^|\D)(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\D|$)/.exec(cell);
  const iso = /(?:^|\D)(\d{4})-(\d{2})-(\d{2})(?:\D|$)/.exec(cell);
  const [y, m, d] = fr ? [Number(fr[3]), Number(fr[2]), Number(fr[1])] : iso ? [Number(iso[1]), Number(iso[2]), Number(iso[3])] : [0, 0, 0];
  const date = new Date(Date.UTC(y, m - 1, d));
  return y > 0 && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? date.toISOString().slice(0, 10) : undefined;
}

/** The dated rows of every table in `body` that has a « Date » column. */
export function agendaRows(body: string): AgendaRow[] {
  const rows: AgendaRow[] = [];
  const lines = body.split(/\r?\n/);
  for (let i = 0; i + 1 < lines.length; i++) {
    const separator = lines[i + 1] ?? '';
    if (!(lines[i] ?? '').trim().startsWith('|') || !/^\s*\|?\s*:?-{3,}/.test(separator)) continue;
    const heads = cellsOf(lines[i] ?? '').map(fold);
    const date = heads.indexOf('date');
    if (date < 0) continue;
    const pick = (names: string[]): number => heads.findIndex((h) => names.includes(h));
    const hours = pick(hourHeads);
    const place = pick(placeHeads);
    const titled = pick(titleHeads);
    const title = titled >= 0 ? titled : heads.findIndex((_, k) => k !== date && k !== hours && k !== place);
    for (i += 2; i < lines.length && (lines[i] ?? '').trim().startsWith('|'); i++) {
      const cells = cellsOf(lines[i] ?? '');
      const day = dayOf(cells[date] ?? '');
      const name = plainCell(cells[title] ?? '');
      if (day === undefined || name === '') continue;
      const where = place >= 0 ? plainCell(cells[place] ?? '') : '';
      rows.push({ day, title: name, hours: hours >= 0 ? findMeetingHours(cells[hours] ?? '') : undefined, place: where === '' ? undefined : where });
    }
  }
  return rows;
}
