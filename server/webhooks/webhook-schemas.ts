/** One zod schema per webhook operation, the events a hook may hear, and the errors of webhooks. */
import { z } from 'zod';
import { GareError } from '../errors.ts';

/** Events a webhook may subscribe to, as sent in `X-Gare-Event`. */
export const webhookEvents = ['page.saved', 'pad.published', 'comment.created', 'proposal.created'] as const;

/** One of those events. */
export type WebhookEvent = (typeof webhookEvents)[number];

/** French label of each event (admin page, help). */
export const webhookEventLabels: Record<WebhookEvent, string> = {
  'page.saved': 'Page enregistrée (créée, modifiée ou supprimée)',
  'pad.published': 'Pad publié',
  'comment.created': 'Commentaire écrit',
  'proposal.created': 'Proposition de modification soumise',
};

const IdSchema = z.string().min(1).max(100);

/** The address a hook posts to: http or https only, no spaces, at most 2,000 characters. */
export const WebhookUrlSchema = z
  .string({ error: 'Indiquez l’adresse qui recevra les notifications (https://…).' })
  .trim()
  .min(1, { error: 'Indiquez l’adresse qui recevra les notifications (https://…).' })
  .max(2000, { error: 'Adresse trop longue : 2 000 caractères au plus.' })
  .refine((url) => URL.canParse(url) && /^https?:$/.test(new URL(url).protocol), {
    error: 'Adresse invalide : elle doit commencer par https:// (ou http://), par exemple https://chat.exemple.org/hooks/abc.',
  });

/** Input of `createWebhook`. */
export const CreateWebhookSchema = z.object({
  /** Where deliveries are posted. */
  url: WebhookUrlSchema,
  /** Events to send (at least one, no duplicates kept). */
  events: z
    .array(z.enum(webhookEvents, { error: 'Événement inconnu : choisissez parmi ceux proposés.' }), { error: 'Cochez au moins un événement à envoyer.' })
    .min(1, { error: 'Cochez au moins un événement à envoyer.' })
    .max(webhookEvents.length * 2)
    .transform((events) => webhookEvents.filter((e) => events.includes(e))),
  /** Account whose reading rights bound what is sent (the creating admin by default). */
  ownerId: IdSchema,
  /** Id of the admin creating it. */
  by: IdSchema,
});

/** Input of `setActive`, `deleteWebhook` and `newSecret`. */
export const WebhookActionSchema = z.object({
  /** The hook. */
  webhookId: IdSchema,
  /** Id of the admin. */
  by: IdSchema,
});

/** Input of `listDeliveries`. */
export const ListDeliveriesSchema = z.object({
  /** The hook. */
  webhookId: IdSchema,
  /** Page number, from 1. */
  page: z.number().int().min(1).max(100_000).default(1),
  /** Lines per page. */
  size: z.number().int().min(1).max(200).default(50),
});

/** No such webhook (or delivery). */
export class WebhookNotFound extends GareError {
  override readonly code = 'WebhookNotFound';
  override readonly status = 404;
}

/** The delivery cannot be sent again as asked (it is not failed). */
export class DeliveryNotRetryable extends GareError {
  override readonly code = 'DeliveryNotRetryable';
  override readonly status = 409;
}
