/**
 * The French e-mails: one notification, or the daily digest. Each has a plain-text part and a
 * simple HTML part with the same words (real link texts, a language, no layout tables), a link to
 * each target and the unsubscribe link. Only items already checked readable by the recipient
 * reach these functions.
 */
import type { NotificationKind } from '../notifications/notification-store.ts';

/** One notification as the recipient may read it, with absolute links. */
export interface MailItem {
  /** What happened. */
  kind: NotificationKind;
  /** Who did it, when known. */
  actorName: string | undefined;
  /** Title of the target (from the recipient's own reader). */
  title: string;
  /** Absolute address of the target. */
  url: string;
  /** A short passage of the target, if any. */
  excerpt: string | undefined;
}

/** What every e-mail carries besides its items. */
export interface MailFrame {
  /** Recipient's display name. */
  name: string;
  /** Absolute address of the hub (no trailing slash). */
  baseUrl: string;
  /** Absolute one-click unsubscribe address. */
  unsubscribeUrl: string;
}

/** A rendered e-mail. */
export interface RenderedMail {
  /** Subject line. */
  subject: string;
  /** Plain-text body. */
  text: string;
  /** HTML body. */
  html: string;
}

/** The most items a digest lists; the rest are counted with a link to /notifications. */
export const DIGEST_MAX_ITEMS = 50;

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The sentence saying what happened (« Camille Dupont vous cite dans « Réunion du 3 mars » »). */
export function describeItem({ kind, actorName, title }: Pick<MailItem, 'kind' | 'actorName' | 'title'>): string {
  const who = actorName ?? 'Quelqu’un';
  const by = actorName === undefined ? '' : ` par ${actorName}`;
  switch (kind) {
    case 'mention': return `${who} vous cite dans « ${title} »`;
    case 'comment': return `Nouveau commentaire${actorName === undefined ? '' : ` de ${actorName}`} sur « ${title} »`;
    case 'reply': return `${who} a répondu dans une discussion sur « ${title} »`;
    case 'page-changed': return `La page « ${title} » a été modifiée${by}`;
    case 'action-assigned': return `${who} vous confie une action dans « ${title} »`;
    case 'action-due': return `Échéance proche pour une action, dans « ${title} »`;
    case 'action-overdue': return `Action en retard, dans « ${title} »`;
    case 'pad-published': return `Le pad « ${title} » a été publié${by}`;
  }
}

const footerText = (f: MailFrame): string =>
  `—\nVous recevez cet e-mail parce que les e-mails de notification sont activés pour votre compte Gare centrale.\n` +
  `Recevoir un résumé par jour ou aucun e-mail : ${f.baseUrl}/compte\nNe plus recevoir d’e-mails : ${f.unsubscribeUrl}\n`;

const footerHtml = (f: MailFrame): string =>
  `<hr><p>Vous recevez cet e-mail parce que les e-mails de notification sont activés pour votre compte Gare centrale.</p>` +
  `<p><a href="${escapeHtml(`${f.baseUrl}/compte`)}">Recevoir un résumé par jour ou aucun e-mail</a> · ` +
  `<a href="${escapeHtml(f.unsubscribeUrl)}">Ne plus recevoir d’e-mails</a></p>`;

const page = (subject: string, body: string): string =>
  `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body>${body}</body></html>`;

const itemText = (item: MailItem): string => `${describeItem(item)}.\n${item.excerpt ? `  « ${item.excerpt} »\n` : ''}Ouvrir : ${item.url}\n`;

const itemHtml = (item: MailItem): string =>
  `<p>${escapeHtml(describeItem(item))}.</p>${item.excerpt ? `<blockquote><p>${escapeHtml(item.excerpt)}</p></blockquote>` : ''}` +
  `<p><a href="${escapeHtml(item.url)}">Ouvrir « ${escapeHtml(item.title)} »</a></p>`;

/** The e-mail of one notification, sent as soon as it is stored. */
export function notificationMail(item: MailItem, frame: MailFrame): RenderedMail {
  const subject = `[Gare centrale] ${describeItem(item)}`;
  const text = `Bonjour ${frame.name},\n\n${itemText(item)}\n${footerText(frame)}`;
  const html = page(subject, `<p>Bonjour ${escapeHtml(frame.name)},</p>${itemHtml(item)}${footerHtml(frame)}`);
  return { subject, text, html };
}

/** The daily digest: every item of the day, at most DIGEST_MAX_ITEMS, the rest counted. */
export function digestMail(items: readonly MailItem[], frame: MailFrame): RenderedMail {
  const shown = items.slice(0, DIGEST_MAX_ITEMS);
  const more = items.length - shown.length;
  const subject = `[Gare centrale] Résumé du jour : ${items.length} notification${items.length > 1 ? 's' : ''}`;
  const all = `${frame.baseUrl}/notifications`;
  const moreText = more > 0 ? `Et ${more} autre${more > 1 ? 's' : ''} : ${all}\n\n` : `Toutes vos notifications : ${all}\n\n`;
  const text = `Bonjour ${frame.name},\n\nVoici ce qui s’est passé depuis votre dernier résumé.\n\n${shown.map(itemText).join('\n')}\n${moreText}${footerText(frame)}`;
  const moreHtml = more > 0 ? `Et ${more} autre${more > 1 ? 's' : ''} : voir toutes vos notifications` : 'Toutes vos notifications';
  const html = page(
    subject,
    `<p>Bonjour ${escapeHtml(frame.name)},</p><p>Voici ce qui s’est passé depuis votre dernier résumé.</p>` +
      `<ul>${shown.map((item) => `<li>${itemHtml(item)}</li>`).join('')}</ul>` +
      `<p><a href="${escapeHtml(all)}">${moreHtml}</a></p>${footerHtml(frame)}`,
  );
  return { subject, text, html };
}
