/**
 * Bounds on what the parser is given, so a contributed page can never hang a request: micromark
 * recurses per nesting level (1,000 nested lists overflow the stack) and resolves emphasis and
 * brackets in quadratic time per paragraph (40,000 `*a_` take minutes).
 */
import { scanLines } from './scan-lines.ts';

/**
 * Largest Markdown source rendered, in UTF-8 bytes; larger pages get a notice instead. micromark
 * copies its event list on every edit (micromark-util-edit-map), so ordinary pages cost quadratic
 * time: alternating paragraphs and lists took 0.5 s at 90 kB and 6.7 s at 356 kB here. 200 kB
 * (about 30,000 words) keeps the worst page near a second.
 */
export const MAX_MARKDOWN_BYTES = 200_000;

/** Deepest estimated nesting of quotes and lists rendered as Markdown; deeper pages are shown as text. */
export const MAX_NESTING_DEPTH = 100;

/**
 * Budget of Σ(delimiters per paragraph)², the quadratic part of inline parsing; past it, a
 * paragraph's delimiters are escaped so it renders as plain text (measured: 2·10⁷ ≈ 0.5 s).
 */
export const INLINE_COST_BUDGET = 20_000_000;

/** A content problem found before parsing (reported like plugin messages). */
export interface LimitProblem {
  /** French, says what is wrong and what to do. */
  message: string;
  /** 1-based line, when it points somewhere. */
  line: number | undefined;
  /** Stable rule id. */
  ruleId: string;
}

/** UTF-8 length without `node:buffer` (TextEncoder exists in browsers and Node). */
export function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

const containerPrefix = /^(?:[ \t]*(?:>|[-+*](?=[ \t])|\d{1,9}[.)](?=[ \t])))/;

/** Estimated container depth of a line: quote and list markers at its start, plus indentation / 4. */
function lineDepth(text: string): number {
  let depth = 0;
  let rest = text;
  for (let m = containerPrefix.exec(rest); m; m = containerPrefix.exec(rest)) {
    depth += 1;
    rest = rest.slice(m[0].length);
    if (depth > MAX_NESTING_DEPTH) return depth;
  }
  const indent = /^[ \t]*/.exec(text)?.[0] ?? '';
  return depth + Math.floor(indent.replace(/\t/g, '    ').length / 4);
}

/** First line (1-based) nested deeper than MAX_NESTING_DEPTH, or undefined. */
export function findExcessiveNesting(source: string): number | undefined {
  const lines = scanLines(source);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line && !line.inFence && lineDepth(line.text) > MAX_NESTING_DEPTH) return i + 1;
  }
  return undefined;
}

const delimiters = /[*_~[\]]/g;
const tableDelimiterRow = /^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/;
const bulletStart = /^ {0,3}[-+*][ \t]+\S/;
/** Lines that end a table because another block starts (quotes can then swallow lazy lines). */
const tableBreak = /^ {0,3}(?:>|#|<|[-+*][ \t]|\d{1,9}[.)][ \t])/;

/** Backslash-escapes emphasis and bracket characters, leaving existing escapes alone. */
function escapeDelimiters(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (c === '\\') {
      out += c + (text[i + 1] ?? '');
      i += 1;
    } else out += '*_~[]'.includes(c) ? '\\' + c : c;
  }
  return out;
}

/**
 * Splits the lines into units parsed as one inline context, erring towards larger units (a
 * larger unit overestimates the cost, never underestimates it): blank lines and fences end a
 * unit, a bullet item always starts one (it interrupts any paragraph), table rows are each one.
 */
function inlineUnits(lines: { text: string; inFence: boolean }[]): number[][] {
  const units: number[][] = [];
  let current: number[] = [];
  let table = false;
  const flush = (): void => {
    if (current.length > 0) units.push(current);
    current = [];
    table = false;
  };
  lines.forEach((line, i) => {
    if (line.inFence || line.text.trim() === '') return flush();
    if (table && !tableBreak.test(line.text)) return void units.push([i]);
    if (current.length === 1 && line.text.includes('-') && tableDelimiterRow.test(line.text)) {
      flush();
      table = true;
      return void units.push([i]);
    }
    if (table || bulletStart.test(line.text)) flush();
    current.push(i);
  });
  flush();
  return units;
}

/**
 * Escapes the emphasis and brackets of the paragraphs that would exceed INLINE_COST_BUDGET.
 * Only characters change, never line breaks, so line numbers stay valid.
 */
export function boundInlineCost(source: string): { source: string; problems: LimitProblem[] } {
  const lines = scanLines(source);
  const texts = lines.map((l) => l.text);
  const problems: LimitProblem[] = [];
  let total = 0;
  for (const unit of inlineUnits(lines)) {
    const count = unit.reduce((n, i) => n + (texts[i]?.match(delimiters)?.length ?? 0), 0);
    if (total + count * count <= INLINE_COST_BUDGET) {
      total += count * count;
      continue;
    }
    for (const i of unit) texts[i] = escapeDelimiters(texts[i] ?? '');
    problems.push({
      message: `Ce paragraphe contient trop de caractères de mise en forme (${count} parmi * _ ~ [ ]) : il est affiché sans mise en forme. Découpez-le en paragraphes plus courts.`,
      line: (unit[0] ?? 0) + 1,
      ruleId: 'gare:too-complex',
    });
  }
  return problems.length === 0 ? { source, problems } : { source: texts.join('\n'), problems };
}
