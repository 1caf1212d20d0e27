/**
 * Finding `@handles` in Markdown and telling which are new in a version. Pure (no `node:`
 * import). Code (fenced or inline) and HTML comments are skipped: the tutorials quote `@Prénom`
 * as an example there. An e-mail address (`camille@exemple.fr`) is not a mention.
 */

/** One `@handle` and the line it stands on. */
export interface MentionHit {
  /** The handle, without `@`. */
  handle: string;
  /** The whole line, trimmed (the excerpt a notification shows). */
  line: string;
}

// Same handle shape as the register's action owners; not preceded by a letter, digit, dot or `/`.
const mentionPattern = /(^|[^\p{L}\p{N}_.@/\\-])@([\p{L}\p{N}](?:[\p{L}\p{N}_.-]*[\p{L}\p{N}])?)/gu;

/** The lines of `text` with code and HTML comments blanked. */
function proseLines(text: string): string[] {
  let fence: string | undefined;
  const withoutComments = text.replace(/<!--[\s\S]*?(?:-->|$)/g, (c) => c.replace(/[^\n]/g, ' '));
  return withoutComments.split(/\r?\n/).map((line) => {
    const open = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (fence !== undefined) {
      if (open?.[1]?.startsWith(fence)) fence = undefined;
      return '';
    }
    if (open?.[1]) {
      fence = open[1];
      return '';
    }
    return line.replace(/`[^`]*`/g, ' ');
  });
}

/** Every mention of `text`, in order. */
export function findMentions(text: string): MentionHit[] {
  const hits: MentionHit[] = [];
  for (const line of proseLines(text)) {
    if (!line.includes('@')) continue;
    for (const m of line.matchAll(mentionPattern)) if (m[2]) hits.push({ handle: m[2], line: line.trim() });
  }
  return hits;
}

/**
 * Mentions of `after` that `before` did not have: a handle is newly mentioned when `after` holds it
 * more times than `before` (case and accents aside). Editing around an old mention, or fixing a
 * typo in its line, notifies nobody again; a new line naming the same person does. The excerpt
 * is a line `before` did not have, when there is one.
 */
export function newMentions(before: string | readonly MentionHit[] | undefined, after: string, fold: (handle: string) => string = (h) => h.toLowerCase()): MentionHit[] {
  // The previous version's text, or its mentions as kept for a pad (no copy of its text is kept).
  const old = before === undefined ? [] : typeof before === 'string' ? findMentions(before) : before;
  const oldLines = new Set(old.map((h) => h.line));
  const left = new Map<string, number>();
  for (const hit of findMentions(after)) left.set(fold(hit.handle), (left.get(fold(hit.handle)) ?? 0) + 1);
  for (const hit of old) left.set(fold(hit.handle), (left.get(fold(hit.handle)) ?? 0) - 1);
  const hits = findMentions(after).sort((a, b) => Number(oldLines.has(a.line)) - Number(oldLines.has(b.line)));
  return hits.filter((hit) => {
    const n = left.get(fold(hit.handle)) ?? 0;
    left.set(fold(hit.handle), n - 1);
    return n > 0;
  });
}

/** A line shortened for an excerpt. */
export function excerptOf(line: string, max = 200): string {
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}
