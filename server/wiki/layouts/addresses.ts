/**
 * The address table: where each page is served, and which other addresses lead to it. A folder's
 * landing page (`README.md`, `index.md`, `_index.md`) is served at the folder's address, a content
 * root (`docs/`, `content/`) is left out of addresses, a Jekyll post at `AAAA/MM/JJ/titre`, and a
 * declared `permalink:`/`slug:` wins. Every other way to a page (its path, its old address, its
 * `aliases`/`redirect_from`, GitBook's `redirects:`) is a redirect to the address.
 */
import { normaliseAddress } from '../resolve-link.ts';
import { pathToSlug, type PagePath } from '../paths.ts';
import { readPostName } from './jekyll.ts';
import { isInside, type SiteLayout } from './site-layout.ts';

/** File names of a folder's landing page. */
export const landingNames = ['index', 'README', '_index'];

/** What the table needs of a page. */
export interface AddressablePage {
  /** Repository path. */
  path: PagePath;
  /** Declared address (`permalink:`, `slug:`). */
  permalink?: string | undefined;
  /** Old addresses that redirect here (`aliases`, `redirect_from`). */
  redirectsFrom?: readonly string[] | undefined;
}

/** Where pages are served and what redirects to them. */
export interface AddressTable {
  /** Address of a page (`guide/install`, without `/wiki/`); its path slug when unknown. */
  addressOf(path: PagePath): string;
  /** The page served at this normalised address. */
  pageAt(address: string): PagePath | undefined;
  /** The page a non-canonical address (path, old address, redirect) leads to. */
  redirectFor(address: string): PagePath | undefined;
}

/** The path of a page relative to the content root, when it lies inside it. */
export function underRoot(path: string, root: string): string | undefined {
  if (root === '') return path;
  return isInside(path, root) ? path.slice(root.length + 1) : undefined;
}

/** The address a page gets from where it sits: landing pages at their folder, Jekyll posts by date. */
export function naturalAddress(path: PagePath, layout: SiteLayout): string {
  const rel = underRoot(path, layout.root) ?? path;
  const post = readPostName(rel);
  if (post) return post.address;
  const parts = rel.slice(0, -3).split('/');
  const name = parts.pop() ?? '';
  if (!landingNames.includes(name)) return rel.slice(0, -3);
  if (parts.length > 0) return parts.join('/');
  // The root's own landing page keeps its path: `/wiki/` is no page address, `/wiki/index` may be another's.
  return pathToSlug(path);
}

/** Builds the table; the first page to claim an address keeps it (declared, then inside the root, then the rest). */
export function buildAddressTable({ pages, layout }: { pages: Iterable<AddressablePage>; layout: SiteLayout }): AddressTable {
  const list = [...pages].sort((a, b) => (a.path < b.path ? -1 : 1));
  const served = new Map<string, PagePath>();
  const addressOf = new Map<PagePath, string>();
  const claim = (page: AddressablePage, address: string): boolean => {
    if (address === '' || served.has(address) || addressOf.has(page.path)) return false;
    served.set(address, page.path);
    addressOf.set(page.path, address);
    return true;
  };
  for (const page of list) if (page.permalink !== undefined) claim(page, normaliseAddress(page.permalink));
  const inRoot = list.filter((p) => underRoot(p.path, layout.root) !== undefined);
  const outside = list.filter((p) => underRoot(p.path, layout.root) === undefined);
  for (const page of [...inRoot, ...outside]) claim(page, naturalAddress(page.path, layout));
  for (const page of list) if (!claim(page, pathToSlug(page.path))) claim(page, `_/${pathToSlug(page.path)}`);

  const redirects = new Map<string, PagePath>();
  const redirect = (from: string, to: PagePath | undefined) => {
    const key = normaliseAddress(from);
    if (to !== undefined && key !== '' && !served.has(key) && !redirects.has(key)) redirects.set(key, to);
  };
  for (const page of list) {
    redirect(pathToSlug(page.path), page.path);
    redirect(naturalAddress(page.path, layout), page.path);
    const rel = underRoot(page.path, layout.root);
    if (rel !== undefined) redirect(rel.slice(0, -3), page.path);
    const name = page.path.slice(0, -3).split('/').pop() ?? '';
    if (landingNames.includes(name)) redirect(page.path.split('/').slice(0, -1).join('/'), page.path);
    for (const old of page.redirectsFrom ?? []) redirect(old, page.path);
  }
  const byPath = new Set(list.map((p) => p.path));
  for (const [from, to] of layout.redirects) redirect(from, byPath.has(to as PagePath) ? (to as PagePath) : served.get(normaliseAddress(to.replace(/\.md$/, ''))));
  return {
    addressOf: (path) => addressOf.get(path) ?? pathToSlug(path),
    pageAt: (address) => served.get(address),
    redirectFor: (address) => redirects.get(address),
  };
}
