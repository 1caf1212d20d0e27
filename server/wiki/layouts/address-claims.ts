/**
 * Who holds each address, kept up to date page by page. Pages claim addresses in a fixed order
 * (phase, then path), the first claimant keeps an address, and a page stops at its first success;
 * redirects go to the first page naming an address nobody is served at. When pages change, only
 * the pages naming an address that one of them names (and, in turn, the addresses those name) are
 * placed again: every other page's claims touch none of these addresses, so the result is the one
 * a full rebuild gives, without looking at every page.
 */
import { pathToSlug, slugToPath, type PagePath, type PageSlug } from '../paths.ts';
import { normaliseAddress } from '../resolve-link.ts';
import type { AddressMoves } from './addresses.ts';

/** What a page asks for: `[phase, address]` claims in its order, then the addresses redirecting to it. */
export interface AddressOffer {
  /** Claims; lower phases are tried first by every page, then path order, then the page's own order. */
  claims: [phase: number, address: string][];
  /** Addresses (normalised) that redirect to the page when nobody is served there. */
  redirects: string[];
}

/** Options of `createAddressClaims`. */
export interface AddressClaimsOptions<P> {
  /** What a page asks for (its slug and `_/` + slug are always among its claims). */
  offerOf(page: P): AddressOffer;
  /** Redirects of the layout (`.gitbook.yaml`): old address → repository path or address; after the pages' own. */
  layoutRedirects: ReadonlyMap<string, string>;
}

const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const mentionsOf = (offer: AddressOffer) => new Set([...offer.claims.map(([, a]) => a), ...offer.redirects].filter((a) => a !== ''));

/** Creates an empty claims table; `rebuild` then `update`. */
export function createAddressClaims<P extends { path: PagePath }>({ offerOf, layoutRedirects }: AddressClaimsOptions<P>) {
  const entries = new Map<PagePath, P>();
  const served = new Map<string, PagePath>();
  const addressOf = new Map<PagePath, string>();
  const redirects = new Map<string, PagePath>();
  let fromLayout = new Map<string, PagePath>();
  // Pages naming an address other than their own slug and `_/` + slug (those are found from the
  // address itself): a plain folder of Markdown keeps nothing here.
  const named = new Map<string, PagePath | PagePath[]>();

  const own = (path: PagePath, address: string) => address === pathToSlug(path) || address === `_/${pathToSlug(path)}`;

  function index(page: P, add: boolean, offer = offerOf(page)): void {
    for (const address of mentionsOf(offer)) {
      if (own(page.path, address)) continue;
      const held = named.get(address);
      if (add) named.set(address, held === undefined ? page.path : [...(typeof held === 'string' ? [held] : held), page.path]);
      else if (held === page.path) named.delete(address);
      else if (Array.isArray(held)) {
        const rest = held.filter((p) => p !== page.path);
        if (rest.length === 1) named.set(address, rest[0] as PagePath);
        else named.set(address, rest);
      }
    }
  }

  function namers(address: string): PagePath[] {
    const held = named.get(address);
    const out = held === undefined ? [] : typeof held === 'string' ? [held] : [...held];
    for (const slug of [address, address.startsWith('_/') ? address.slice(2) : undefined]) {
      const path = slug === undefined || slug === '' ? undefined : slugToPath(slug as PageSlug);
      if (path !== undefined && entries.has(path)) out.push(path);
    }
    return out;
  }

  /** Places `paths` (sorted) in claim order, then their redirects; their addresses must be free. */
  function place(paths: readonly PagePath[], known?: ReadonlyMap<PagePath, AddressOffer>): void {
    const offers = paths.map((p) => [p, known?.get(p) ?? offerOf(entries.get(p) as P)] as const);
    const phases = [...new Set(offers.flatMap(([, o]) => o.claims.map(([phase]) => phase)))].sort((a, b) => a - b);
    for (const phase of phases) {
      for (const [path, offer] of offers) {
        for (const [at, address] of offer.claims) {
          if (at !== phase || address === '' || served.has(address) || addressOf.has(path)) continue;
          served.set(address, path);
          addressOf.set(path, address);
        }
      }
    }
    for (const [path, offer] of offers) for (const key of offer.redirects) if (key !== '' && !served.has(key) && !redirects.has(key)) redirects.set(key, path);
  }

  function placeLayoutRedirects(): void {
    fromLayout = new Map();
    for (const [from, to] of layoutRedirects) {
      const key = normaliseAddress(from);
      const page = entries.has(to as PagePath) ? (to as PagePath) : served.get(normaliseAddress(to.replace(/\.md$/, '')));
      if (page !== undefined && key !== '' && !served.has(key) && !redirects.has(key) && !fromLayout.has(key)) fromLayout.set(key, page);
    }
  }

  const redirectAt = (address: string) => redirects.get(address) ?? fromLayout.get(address);
  const answer = (address: string) => `${served.get(address) ?? ''}\u0000${redirectAt(address) ?? ''}`;

  return {
    /** The address a page is served at, if placed. */
    addressOf: (path: PagePath) => addressOf.get(path),
    /** The page served at an address. */
    servedAt: (address: string) => served.get(address),
    /** The page an address redirects to. */
    redirectAt,
    /** Places every page from scratch. */
    rebuild(pages: Iterable<P>): void {
      for (const map of [entries, served, addressOf, redirects, named] as Map<unknown, unknown>[]) map.clear();
      for (const page of pages) entries.set(page.path, page);
      const offers = new Map<PagePath, AddressOffer>();
      for (const page of entries.values()) {
        const offer = offerOf(page);
        offers.set(page.path, offer);
        index(page, true, offer);
      }
      place([...entries.keys()].sort(byPath), offers);
      placeLayoutRedirects();
    },
    /** Takes pages added or edited and pages removed; places again only the pages they can move. */
    update(upserts: readonly P[], removed: readonly PagePath[]): AddressMoves {
      const keys = new Set<string>();
      const touched = new Set<PagePath>();
      for (const path of [...upserts.map((p) => p.path), ...removed]) {
        touched.add(path);
        const old = entries.get(path);
        if (old === undefined) continue;
        for (const a of mentionsOf(offerOf(old))) keys.add(a);
        index(old, false);
        entries.delete(path);
      }
      for (const page of upserts) {
        entries.set(page.path, page);
        index(page, true);
        for (const a of mentionsOf(offerOf(page))) keys.add(a);
      }
      // Every page naming one of these addresses, and every address those pages name, until closed.
      for (const key of keys) {
        for (const path of namers(key)) {
          if (touched.has(path)) continue;
          touched.add(path);
          for (const a of mentionsOf(offerOf(entries.get(path) as P))) keys.add(a);
        }
      }
      const answers = new Map([...keys].map((k) => [k, answer(k)]));
      // The layout's redirects are placed again whole (a few, from `.gitbook.yaml`): their answers too.
      for (const from of layoutRedirects.keys()) answers.set(normaliseAddress(from), answer(normaliseAddress(from)));
      const before = new Map([...touched].map((p) => [p, addressOf.get(p)]));
      for (const path of touched) {
        const address = addressOf.get(path);
        addressOf.delete(path);
        if (address !== undefined && served.get(address) === path) served.delete(address);
      }
      for (const k of keys) redirects.delete(k);
      place([...touched].filter((p) => entries.has(p)).sort(byPath));
      placeLayoutRedirects();
      return {
        addresses: [...answers].filter(([k, was]) => answer(k) !== was).map(([k]) => k),
        readdressed: [...before].filter(([p, was]) => entries.has(p) && addressOf.get(p) !== was).map(([p]) => p),
      };
    },
  };
}
