/**
 * One attempt at a delivery: a signed JSON POST with Node's `fetch`, 10 seconds at most, no
 * redirect followed (a redirect could carry the delivery somewhere the admin never chose). Any
 * 2xx answer is a delivery; anything else is retried later, then given up (`retryDelays`).
 */
import { signDelivery } from './webhook-signature.ts';
import type { DueDelivery } from './delivery-store.ts';

/** Waits before the 2nd, 3rd… 6th attempt: 1 min, 5 min, 30 min, 2 h, 6 h; after the 6th, failed. */
export const retryDelays = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 6 * 3_600_000] as const;

/** How long an attempt waits for an answer. */
export const deliveryTimeoutMs = 10_000;

/** What one attempt gave. */
export interface AttemptOutcome {
  /** True on a 2xx answer. */
  delivered: boolean;
  /** HTTP status, when an answer came. */
  status?: number | undefined;
  /** What went wrong, in French. */
  error?: string | undefined;
}

/** Why a request failed, in French, from fetch's error (its `cause` holds the system code). */
function describeFailure(error: unknown): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return `Pas de réponse en ${deliveryTimeoutMs / 1000} s.`;
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  const code = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
  return `Connexion impossible (${code}) : vérifiez l’adresse et que le service qui reçoit est en marche.`;
}

/** Sends `delivery` once, at `now` (epoch ms), and says how it went; never throws. */
export async function attemptDelivery({ delivery, now }: { delivery: DueDelivery; now: number }): Promise<AttemptOutcome> {
  const timestamp = String(Math.floor(now / 1000));
  const body = delivery.payload;
  const id = (JSON.parse(body) as { id?: string }).id ?? String(delivery.id);
  try {
    const res = await fetch(delivery.hook.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(deliveryTimeoutMs),
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        'User-Agent': 'Gare-centrale-Webhook/1',
        'X-Gare-Event': delivery.event,
        'X-Gare-Delivery': id,
        'X-Gare-Timestamp': timestamp,
        'X-Gare-Signature': signDelivery({ secret: delivery.hook.secret, timestamp, body }),
      },
      body,
    });
    // The answer's body is not read: it is not ours to keep, and an endless one must not hold a socket.
    await res.body?.cancel().catch(() => undefined);
    if (res.status >= 200 && res.status < 300) return { delivered: true, status: res.status };
    if (res.status >= 300 && res.status < 400) return { delivered: false, status: res.status, error: `Redirection (HTTP ${res.status}) non suivie : indiquez l’adresse finale du service.` };
    return { delivered: false, status: res.status, error: `Le service a répondu HTTP ${res.status}.` };
  } catch (error) {
    return { delivered: false, error: describeFailure(error) };
  }
}

/** When to try again after `attempts` attempts (this one included); undefined once all are spent. */
export function nextAttemptAt(attempts: number, now: number): number | undefined {
  const wait = retryDelays[attempts - 1];
  return wait === undefined ? undefined : now + wait;
}
