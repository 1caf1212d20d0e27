// Imports no module that could set a zod locale globally before the checks below run.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseInput as parseAccountInput } from '../../server/auth/parse-input.ts';
import { CreateInvitationSchema } from '../../server/auth/account-schemas.ts';
import { loadConfig } from '../../server/config.ts';
import { ConfigError, InvalidInput } from '../../server/errors.ts';
import { parseInput as parseBody } from '../../server/http/body.ts';

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error('expected a refusal');
}

describe('French validation messages without a global locale', () => {
  it('leaves zod in English for code that does not ask for French', () => {
    const result = z.string().safeParse(4);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/expected string/i);
  });

  it('words a bad HTTP body field in French', () => {
    const error = messageOf(() => parseBody(z.object({ title: z.string().max(3) }), { title: 'Beaucoup trop long' }));
    expect(error).toMatch(/^Champ « title » invalide : Trop grand/);
    expect(() => parseBody(z.object({ n: z.number() }), { n: 'x' })).toThrow(InvalidInput);
  });

  it('words a bad configuration value in French', () => {
    const error = messageOf(() => loadConfig({ env: { PORT: 'quatre' }, argv: [], cwd: '/tmp' }));
    expect(error).toMatch(/^Configuration invalide : PORT="quatre" — Entrée invalide : nombre attendu/);
    expect(() => loadConfig({ env: { PORT: '99999' }, argv: [], cwd: '/tmp' })).toThrow(ConfigError);
  });

  it('words an account field the schema does not word itself in French', () => {
    const error = messageOf(() => parseAccountInput(CreateInvitationSchema, { role: 'equipe', invitedBy: '' }));
    expect(error).toMatch(/^Trop petit|^Entrée invalide/);
  });

  it('words a front matter field in French once the page schema is loaded, still without a global', async () => {
    const { parseFrontMatter } = await import('../../server/wiki/schema.ts');
    const result = parseFrontMatter({ title: 42, visibility: 'secret' });
    const messages = result.error?.issues.map((i) => i.message) ?? [];
    expect(messages).toHaveLength(2);
    for (const m of messages) expect(m).toMatch(/^(Entrée invalide|Option invalide)/);
    expect(z.string().safeParse(4).error?.issues[0]?.message).toMatch(/expected string/i);
  });
});
