/**
 * Source pre-pass for `::: tip` … `:::` containers (markdown-it / VuePress syntax). Without it a
 * marker line glued to a paragraph or a list is swallowed as lazy continuation text, so each
 * marker line outside fenced code is given blank lines around it and becomes its own paragraph.
 */
import { scanLines } from './scan-lines.ts';

/** A container marker line: `::: tip Titre`, `:::warning`, or the closing `:::`. */
export const containerMarker = /^ {0,3}:{3,}[ \t]*([\p{L}\p{N}_-]*)[ \t]*(.*)$/u;

/** The rewritten source and, for each of its lines (0-based), the 1-based line in the original. */
export interface SeparatedSource {
  /** Source with blank lines around marker lines. */
  source: string;
  /** `lineMap[newLine - 1]` is the original line number. */
  lineMap: number[];
}

/** Surrounds container marker lines with blank lines; other lines are kept as they are. */
export function separateContainerMarkers(source: string): SeparatedSource {
  const lines = scanLines(source);
  if (!lines.some((l) => !l.inFence && containerMarker.test(l.text))) {
    return { source, lineMap: lines.map((_, i) => i + 1) };
  }
  const out: string[] = [];
  const lineMap: number[] = [];
  lines.forEach((line, i) => {
    const marker = !line.inFence && containerMarker.test(line.text);
    if (marker && out.length > 0 && out.at(-1)?.trim() !== '') {
      out.push('');
      lineMap.push(i + 1);
    }
    out.push(line.text);
    lineMap.push(i + 1);
    if (marker) {
      out.push('');
      lineMap.push(i + 1);
    }
  });
  return { source: out.join('\n'), lineMap };
}

/**
 * First line (1-based) where `:::` containers nest deeper than `limit`, or undefined: the tree
 * built from them is walked recursively, and 20,000 nested boxes overflow the stack.
 */
export function findDeepContainers(source: string, limit: number): number | undefined {
  if (!source.includes(':::')) return undefined;
  let depth = 0;
  const lines = scanLines(source);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const match = line && !line.inFence ? containerMarker.exec(line.text) : null;
    if (!match) continue;
    const closing = (match[1] ?? '') === '' && (match[2] ?? '').trim() === '';
    depth = closing ? Math.max(0, depth - 1) : depth + 1;
    if (depth > limit) return i + 1;
  }
  return undefined;
}
