/** Reading an old version of a file, and a line diff shaped for a side-by-side view. */
import fs from 'node:fs';
import git from 'isomorphic-git';
import { diffLines } from 'diff';
import { findBlobAt } from './tree-entries.ts';

/** Options of `readFileAtCommit`. */
export interface ReadFileAtCommitOptions {
  /** Working tree of the repository. */
  dir: string;
  /** Commit id (full). */
  oid: string;
  /** File path in that commit. */
  path: string;
}

/** The text of `path` as it was in commit `oid`; undefined if the file (or commit) is not there. */
export async function readFileAtCommit(options: ReadFileAtCommitOptions): Promise<string | undefined> {
  const { dir, oid, path } = options;
  try {
    // Folders are read with the tolerant reader: a sibling's unsafe name must not hide this file.
    const blobOid = await findBlobAt({ fs, dir, commit: oid, path, cache: {} });
    if (blobOid === undefined) return undefined;
    const { blob } = await git.readBlob({ fs, dir, oid: blobOid });
    return new TextDecoder().decode(blob);
  } catch (error) {
    if ((error as { code?: string }).code === 'NotFoundError') return undefined;
    throw new Error(`Cannot read ${path} at ${oid}`, { cause: error });
  }
}

/** One numbered line of one side. */
export interface DiffLine {
  /** 1-based line number on that side. */
  number: number;
  /** Line text without its end of line. */
  text: string;
}

/** A row of a side-by-side diff; `skip` stands for unchanged lines left out. */
export type DiffRow =
  | { kind: 'same'; left: DiffLine; right: DiffLine }
  | { kind: 'changed'; left: DiffLine; right: DiffLine }
  | { kind: 'removed'; left: DiffLine }
  | { kind: 'added'; right: DiffLine }
  | { kind: 'skip'; count: number };

/** A side-by-side diff with its counts. */
export interface TextDiff {
  /** Rows, top to bottom. */
  rows: DiffRow[];
  /** Lines added (changed lines count once on each side). */
  added: number;
  /** Lines removed. */
  removed: number;
}

/** Options of `diffTexts`. */
export interface DiffTextsOptions {
  /** Older text. */
  before: string;
  /** Newer text. */
  after: string;
  /** Unchanged lines kept around each change; longer runs become a `skip` row. Default: all. */
  context?: number | undefined;
}

function splitLines(value: string): string[] {
  const lines = value.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** Line diff of two texts; a removed block followed by an added one is paired row by row. */
export function diffTexts(options: DiffTextsOptions): TextDiff {
  const { context = Number.POSITIVE_INFINITY } = options;
  const rows: DiffRow[] = [];
  let left = 1;
  let right = 1;
  let added = 0;
  let removed = 0;
  const parts = diffLines(options.before, options.after);
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (!part) continue;
    const lines = splitLines(part.value);
    if (part.removed) {
      const next = parts[i + 1];
      const adds = next?.added ? splitLines(next.value) : [];
      if (next?.added) i++;
      removed += lines.length;
      added += adds.length;
      for (let k = 0; k < Math.max(lines.length, adds.length); k++) {
        const l = lines[k];
        const r = adds[k];
        if (l !== undefined && r !== undefined) rows.push({ kind: 'changed', left: { number: left++, text: l }, right: { number: right++, text: r } });
        else if (l !== undefined) rows.push({ kind: 'removed', left: { number: left++, text: l } });
        else if (r !== undefined) rows.push({ kind: 'added', right: { number: right++, text: r } });
      }
    } else if (part.added) {
      added += lines.length;
      for (const text of lines) rows.push({ kind: 'added', right: { number: right++, text } });
    } else {
      for (const text of lines) rows.push({ kind: 'same', left: { number: left++, text }, right: { number: right++, text } });
    }
  }
  return { rows: context === Number.POSITIVE_INFINITY ? rows : collapse(rows, context), added, removed };
}

function collapse(rows: DiffRow[], context: number): DiffRow[] {
  const near = rows.map((_, i) => rows.slice(Math.max(0, i - context), i + context + 1).some((r) => r.kind !== 'same'));
  const out: DiffRow[] = [];
  for (let i = 0; i < rows.length; i++) {
    if (near[i]) out.push(rows[i] as DiffRow);
    else {
      const last = out.at(-1);
      if (last?.kind === 'skip') last.count++;
      else out.push({ kind: 'skip', count: 1 });
    }
  }
  return out;
}
