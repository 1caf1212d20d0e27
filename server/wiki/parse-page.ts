/** Reads one page file into a Page: front matter validated by the one schema, defaults applied. */
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { toString } from 'mdast-util-to-string';
import { parseFrontMatter, redirectsOf, resolveMeta, type FieldProblem } from './schema.ts';
import { splitFrontMatter } from './front-matter.ts';
import { inlineTags } from './inline-tags.ts';
import { pathToSlug, sectionOf, slugToUrl, tagKey, type PagePath } from './paths.ts';
import type { Page } from './page.ts';
import type { RepoSettings } from './repo-settings.ts';
import { blobIdOf } from './blob-id.ts';
import { excerpt } from './plain-text.ts';

/** Options of parsePage. */
export interface ParsePageOptions {
  /** Repository path of the file. */
  path: PagePath;
  /** File content. */
  source: string;
  /** Settings of the repository at the version read (`_gare/*.yml`; `emptySettings` when none). */
  settings: RepoSettings;
  /** Bytes of the file when `source` stands for it (a page too large to read); default: the bytes of `source`. */
  size?: number | undefined;
}

/** Characters of the body an excerpt is taken from: lists need 160, and the cost stays bounded per page. */
const EXCERPT_INPUT = 2000;

/** Parses a page; a bad front matter never throws: it is reported and the page is kept team-only. */
export function parsePage(options: ParsePageOptions): Page {
  return parsePageText(options).page;
}

/** Parses a page and gives its Markdown body too, which the page does not keep (`index.pageSource` reads it back). */
export function parsePageText({ path, source, settings, size }: ParsePageOptions): { page: Page; body: string } {
  const split = splitFrontMatter(source);
  const problems: FieldProblem[] = [];
  if (split.error) problems.push({ field: 'front matter', message: split.error });
  const fields: Record<string, unknown> = { ...split.data };
  let parsed = parseFrontMatter(fields);
  // Drop each invalid field so the page keeps everything else (a few rounds at most).
  for (let round = 0; !parsed.success && round < 3; round++) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? 'front matter');
      problems.push({ field, message: issue.message });
      delete fields[field];
    }
    parsed = parseFrontMatter(fields);
  }
  const fm = parsed.success ? parsed.data : {};
  const meta = resolveMeta(fm, firstHeading(split.body) ?? titleFromPath(path), { section: sectionOf(path), settings });
  const keys = new Set(meta.tags.map(tagKey));
  const fromText: string[] = [];
  for (const tag of inlineTags(split.body)) {
    if (keys.has(tagKey(tag))) continue;
    keys.add(tagKey(tag));
    fromText.push(tag);
  }
  meta.tags.push(...fromText);
  // Privacy first: a page whose front matter cannot be fully read is treated as team-only, and so
  // is the remote side of a sync conflict (`x.distant.md`), whatever it says, until reconciled.
  if (path.endsWith('.distant.md')) {
    meta.status = 'a-reconcilier';
    meta.visibility = 'equipe';
  }
  if (problems.length > 0 || path.endsWith('.distant.md')) {
    meta.visibility = 'equipe';
    meta.visibilityFrom = 'problem';
    meta.license = undefined;
  }
  const slug = pathToSlug(path);
  const permalink = declaredAddress(path, fm);
  const page: Page = {
    path,
    slug,
    url: slugToUrl(slug),
    section: sectionOf(path),
    meta,
    tagKeys: meta.tags.map(tagKey),
    size: size ?? Buffer.byteLength(source, 'utf8'),
    blob: blobIdOf(source),
    excerpt: excerpt(split.body.slice(0, EXCERPT_INPUT), 160),
    problems,
    ...(permalink === undefined ? {} : { permalink }),
    redirectsFrom: redirectsOf(fm),
    inlineTags: fromText,
  };
  // A copy with fresh strings: values taken from the text (YAML scalars, the heading, inline tags)
  // are V8 slices of it and would keep the whole file in memory for as long as the page lives.
  return { page: structuredClone(page), body: split.body };
}

/**
 * The address a page from another generator declares: `permalink: /guide/api/` (Jekyll, VuePress)
 * as is, `slug: api` (Hugo, Docusaurus) within the page's folder. Kept as written; the link
 * resolver normalises it. The schema keeps these unknown fields without checking them.
 */
function declaredAddress(path: PagePath, fm: Record<string, unknown>): string | undefined {
  const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' && value.length <= 400 ? value.trim() : undefined);
  const permalink = text(fm['permalink']);
  if (permalink !== undefined) return permalink;
  const slug = text(fm['slug']);
  if (slug === undefined) return undefined;
  if (slug.startsWith('/')) return slug;
  const folder = path.split('/').slice(0, -1).join('/');
  return folder === '' ? slug : `${folder}/${slug}`;
}

const headingParser = unified().use(remarkParse).use(remarkGfm);
const fenceLine = /^ {0,3}(`{3,}|~{3,})/;
const MAX_HEADING = 500;

/** Line of the first `# heading` outside fenced code (bounded), marks included. */
function firstHeadingLine(body: string): string | undefined {
  let open: string | undefined;
  for (const line of body.split('\n', 2000)) {
    const marker = fenceLine.exec(line)?.[1];
    if (open !== undefined) {
      if (marker !== undefined && marker[0] === open[0] && marker.length >= open.length) open = undefined;
    } else if (marker !== undefined) open = marker;
    else if (/^ {0,3}#[ \t]/.test(line)) return line.slice(0, MAX_HEADING);
  }
  return undefined;
}

/**
 * Plain text of the first `# heading` of a Markdown body: `# **API Adresse**` → `API Adresse`.
 * Only that line is parsed (by the Markdown parser): emphasis, links, code marks and HTML go,
 * their words stay; `[[Titre|texte]]` keeps its text.
 */
export function firstHeading(body: string): string | undefined {
  const line = firstHeadingLine(body);
  if (line === undefined) return undefined;
  const tree = headingParser.parse(line.replace(/\[\[([^\]|\n]*)\|?([^\]\n]*)\]\]/g, (_, title: string, text: string) => text || title));
  const text = toString(tree, { includeHtml: false }).replace(/\s+/g, ' ').trim();
  return text || undefined;
}

/** A readable title from a file name: `prise-de-notes.md` → `Prise de notes`. */
export function titleFromPath(path: string): string {
  const base = (path.split('/').pop() ?? path).replace(/\.md$/, '').replace(/[-_]+/g, ' ').trim();
  return base ? base.charAt(0).toUpperCase() + base.slice(1) : 'Sans titre';
}
