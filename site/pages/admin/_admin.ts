/** What the admin pages share: the one-time link handed over in a cookie, dates, and page links. */
import type { AstroCookies } from 'astro';
import type { AuditAction } from '../../../server/auth/audit-log.ts';
import { linkCookieName, linkCookiePath } from '../../../server/http/api/auth-link-cookie.ts';
import { withQuery } from '../../../server/http/api/auth-urls.ts';

/** The one-time link just created (invitation, reset), shown once: a reload must not keep it on screen. */
export function takeLink(cookies: AstroCookies): string | undefined {
  const raw = cookies.get(linkCookieName)?.value;
  if (raw !== undefined) cookies.delete(linkCookieName, { path: linkCookiePath });
  return raw !== undefined && /^https?:\/\/\S+$/.test(raw) ? raw : undefined;
}

const dateFormat = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'Europe/Paris' });
const timeFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Paris' });

/** A day in French (« 12 mars 2026 »), or « jamais ». */
export function day(t: number | undefined): string {
  return t === undefined ? 'jamais' : dateFormat.format(new Date(t));
}

/** A day and time in French, Paris time. */
export function moment(t: number): string {
  return timeFormat.format(new Date(t));
}

/** Page number asked in `?page=` (1 when missing or not a number). */
export function pageOf(url: URL): number {
  const n = Number(url.searchParams.get('page'));
  return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
}

/** Link to another page of the same list, keeping the other query parameters (the search). */
export function pageHref(url: URL, page: number): string {
  const params = Object.fromEntries([...url.searchParams].filter(([k]) => k !== 'ok' && k !== 'erreur'));
  return withQuery(url.pathname, { ...params, page: page === 1 ? undefined : String(page) });
}

/** This page's address, to come back to after a form (without the previous message). */
export function here(url: URL): string {
  const params = Object.fromEntries([...url.searchParams].filter(([k]) => k !== 'ok' && k !== 'erreur'));
  return withQuery(url.pathname, params);
}

/** French label of each audit action. */
export const auditLabels: Record<AuditAction, string> = {
  'role.set': 'Rôle changé',
  'person.deactivate': 'Compte désactivé',
  'person.reactivate': 'Compte réactivé',
  'group.create': 'Groupe créé',
  'group.rename': 'Groupe renommé',
  'group.delete': 'Groupe supprimé',
  'group.member.add': 'Membre ajouté',
  'group.member.remove': 'Membre retiré',
  'group.sso.sync': 'Groupes donnés par la connexion unique',
  'access.edit': 'Droits d’une rubrique changés',
  'invitation.create': 'Invitation créée',
  'invitation.revoke': 'Invitation révoquée',
  'webhook.create': 'Webhook créé',
  'webhook.update': 'Webhook modifié',
  'webhook.delete': 'Webhook supprimé',
  'token.create': 'Jeton d’accès créé',
  'token.revoke': 'Jeton d’accès révoqué',
};
