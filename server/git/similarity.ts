/** How much two texts share, line by line (the measure the history index uses to follow renames). */

/** Share of lines of the longer text found in the other one (0 to 1). */
export function lineSimilarity(a: string, b: string): number {
  const left = a.split('\n');
  const right = b.split('\n');
  const counts = new Map<string, number>();
  for (const line of left) counts.set(line, (counts.get(line) ?? 0) + 1);
  let shared = 0;
  for (const line of right) {
    const n = counts.get(line) ?? 0;
    if (n > 0) {
      shared++;
      counts.set(line, n - 1);
    }
  }
  return shared / Math.max(left.length, right.length, 1);
}
