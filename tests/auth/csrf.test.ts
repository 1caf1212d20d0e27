import { describe, expect, test } from 'vitest';
import { checkCsrf, checkSameOrigin } from '../../server/auth/csrf.ts';

const expectedOrigin = 'https://gare.exemple.fr';
const csrf = 'jeton-de-session-0123456789';

describe('CSRF', () => {
  test('a same-origin POST with the session token is accepted, in a header or a form field', () => {
    expect(() => checkCsrf({ method: 'POST', headers: { origin: expectedOrigin, 'x-csrf-token': csrf }, sessionCsrf: csrf, expectedOrigin })).not.toThrow();
    expect(() => checkCsrf({ method: 'POST', headers: { origin: expectedOrigin }, formToken: csrf, sessionCsrf: csrf, expectedOrigin })).not.toThrow();
    expect(() => checkCsrf({ method: 'DELETE', headers: { 'sec-fetch-site': 'same-origin', 'x-csrf-token': csrf }, sessionCsrf: csrf, expectedOrigin })).not.toThrow();
  });

  test('a cross-origin POST is refused even with the right token', () => {
    for (const headers of [
      { origin: 'https://evil.exemple', 'x-csrf-token': csrf },
      { origin: 'null', 'x-csrf-token': csrf },
      { origin: 'http://gare.exemple.fr', 'x-csrf-token': csrf },
      { origin: expectedOrigin, 'sec-fetch-site': 'cross-site', 'x-csrf-token': csrf },
      { 'sec-fetch-site': 'same-site', 'x-csrf-token': csrf },
      { 'x-csrf-token': csrf },
    ]) {
      expect(() => checkCsrf({ method: 'POST', headers, sessionCsrf: csrf, expectedOrigin }), JSON.stringify(headers)).toThrow(expect.objectContaining({ code: 'Forbidden' }));
    }
  });

  test('a missing or wrong token is refused', () => {
    const base = { method: 'POST', expectedOrigin, sessionCsrf: csrf };
    expect(() => checkCsrf({ ...base, headers: { origin: expectedOrigin } })).toThrow(expect.objectContaining({ code: 'Forbidden' }));
    expect(() => checkCsrf({ ...base, headers: { origin: expectedOrigin, 'x-csrf-token': csrf + 'x' } })).toThrow(expect.objectContaining({ code: 'Forbidden' }));
    expect(() => checkCsrf({ ...base, headers: { origin: expectedOrigin }, formToken: '' })).toThrow(expect.objectContaining({ code: 'Forbidden' }));
    expect(() => checkCsrf({ ...base, sessionCsrf: undefined, headers: { origin: expectedOrigin, 'x-csrf-token': csrf } })).toThrow(expect.objectContaining({ code: 'Forbidden' }));
  });

  test('reading (GET, HEAD) is never blocked', () => {
    expect(() => checkCsrf({ method: 'GET', headers: { origin: 'https://evil.exemple' }, sessionCsrf: undefined, expectedOrigin })).not.toThrow();
    expect(() => checkCsrf({ method: 'head', headers: {}, sessionCsrf: undefined, expectedOrigin })).not.toThrow();
  });

  test('the login form checks the origin without a session', () => {
    expect(() => checkSameOrigin({ method: 'POST', headers: { origin: expectedOrigin }, expectedOrigin })).not.toThrow();
    expect(() => checkSameOrigin({ method: 'POST', headers: { origin: 'https://evil.exemple' }, expectedOrigin })).toThrow(expect.objectContaining({ code: 'Forbidden' }));
    expect(() => checkSameOrigin({ method: 'POST', headers: { origin: 'http://localhost:4321' }, expectedOrigin: [expectedOrigin, 'http://localhost:4321'] })).not.toThrow();
  });
});
