/** The scale benchmark's table (issue 16): one row per figure, each beside its anchor and its goal. Pure. */

/** A measurement that may have failed; a failure keeps its reason for the table. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Whether a row meets its goal: `undefined` when it cannot be said (no goal at this size, a failure). */
export type Met = boolean | undefined;

/** One printed row. */
export interface ScaleRow {
  figure: string;
  /** The anchor measured in the same run, `—` when the issue gives none. */
  anchor: string;
  /** Our figure. */
  now: string;
  goal: string;
  met: Met;
  /** Said in the « met? » cell after yes/no (why it cannot be said, what is missing). */
  metNote?: string;
}

/** Runs `work`; a thrown error becomes a failed outcome with its message. */
export async function attempt<T>(work: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message.split('\n')[0]! : String(error) };
  }
}

/** The cell of a failed measurement. */
export function failed(reason: string): string {
  return `« échec : ${reason} »`;
}

/** `0.8`, `24`, `1,462`: one decimal below 10, thousands separated. */
export function num(value: number): string {
  if (!Number.isFinite(value)) return '?';
  return value.toLocaleString('en-US', { maximumFractionDigits: value < 10 ? 1 : 0 });
}

/** A duration, in ms below 10 s (`355 ms`), in seconds above (`28.4 s`). */
export function duration(msValue: number): string {
  return msValue < 10_000 ? `${num(msValue)} ms` : `${(msValue / 1000).toFixed(1)} s`;
}

/** Bytes as `590 MB` or `3.3 GB` (decimal units, as the issue writes them). */
export function bytes(value: number): string {
  return value >= 1e9 ? `${(value / 1e9).toFixed(2)} GB` : `${Math.round(value / 1e6)} MB`;
}

// A cell may not hold a pipe or a line break.
const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

/** The « met? » cell. */
export function metCell(met: Met, note?: string): string {
  const word = met === undefined ? '—' : met ? 'yes' : 'no';
  return note ? `${word} (${note})` : word;
}

/** The table in Markdown, under a title naming the corpus size. */
export function formatScaleTable({ pages, rows }: { pages: number; rows: ScaleRow[] }): string {
  const lines = [
    `## Instant at every size: ${pages.toLocaleString('en-US')} pages (issue 16)`,
    '',
    `| figure (${pages.toLocaleString('en-US')} pages unless said) | anchor, same run | now | goal | met? |`,
    '|---|---|---|---|---|',
    ...rows.map((r) => `| ${[r.figure, r.anchor, r.now, r.goal, metCell(r.met, r.metNote)].map(cell).join(' | ')} |`),
  ];
  return lines.join('\n');
}
