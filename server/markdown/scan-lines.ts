/** Line scanning shared by the source pre-passes: knows which lines are inside fenced code. */

const fenceOpen = /^ {0,3}(`{3,}|~{3,})/;

/** One source line and whether it belongs to a fenced code block (fence lines included). */
export interface ScannedLine {
  /** The line without its line ending. */
  text: string;
  /** True inside ``` or ~~~ fences, where Markdown syntax means nothing. */
  inFence: boolean;
}

/** Splits a source into lines, marking fenced code; fences in lists or quotes are detected loosely. */
export function scanLines(source: string): ScannedLine[] {
  const lines = source.split(/\r\n|\r|\n/);
  const out: ScannedLine[] = [];
  let fence: string | undefined;
  for (const text of lines) {
    // Strip container prefixes loosely so fences inside lists and quotes are recognised too.
    const bare = text.replace(/^(?:\s*(?:>|[-+*]|\d{1,9}[.)])(?=\s))*\s*/, '');
    const match = fenceOpen.exec(bare);
    if (fence === undefined) {
      if (match?.[1] !== undefined) fence = match[1];
      out.push({ text, inFence: fence !== undefined });
    } else {
      const closing = match?.[1];
      out.push({ text, inFence: true });
      if (closing !== undefined && closing[0] === fence[0] && closing.length >= fence.length && bare.trim() === closing) fence = undefined;
    }
  }
  return out;
}
