/** Reads one page file into a Page: front matter validated by the one schema, defaults applied. */
import { parseFrontMatter, resolveMeta, type FieldProblem } from './schema.ts';
import { splitFrontMatter } from './front-matter.ts';
import { pathToSlug, sectionOf, slugToUrl, tagKey, type PagePath } from './paths.ts';
import type { Page } from './page.ts';
import type { RepoSettings } from './repo-settings.ts';

/** Options of parsePage. */
export interface ParsePageOptions {
  /** Repository path of the file. */
  path: PagePath;
  /** File content. */
  source: string;
  /** Settings of the repository at the version read (`_gare/*.yml`; `emptySettings` when none). */
  settings: RepoSettings;
}

/** Parses a page; a bad front matter never throws: it is reported and the page is kept team-only. */
export function parsePage({ path, source, settings }: ParsePageOptions): Page {
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
  // Privacy first: a page whose front matter cannot be fully read is treated as team-only, and so
  // is the remote side of a sync conflict (`x.distant.md`), whatever it says, until reconciled.
  if (path.endsWith('.distant.md')) {
    meta.status = 'a-reconcilier';
    meta.visibility = 'equipe';
  }
  if (problems.length > 0 || path.endsWith('.distant.md')) {
    meta.visibility = 'equipe';
    meta.license = undefined;
  }
  const slug = pathToSlug(path);
  const permalink = declaredAddress(path, fm);
  return {
    path,
    slug,
    url: slugToUrl(slug),
    section: sectionOf(path),
    meta,
    tagKeys: meta.tags.map(tagKey),
    body: split.body,
    source,
    problems,
    ...(permalink === undefined ? {} : { permalink }),
  };
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

/** Text of the first `# heading` of a Markdown body. */
export function firstHeading(body: string): string | undefined {
  const m = /^#[ \t]+(.+?)[ \t#]*$/m.exec(body);
  return m?.[1]?.trim() || undefined;
}

/** A readable title from a file name: `prise-de-notes.md` → `Prise de notes`. */
export function titleFromPath(path: string): string {
  const base = (path.split('/').pop() ?? path).replace(/\.md$/, '').replace(/[-_]+/g, ' ').trim();
  return base ? base.charAt(0).toUpperCase() + base.slice(1) : 'Sans titre';
}
