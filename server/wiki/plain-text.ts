/** A fast Markdown-to-text approximation for search records and summaries. */
import { stripCode } from './links.ts';

/** Plain text of a Markdown body: syntax removed, words kept. */
export function markdownToText(body: string): string {
  return stripCode(body)
    .replace(/<[^>\n]{0,300}>/g, ' ')
    .replace(/!\[([^\]\n]*)\]\([^)\n]*\)/g, '$1')
    .replace(/\[\[([^\]|\n]+)\|([^\]\n]+)\]\]/g, '$2')
    .replace(/\[\[([^\]\n]+)\]\]/g, '$1')
    .replace(/\[([^\]\n]*)\]\([^)\n]*\)/g, '$1')
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)]|:::)\s?/gm, '')
    .replace(/\[[ xX]\]\s/g, '')
    .replace(/[*_~|]+/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .replace(/\n{2,}/g, '\n')
    .trim();
}

/** First sentence-ish excerpt of a body, for lists without a summary. */
export function excerpt(body: string, max = 180): string {
  const text = markdownToText(body.replace(/^#[^\n]*\n/m, '')).replace(/\s+/g, ' ');
  return text.length <= max ? text : `${text.slice(0, max).replace(/\s+\S*$/, '')} …`;
}
