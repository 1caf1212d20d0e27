/**
 * Branded paths, slugs and tag keys, with guards and pure converters. No `node:` import: the
 * browser loads it too.
 */

/** A page file path inside the content repository, posix, ending in `.md` (`ressources/visio.md`). */
export type PagePath = string & { readonly __brand: 'PagePath' };
/** A page path without `.md`, as used in URLs after `/wiki/` (`ressources/visio`). */
export type PageSlug = string & { readonly __brand: 'PageSlug' };
/** A tag compared without case, accents or punctuation (`pole-emploi`). */
export type TagKey = string & { readonly __brand: 'TagKey' };

/** Folders and files the hub never serves as pages: hidden ones and the hub's own (`_gare/`, `_modeles/`). */
const hiddenSegment = /^[._]/;
/**
 * `_`-names other generators use for pages: Jekyll's dated posts folder and Hugo's section page.
 * Every other `_` name (`_gare/`, `_modeles/`, `_layouts/`, `_sidebar.md`) stays hidden.
 */
const pageUnderscoreFolder = '_posts';
const pageUnderscoreFile = '_index.md';

/** True for a repository file path the hub reads as a page. */
export function isPagePath(path: string): path is PagePath {
  if (!path.endsWith('.md') || path.length > 400) return false;
  const parts = path.split('/');
  const last = parts.length - 1;
  const hidden = (p: string, i: number) => hiddenSegment.test(p) && !(i === last ? p === pageUnderscoreFile : p === pageUnderscoreFolder);
  return parts.every((p, i) => p.length > 0 && p !== '..' && p !== '.' && !hidden(p, i) && !p.includes('\\') && !p.includes('\0'));
}

/** `ressources/visio.md` → `ressources/visio`. */
export function pathToSlug(path: PagePath): PageSlug {
  return path.slice(0, -3) as PageSlug;
}

/** `ressources/visio` → `ressources/visio.md`. */
export function slugToPath(slug: PageSlug): PagePath {
  return `${slug}.md` as PagePath;
}

/** URL of a page: `/wiki/ressources/visio` (each segment percent-encoded). */
export function slugToUrl(slug: PageSlug): string {
  return '/wiki/' + slug.split('/').map(encodeURIComponent).join('/');
}

/** Parses the part after `/wiki/` of a URL into a slug, or undefined if it cannot be one. */
export function urlToSlug(rest: string): PageSlug | undefined {
  let decoded: string;
  try {
    decoded = rest.split('/').map(decodeURIComponent).join('/');
  } catch {
    return undefined;
  }
  decoded = decoded.replace(/\/+$/, '');
  return isPagePath(`${decoded}.md`) ? (decoded as PageSlug) : undefined;
}

/**
 * Removes accents, lower-cases and straightens apostrophes: `Pôle Emploi` → `pole emploi`,
 * `réunion d’équipe` → `reunion d'equipe` (keyboards and phones type either apostrophe).
 */
export function foldText(text: string): string {
  return text
    .replace(/[’‘ʼ´`′]/g, "'")
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae');
}

/**
 * French-friendly slug of a title: `Compte-rendu — entretien du 12 mars` →
 * `compte-rendu-entretien-du-12-mars`. Never empty (`page` when nothing is left).
 */
export function slugify(title: string, maxLength = 80): string {
  const slug = foldText(title)
    .replace(/['’]/g, '-')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/g, '');
  return slug || 'page';
}

/** Tag key: case, accents, apostrophes and punctuation do not count (`Pôle Emploi` ≡ `pole-emploi`). */
export function tagKey(tag: string): TagKey {
  return slugify(tag, 80) as TagKey;
}

/** URL of a tag page. */
export function tagUrl(tag: string): string {
  return `/tags/${tagKey(tag)}`;
}

/** Section of a page: its first folder, or `''` at the root. */
export function sectionOf(path: PagePath): string {
  const i = path.indexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/**
 * Resolves a relative link from one page file to another repository path (`../outils/visio.md`
 * from `ressources/a.md` → `outils/visio.md`); undefined when it leaves the repository.
 */
export function resolveRelative(from: PagePath, href: string): string | undefined {
  const base = from.split('/').slice(0, -1);
  const parts = href.startsWith('/') ? [] : base;
  for (const seg of href.replace(/^\/+/, '').split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(seg);
  }
  return parts.join('/');
}
