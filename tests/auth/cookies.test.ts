import { describe, expect, test } from 'vitest';
import { clearSessionCookie, parseCookies, readSessionCookie, serializeSessionCookie } from '../../server/auth/cookies.ts';

describe('session cookie', () => {
  test('is HttpOnly, SameSite=Lax, on the whole site, Secure only over HTTPS, and lives as long as the session', () => {
    const now = 1_000_000;
    expect(serializeSessionCookie({ value: 'abc_-1', expiresAt: now + 30 * 86_400_000, now, secure: true })).toBe(
      'gare_session=abc_-1; Max-Age=2592000; Path=/; HttpOnly; SameSite=Lax; Secure',
    );
    expect(serializeSessionCookie({ value: 'abc', expiresAt: now, now, secure: false })).toBe('gare_session=abc; Max-Age=0; Path=/; HttpOnly; SameSite=Lax');
  });

  test('logout clears it with the same attributes', () => {
    expect(clearSessionCookie({ secure: true })).toBe('gare_session=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/; HttpOnly; SameSite=Lax; Secure');
  });

  test('is read from a Cookie header among others, first one winning', () => {
    expect(readSessionCookie('a=1; gare_session=xyz; gare_session=later')).toBe('xyz');
    expect(readSessionCookie('a=1;b=2')).toBeUndefined();
    expect(readSessionCookie(undefined)).toBeUndefined();
    expect(parseCookies('x="quoted"; y=%E2%82%AC; z=%ZZ; =nameless; bare')).toEqual(new Map([['x', 'quoted'], ['y', '€'], ['z', '%ZZ']]));
  });
});
