/** The signature of a delivery matches an HMAC computed elsewhere (Python's hmac), and a receiver's check refuses any change. */
import { describe, expect, it } from 'vitest';
import { signDelivery, verifyDelivery } from '../../server/webhooks/webhook-signature.ts';
import { nextAttemptAt, retryDelays } from '../../server/webhooks/webhook-sender.ts';

const secret = 'secret-de-test';
const timestamp = '1796634000';
const body = '{"event":"page.saved"}';
// python3 -c "import hmac,hashlib; print(hmac.new(b'secret-de-test', b'1796634000.{\"event\":\"page.saved\"}', hashlib.sha256).hexdigest())"
const expected = 'sha256=c6d6d48a95c4dc35117b86b9872ffca2e76279d488b90087bf46c9eb8dae3ba2';

describe('the signature of a delivery', () => {
  it('is sha256= and the hex HMAC-SHA256 of "<timestamp>.<body>"', () => {
    expect(signDelivery({ secret, timestamp, body })).toBe(expected);
  });

  it('verifies as sent, and not with another secret, timestamp or body', () => {
    expect(verifyDelivery({ secret, timestamp, body, signature: expected })).toBe(true);
    expect(verifyDelivery({ secret: 'autre', timestamp, body, signature: expected })).toBe(false);
    expect(verifyDelivery({ secret, timestamp: '1796634001', body, signature: expected })).toBe(false);
    expect(verifyDelivery({ secret, timestamp, body: '{"event":"pad.published"}', signature: expected })).toBe(false);
    expect(verifyDelivery({ secret, timestamp, body, signature: expected.slice(0, -1) })).toBe(false);
  });
});

describe('retries', () => {
  it('wait 1 min, 5 min, 30 min, 2 h, 6 h, then stop after the sixth attempt', () => {
    expect(retryDelays.map((_, i) => nextAttemptAt(i + 1, 0))).toEqual([60_000, 300_000, 1_800_000, 7_200_000, 21_600_000]);
    expect(nextAttemptAt(6, 0)).toBeUndefined();
  });
});
