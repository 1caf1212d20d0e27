/**
 * Reads the author and message of a raw commit object exactly as isomorphic-git's `readCommit`
 * does (same header rules, same newline clean-up), so both history readers record the same words
 * whatever git's own formatting would do (mailmap, re-encoding, trimmed names).
 */
import type { GitPerson } from './git-time.ts';

/** What the history keeps of a commit object. */
export interface CommitText {
  /** Author, with the author time in seconds. */
  author: GitPerson & { timestamp: number };
  /** Message, carriage returns removed, one newline at the end. */
  message: string;
}

// isomorphic-git's normalizeNewlines.
const normalizeNewlines = (text: string): string => text.replace(/\r/g, '').replace(/^\n+/, '').replace(/\n+$/, '') + '\n';

/** Parses a commit object's text; throws, as isomorphic-git does, when it has no tree first or no readable author. */
export function parseCommitText(text: string): CommitText {
  const split = text.indexOf('\n\n');
  const lines: string[] = [];
  for (const line of text.slice(0, split).split('\n')) {
    // A line starting with a space continues the header above it (a signature).
    if (line.startsWith(' ') && lines.length > 0) lines[lines.length - 1] += `\n${line.slice(1)}`;
    else lines.push(line);
  }
  const keyOf = (line: string): string => line.slice(0, line.indexOf(' '));
  if (lines.length === 0 || keyOf(lines[0] as string) !== 'tree') throw new Error('commit: tree as the first header expected');
  let index = 1;
  while (index < lines.length && keyOf(lines[index] as string) === 'parent') index++;
  // The first `author` after the tree and parents wins, as for git.
  const author = lines.slice(index).find((line) => keyOf(line) === 'author');
  const match = author === undefined ? null : /^(.*) <(.*)> (.*) (.*)$/.exec(author.slice(author.indexOf(' ') + 1));
  if (!match) throw new Error('commit: unreadable author');
  return { author: { name: match[1] as string, email: match[2] as string, timestamp: Number(match[3]) }, message: normalizeNewlines(text.slice(split + 2)) };
}
