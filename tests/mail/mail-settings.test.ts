import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';

const load = (env: Record<string, string>, argv: string[] = []) => loadConfig({ env, argv, cwd: '/tmp' });

describe('e-mail configuration', () => {
  it('sends no e-mail without GARE_SMTP_URL', () => {
    expect(load({}).mail).toBeUndefined();
  });

  it('reads the SMTP address, the sender, the digest hour and the links’ base from variables or flags', () => {
    expect(load({ GARE_SMTP_URL: 'smtps://u:p@smtp.exemple.fr:465', GARE_PUBLIC_URL: 'https://wiki.exemple.fr/' }).mail).toEqual({
      smtpUrl: 'smtps://u:p@smtp.exemple.fr:465', from: 'Gare centrale <gare@localhost>', digestHour: 7, baseUrl: 'https://wiki.exemple.fr',
    });
    const flags = load({ GARE_PUBLIC_URL: 'https://wiki.exemple.fr' }, ['--smtp-url', 'smtp://relais:25', '--mail-from=Wiki <wiki@exemple.fr>', '--digest-hour', '18']).mail;
    expect(flags).toMatchObject({ smtpUrl: 'smtp://relais:25', from: 'Wiki <wiki@exemple.fr>', digestHour: 18 });
  });

  it.each([
    ['an address that is not SMTP', { GARE_SMTP_URL: 'https://smtp.exemple.fr', GARE_PUBLIC_URL: 'https://w.fr' }, /GARE_SMTP_URL.*adresse SMTP attendue/],
    ['SMTP without the public address', { GARE_SMTP_URL: 'smtp://relais:25' }, /GARE_SMTP_URL demande GARE_PUBLIC_URL/],
    ['an hour past 23', { GARE_DIGEST_HOUR: '24' }, /GARE_DIGEST_HOUR/],
    ['a sender without address', { GARE_MAIL_FROM: 'Gare centrale' }, /GARE_MAIL_FROM.*adresse attendue/],
  ])('refuses %s with one clear line', (_label, env, message) => {
    expect(() => load(env)).toThrow(message);
  });
});
