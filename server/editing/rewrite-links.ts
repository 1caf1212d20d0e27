/** Rewriting Markdown link targets when a page (and its attachment folder) moves. Pure. */
import { resolveRelative, type PagePath } from '../wiki/paths.ts';
import { attachmentFolderOf } from './page-locations.ts';

/** Changes one href, or returns undefined to leave it as written. */
export type HrefRewriter = (href: string) => string | undefined;

const inlineLink = /(\]\(\s*<?)([^)\s>]{1,500})/g;
const referenceLink = /^(\s{0,3}\[[^\]\n]+\]:\s*<?)([^\s>]+)/gm;
const fence = /^\s{0,3}(`{3,}|~{3,})/;

function rewriteText(text: string, rewrite: HrefRewriter): string {
  const swap = (_: string, lead: string, href: string) => lead + (rewrite(href) ?? href);
  return text.replace(inlineLink, swap).replace(referenceLink, swap);
}

/** Applies `rewrite` to every link target of a Markdown text, outside fenced code blocks. */
export function rewriteHrefs(source: string, rewrite: HrefRewriter): string {
  const lines = source.split('\n');
  const out: string[] = [];
  let chunk: string[] = [];
  let open: string | undefined;
  const flush = () => {
    if (chunk.length) out.push(rewriteText(chunk.join('\n'), rewrite));
    chunk = [];
  };
  for (const line of lines) {
    const marker = fence.exec(line)?.[1];
    if (open === undefined && marker) {
      flush();
      open = marker;
      out.push(line);
    } else if (open !== undefined) {
      if (marker && marker[0] === open[0] && marker.length >= open.length) open = undefined;
      out.push(line);
    } else chunk.push(line);
  }
  flush();
  return out.join('\n');
}

/** Relative href from one file to a repository path (`ressources/a.md` → `outils/b.md`: `../outils/b.md`). */
export function relativeHref(from: string, to: string): string {
  const fromDir = from.split('/').slice(0, -1);
  const target = to.split('/');
  let common = 0;
  while (common < fromDir.length && common < target.length - 1 && fromDir[common] === target[common]) common++;
  const ups = fromDir.length - common;
  const rest = target.slice(common).join('/');
  return ups === 0 ? rest : '../'.repeat(ups) + rest;
}

function splitHref(href: string): { path: string; suffix: string } {
  const i = href.search(/[?#]/);
  return i < 0 ? { path: href, suffix: '' } : { path: href.slice(0, i), suffix: href.slice(i) };
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

const encodePath = (p: string): string => p.split('/').map(encodeURIComponent).join('/');

/** A moved page: where it was, where it goes. */
export interface PageMove {
  /** Old page path. */
  from: PagePath;
  /** New page path. */
  to: PagePath;
}

/** Maps a repository path through the move (the page, its slug, its attachments); undefined if untouched. */
export function movedTarget(target: string, move: PageMove): string | undefined {
  const oldFolder = `${attachmentFolderOf(move.from)}/`;
  if (target === move.from) return move.to;
  if (target === move.from.slice(0, -3)) return move.to.slice(0, -3);
  if (target.startsWith(oldFolder)) return `${attachmentFolderOf(move.to)}/${target.slice(oldFolder.length)}`;
  return undefined;
}

/** Links of a page `file` (which does not move) to the moved page or its attachments, updated. */
export function rewriteLinksTo(options: { file: PagePath; source: string; move: PageMove }): string {
  const { file, source, move } = options;
  return rewriteHrefs(source, (href) => {
    const { path, suffix } = splitHref(href);
    if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path === '') return undefined;
    const decoded = decode(path);
    for (const prefix of ['/wiki/', '/fichiers/']) {
      if (!decoded.startsWith(prefix)) continue;
      const target = decoded.slice(prefix.length);
      const moved = prefix === '/wiki/' ? movedTarget(target, move) ?? movedTarget(`${target}.md`, move)?.slice(0, -3) : movedTarget(target, move);
      return moved === undefined ? undefined : prefix + encodePath(moved) + suffix;
    }
    const target = resolveRelative(file, decoded);
    const moved = target === undefined ? undefined : movedTarget(target, move);
    return moved === undefined ? undefined : encodePath(relativeHref(file, moved)) + suffix;
  });
}

/** The moved page's own relative links, recomputed from its new folder (its attachments follow it). */
export function rewriteOwnLinks(options: { source: string; move: PageMove }): string {
  const { source, move } = options;
  return rewriteHrefs(source, (href) => {
    const { path, suffix } = splitHref(href);
    if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path === '' || path.startsWith('/')) return undefined;
    const target = resolveRelative(move.from, decode(path));
    if (target === undefined) return undefined;
    const next = encodePath(relativeHref(move.to, movedTarget(target, move) ?? target)) + suffix;
    return next === href ? undefined : next;
  });
}
