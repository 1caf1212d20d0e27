/**
 * The signature of a delivery: `sha256=` and the hex HMAC-SHA256, keyed with the hook's secret, of
 * `<timestamp>.<body>`. The timestamp (Unix seconds, `X-Gare-Timestamp`) is signed with the body so
 * a receiver can refuse an old delivery played again.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The `X-Gare-Signature` value of `body` sent at `timestamp` (Unix seconds). */
export function signDelivery({ secret, timestamp, body }: { secret: string; timestamp: string; body: string }): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** True when `signature` is the one `signDelivery` gives (compared in constant time), as a receiver checks it. */
export function verifyDelivery({ secret, timestamp, body, signature }: { secret: string; timestamp: string; body: string; signature: string }): boolean {
  const expected = Buffer.from(signDelivery({ secret, timestamp, body }));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
