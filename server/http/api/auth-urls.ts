/** URL helpers of the account doors, shared by routes and pages. No `node:` import. */

/** `path` with query parameters added (undefined and empty values skipped). */
export function withQuery(path: string, params: Record<string, string | undefined>): string {
  const url = new URL(path, 'http://x');
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') url.searchParams.set(k, v);
  return url.pathname + url.search;
}

/** A local path to go back to after login, or '/': never another site (`//evil`, `/\evil`, `https:`). */
export function safeReturn(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//')) return '/';
  // Browsers read a backslash as a slash, and strip control characters before parsing.
  if (/[\\\u0000-\u001f\u007f]/.test(value) || value.length > 2000) return '/';
  return value;
}
