import { describe, expect, test } from 'vitest';
import { hashPassword, needsRehash, verifyPassword } from '../../server/auth/password.ts';

describe('password hashing', () => {
  test('a hash verifies its password and refuses another one', async () => {
    const stored = await hashPassword('cheval agrafe pile correcte');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await verifyPassword('cheval agrafe pile correcte', stored)).toBe(true);
    expect(await verifyPassword('cheval agrafe pile correctE', stored)).toBe(false);
  });

  test('two people with the same password get different hashes (salt)', async () => {
    const [a, b] = await Promise.all([hashPassword('même mot de passe'), hashPassword('même mot de passe')]);
    expect(a).not.toBe(b);
    expect(await verifyPassword('même mot de passe', b)).toBe(true);
  });

  test('an accented password typed in another Unicode form still matches', async () => {
    const stored = await hashPassword('été à la ferme'.normalize('NFD'));
    expect(await verifyPassword('été à la ferme'.normalize('NFC'), stored)).toBe(true);
  });

  test('a corrupted or foreign hash never verifies and asks for a rehash', async () => {
    for (const bad of ['', 'bcrypt$2b$10$abc', 'scrypt$3$8$1$AAAA$BBBB', 'scrypt$1073741824$8$1$AAAAAAAAAAAAAAAAAAAAAA$' + 'A'.repeat(43)]) {
      expect(await verifyPassword('x', bad)).toBe(false);
      expect(needsRehash(bad)).toBe(true);
    }
  });

  test('hashes made with older parameters are flagged for rehash', async () => {
    const old = await hashPassword('ancien mot de passe', { N: 2 ** 12, r: 8, p: 1 });
    expect(needsRehash(old)).toBe(true);
    expect(await verifyPassword('ancien mot de passe', old)).toBe(true);
    expect(needsRehash(await hashPassword('nouveau mot de passe'))).toBe(false);
  });

  test('one login check costs tens of milliseconds, not seconds', async () => {
    const stored = await hashPassword('mesure du temps de hachage');
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      await verifyPassword('mesure du temps de hachage', stored);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    console.log(`scrypt N=2^15 r=8 p=1 verify: median ${times[2]?.toFixed(1)} ms (min ${times[0]?.toFixed(1)}, max ${times[4]?.toFixed(1)})`);
    expect(times[2]).toBeLessThan(1000);
  });
});
