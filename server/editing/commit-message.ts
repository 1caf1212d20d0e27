/** Commit messages typed by people: one clean line, or the hub's French default. */

/** Longest message kept (a summary line, not an essay). */
const maxLength = 300;

/** The person's message on one line, without forged trailers; `fallback` when empty. */
export function cleanMessage(message: string | undefined, fallback: string): string {
  const lines = (message ?? '')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .split('\n')
    .map((l) => l.trim())
    // Credits come from the hub only: a typed trailer would credit someone who did not write.
    .filter((l) => l !== '' && !/^co-authored-by:/i.test(l));
  const text = lines.join(' — ').slice(0, maxLength).trim();
  return text || fallback;
}

/** A title quoted the French way for a commit message. */
export function quoteTitle(title: string): string {
  return `« ${title.replace(/\s+/g, ' ').trim()} »`;
}
