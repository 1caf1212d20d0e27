/**
 * Source pre-pass for Jekyll's link tags, which Jekyll replaced by addresses when building the
 * site: `({% link guide/a.md %})` and `({% post_url 2024-01-05-titre %})` become repository
 * paths, and a `{{ site.baseurl }}` (or `{{ site.url }}`) prefix goes, so the link goes through
 * the one resolver like any other. The renderer and the link index both run it. Lines keep their
 * number; fenced code and inline code are left as written.
 */
import { scanLines } from './scan-lines.ts';

// Bounded, no nested quantifier: linear on any line.
const linkTag = /\(\s*\{%-?[ \t]*(link|post_url)[ \t]+([^\s%(){}]{1,300})[ \t]*-?%\}/g;
const basePrefix = /\(\s*(?:\{\{-?[ \t]*site\.(?:url|baseurl)[ \t]*-?\}\}){1,2}(?=\/)/g;

/** True when `index` falls inside an inline code span of the line (an odd number of backticks before it). */
function inCode(line: string, index: number): boolean {
  return ((line.slice(0, index).match(/`/g)?.length ?? 0) & 1) === 1;
}

/** Rewrites one line's Jekyll link tags. */
function rewriteLine(line: string): string {
  return line
    .replace(linkTag, (m, tag: string, target: string, at: number) => {
      if (inCode(line, at)) return m;
      return tag === 'post_url' ? `(/_posts/${target}.md` : `(/${target.replace(/^\/+/, '')}`;
    })
    .replace(basePrefix, (m, at: number) => (inCode(line, at) ? m : '('));
}

/** The source with Jekyll link tags turned into paths; the same number of lines. */
export function rewriteJekyllLinks(source: string): string {
  if (!source.includes('{%') && !source.includes('site.')) return source;
  const lines = scanLines(source);
  if (!lines.some((l) => !l.inFence && (l.text.includes('{%') || l.text.includes('site.')))) return source;
  return lines.map((l) => (l.inFence ? l.text : rewriteLine(l.text))).join('\n');
}
