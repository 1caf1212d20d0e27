/**
 * What the editing pages (modifier, historique, comparer, version) share on the server side:
 * finding the page behind a URL as the viewer may see it. Every answer comes from the viewer's
 * reader: a page the viewer may not read is « not found ».
 */
import type { WikiReader } from '../../../server/reading/wiki-reader.ts';
import type { Page } from '../../../server/wiki/page.ts';
import { readablePage } from '../../lib/reader.ts';

/** The slug after `/modifier/`, `/historique/`… without trailing slashes. */
export function slugParam(param: string | undefined): string {
  return (param ?? '').replace(/\/+$/, '');
}

/** What a page of the editing area may show for a slug. */
export type PageAccess =
  | { kind: 'ok'; page: Page; writable: boolean }
  | { kind: 'login'; page: Page }
  | { kind: 'missing' };

/**
 * The page and what the viewer may do with it. `needWrite`: a visitor is invited to log in (only
 * for public pages, the others do not exist for them); a logged-in reader without rights gets
 * « missing » too, the page view already tells them they cannot edit.
 */
export async function accessOf(reader: WikiReader, slug: string, needWrite: boolean): Promise<PageAccess> {
  const page = await readablePage(reader, slug);
  if (!page) return { kind: 'missing' };
  const writable = reader.can('page.write', page.meta);
  if (needWrite && !writable) return reader.viewer.person ? { kind: 'missing' } : { kind: 'login', page };
  return { kind: 'ok', page, writable };
}

/** `/ressources/visio`: the tail shared by the editing URLs of a page (its path, whatever address it is served at). */
export function tailOf(page: Page): string {
  return `/${page.slug}`;
}

/** The login page, coming back to `here` afterwards. */
export function loginUrl(here: URL): string {
  return `/connexion?retour=${encodeURIComponent(here.pathname + here.search)}`;
}
