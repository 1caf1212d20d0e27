/**
 * Decisions and actions written in a meeting page, for the decision register. Pure (no `node:`
 * import): the editor preview can run it too.
 *
 * Syntax (see content/tutoriels/prendre-des-notes-de-reunion.md):
 * - a line or list item starting with `Décision :` (also `**Décision :**`, `Decision:`, any case,
 *   with or without accents) is a decision;
 * - a list item starting with `Action :`, usually a task `- [ ] Action : texte @Prénom avant le
 *   2026-03-20`, is an action: done when ticked `[x]`, owner the first `@Name`, due date after
 *   `avant le`, `pour le` or `d'ici le`, as AAAA-MM-JJ, JJ/MM/AAAA or JJ/MM (year of the meeting).
 * Front matter, fenced code and HTML comments are skipped (the templates and the tutorial hold
 * examples there), and so are placeholders such as `Action : … @Prénom avant le AAAA-MM-JJ`.
 */

/** The page the text comes from. */
export interface ExtractDecisionsOptions {
  /** Full Markdown source, front matter included (line numbers count from its first line). */
  source: string;
  /** Repository path of the page (for the caller's register). */
  pagePath?: string;
  /** Title of the page (for the caller's register). */
  pageTitle?: string;
  /** Date of the meeting, AAAA-MM-JJ: gives the year of due dates written JJ/MM. */
  date?: string;
  /** Tags of the page (for the caller's register). */
  tags?: string[];
}

/** A decision, with its 1-based line in the source. */
export interface Decision {
  text: string;
  line: number;
}

/** An action item. */
export interface ActionItem {
  text: string;
  /** Name after `@`, without it. */
  owner: string | undefined;
  /** AAAA-MM-JJ. */
  due: string | undefined;
  done: boolean;
  line: number;
}

const fold = (s: string): string => s.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
const emphasis = String.raw`(\*\*|__|\*|_)?`;
const itemPattern = new RegExp(
  String.raw`^\s*(?:>\s*)*(?:(?:[-*+]|\d{1,9}[.)])\s+(?:\[([ xX])\]\s+)?)?` +
    emphasis + String.raw`\s*([\p{L}\p{M}]+)\s*` + emphasis + String.raw`\s*:\s*` + emphasis + String.raw`\s*(.*)$`,
  'u',
);
const duePattern = /\s*\b(?:avant le|pour le|d['’]ici le)\s+(\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}(?:\/\d{4})?)\b/iu;
const ownerPattern = /(^|[\s(])@([\p{L}\p{N}](?:[\p{L}\p{N}_.-]*[\p{L}\p{N}])?)/u;

/** AAAA-MM-JJ for a real calendar date, else undefined. */
function isoDate(year: number, month: number, day: number): string | undefined {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return d.toISOString().slice(0, 10);
}

function parseDue(raw: string, meetingDate: string | undefined): string | undefined {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  if (iso) return isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const [day, month, year] = raw.split('/').map(Number);
  if (day === undefined || month === undefined) return undefined;
  if (year !== undefined) return isoDate(year, month, day);
  const meeting = /^(\d{4})-(\d{2})/.exec(meetingDate ?? '');
  if (!meeting) return undefined;
  // "pour le 05/01" written in December means next January.
  const meetingYear = Number(meeting[1]);
  return isoDate(month < Number(meeting[2]) ? meetingYear + 1 : meetingYear, month, day);
}

/** Trailing spaces and punctuation, dropped by a loop: `/[\s,;:–—-]+$/` rescans every run from each of its characters. */
const trailing = /[\s,;:–—-]/u;
const tidy = (s: string): string => {
  const text = s.replace(/\s{2,}/g, ' ');
  let end = text.length;
  while (end > 0 && trailing.test(text[end - 1] ?? '')) end--;
  return text.slice(0, end).trim();
};
/** Template leftovers: empty, starting with an ellipsis, or still holding `AAAA-MM-JJ`. */
const isPlaceholder = (s: string): boolean => /^\s*(?:…|\.\.\.|$)/u.test(s) || s.includes('AAAA-MM-JJ');

/** Drops an emphasis marker left open at the end (`**Décision : texte**`). */
function closeEmphasis(text: string, opened: string | undefined): string {
  if (opened !== undefined && text.endsWith(opened)) return text.slice(0, -opened.length);
  return text;
}

/** Lines of `source` with front matter, fenced code and HTML comments blanked out. */
function visibleLines(source: string): string[] {
  const lines = source.split(/\r?\n/);
  let fence: string | undefined;
  let inComment = false;
  let frontMatter = lines[0] === '---';
  return lines.map((line, index) => {
    if (frontMatter) {
      if (index > 0 && (line === '---' || line === '...')) frontMatter = false;
      return '';
    }
    if (fence !== undefined) {
      if (line.trim().startsWith(fence) && /^\s*(`+|~+)\s*$/.test(line)) fence = undefined;
      return '';
    }
    if (!inComment) {
      const open = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
      if (open?.[1]) {
        fence = open[1];
        return '';
      }
    }
    let visible = '';
    let rest = line;
    while (rest.length > 0) {
      const marker = inComment ? rest.indexOf('-->') : rest.indexOf('<!--');
      if (marker === -1) {
        if (!inComment) visible += rest;
        break;
      }
      if (!inComment) visible += rest.slice(0, marker);
      rest = rest.slice(marker + (inComment ? 3 : 4));
      inComment = !inComment;
    }
    return visible;
  });
}

/** Finds the decisions and actions of a page. */
export function extractDecisions(options: ExtractDecisionsOptions): { decisions: Decision[]; actions: ActionItem[] } {
  const decisions: Decision[] = [];
  const actions: ActionItem[] = [];
  visibleLines(options.source).forEach((raw, index) => {
    // Runs of spaces shrink to one first: the pattern's adjacent `\s*` would otherwise try every
    // split of a long run (40,000 spaces took a second), and tidy() collapses them anyway.
    const content = raw.replace(/\s+/g, ' ');
    const match = itemPattern.exec(content);
    if (!match) return;
    const [, box, open, word = '', , afterColon, rest = ''] = match;
    const keyword = fold(word);
    if (keyword !== 'decision' && keyword !== 'action') return;
    const line = index + 1;
    let text = closeEmphasis(rest.trim(), open ?? afterColon).trim();
    if (keyword === 'decision') {
      if (!isPlaceholder(text)) decisions.push({ text: tidy(text), line });
      return;
    }
    let due: string | undefined;
    const dueMatch = duePattern.exec(text);
    if (dueMatch?.[1]) {
      due = parseDue(dueMatch[1], options.date);
      if (due !== undefined) text = text.replace(dueMatch[0], '');
    }
    const ownerMatch = ownerPattern.exec(text);
    const owner = ownerMatch?.[2];
    if (ownerMatch && owner !== undefined) {
      const at = ownerMatch.index + (ownerMatch[1] ?? '').length;
      const trailing = /^[\s.,;:!?]*$/.test(text.slice(at + owner.length + 1));
      text = trailing ? text.slice(0, at) : text.slice(0, at) + text.slice(at + 1);
    }
    text = tidy(text);
    if (isPlaceholder(text)) return;
    actions.push({ text, owner, due, done: box === 'x' || box === 'X', line });
  });
  return { decisions, actions };
}
