/** Turns a zod failure into the project's errors, with the schema's French message. */
import type { z } from 'zod';
import { InvalidInput } from '../errors.ts';
import { safeParseFrench } from '../french-errors.ts';
import { WeakPassword } from './auth-errors.ts';

/** Parses `input` with `schema`; a bad password throws WeakPassword, anything else InvalidInput. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = safeParseFrench(schema, input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const message = issue?.message ?? 'Données invalides : vérifiez le formulaire.';
  if (issue?.path[0] === 'password') throw new WeakPassword(message);
  throw new InvalidInput(message);
}

/** Extra rules a length check cannot see: the password must not be the e-mail, the name or one repeated character. */
export function checkPasswordStrength(input: { password: string; email?: string; name?: string }): void {
  const folded = input.password.trim().toLowerCase();
  const guessable = [input.email, input.email?.split('@')[0], input.name?.toLowerCase()];
  if (guessable.some((g) => g !== undefined && g.length > 0 && folded === g) || /^(.)\1*$/u.test(folded)) {
    throw new WeakPassword('Mot de passe trop facile à deviner : n’utilisez ni votre e-mail, ni votre nom, ni un seul caractère répété.');
  }
}
