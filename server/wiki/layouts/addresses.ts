/**
 * The address table: where each page is served, and which other addresses lead to it. A folder's
 * landing page (`README.md`, `index.md`, `_index.md`) is served at the folder's address, a content
 * root (`docs/`, `content/`) is left out of addresses, a Jekyll post at `AAAA/MM/JJ/titre`, and a
 * declared `permalink:`/`slug:` wins. Every other way to a page (its path, its old address, its
 * `aliases`/`redirect_from`, GitBook's `redirects:`) is a redirect to the address. Updated page by
 * page (`address-claims.ts`): building it again cost ~40 ms a new page at 10,000 pages.
 */
import { normaliseAddress } from '../resolve-link.ts';
import { pathToSlug, type PagePath } from '../paths.ts';
import { readPostName } from './jekyll.ts';
import { isInside, type SiteLayout } from './site-layout.ts';
import { createAddressClaims, type AddressOffer } from './address-claims.ts';

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

/** What an update moved: addresses whose page or redirect changed, and pages whose address changed. */
export interface AddressMoves {
  /** Normalised addresses that lead elsewhere (or nowhere, or somewhere) now. */
  addresses: string[];
  /** Pages served at another address now. */
  readdressed: PagePath[];
}

/** A table that follows pages added, edited and removed. */
export interface UpdatableAddressTable extends AddressTable {
  /** Takes pages added or edited (`upserts`) and `removed`; returns what moved. */
  update(change: { upserts: readonly AddressablePage[]; removed: readonly PagePath[] }): AddressMoves;
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

/**
 * The addresses a page asks for, in the order the first claimant keeps them: declared, then its
 * natural address (inside the root before outside), then its path slug or `_/` + slug; and the
 * addresses that redirect to it when nobody is served there.
 */
function offerOf(page: AddressablePage, layout: SiteLayout): AddressOffer {
  const slug = pathToSlug(page.path);
  const natural = naturalAddress(page.path, layout);
  const rel = underRoot(page.path, layout.root);
  const claims: AddressOffer['claims'] = [];
  if (page.permalink !== undefined) claims.push([0, normaliseAddress(page.permalink)]);
  claims.push([rel === undefined ? 2 : 1, natural], [3, slug], [3, `_/${slug}`]);
  const redirects = [slug, natural];
  if (rel !== undefined) redirects.push(rel.slice(0, -3));
  const name = page.path.slice(0, -3).split('/').pop() ?? '';
  if (landingNames.includes(name)) redirects.push(page.path.split('/').slice(0, -1).join('/'));
  const old: unknown = page.redirectsFrom;
  if (Array.isArray(old)) for (const from of old) if (typeof from === 'string') redirects.push(from);
  return { claims, redirects: redirects.map(normaliseAddress) };
}

/** Creates the table for `layout` over `pages`; the first page to claim an address keeps it (declared, then inside the root, then the rest, each in path order). */
export function createAddressTable({ pages, layout }: { pages: Iterable<AddressablePage>; layout: SiteLayout }): UpdatableAddressTable {
  const claims = createAddressClaims<AddressablePage>({ offerOf: (page) => offerOf(page, layout), layoutRedirects: layout.redirects });
  claims.rebuild(pages);
  return {
    addressOf: (path) => claims.addressOf(path) ?? pathToSlug(path),
    pageAt: (address) => claims.servedAt(address),
    redirectFor: (address) => claims.redirectAt(address),
    update: ({ upserts, removed }) => claims.update(upserts, removed),
  };
}

/** Builds the table from scratch (tests compare updates with it). */
export function buildAddressTable(options: { pages: Iterable<AddressablePage>; layout: SiteLayout }): AddressTable {
  return createAddressTable(options);
}
