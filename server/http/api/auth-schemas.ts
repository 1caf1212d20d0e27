/** Bodies of the account routes (JSON or form fields of the same names); the store re-validates each field with its own rules. */
import { z } from 'zod';
import { AccountRoleSchema } from '../../auth/account-schemas.ts';

const text = (message: string, max: number) => z.string({ error: message }).max(max, { error: message });

/** POST /api/login. */
export const LoginBodySchema = z.object({
  /** Login e-mail. */
  email: text('Indiquez votre adresse e-mail.', 254),
  /** Password as typed. */
  password: text('Indiquez votre mot de passe.', 1000),
  /** Local path to go back to after login (forms send it as a hidden field). */
  retour: z.string().max(2000).optional(),
});

/** POST /api/first-admin and /api/invitations/accept. */
export const AcceptBodySchema = z.object({
  /** Token of the link. */
  token: text('Lien incomplet : recopiez le lien reçu en entier.', 200),
  /** Display name. */
  name: text('Indiquez votre nom.', 200),
  /** Login e-mail. */
  email: text('Indiquez votre adresse e-mail.', 300),
  /** Chosen password. */
  password: text('Indiquez un mot de passe.', 1000),
});

/** POST /api/password-reset. */
export const ResetBodySchema = z.object({
  /** Token of the reset link. */
  token: text('Lien incomplet : recopiez le lien reçu en entier.', 200),
  /** New password. */
  password: text('Indiquez un nouveau mot de passe.', 1000),
});

/** POST /api/invitations; an empty e-mail field of a form means "anyone with the link". */
export const InviteBodySchema = z.object({
  /** Role the invited person will get. */
  role: AccountRoleSchema,
  /** When set, only this e-mail may accept. */
  email: z
    .string()
    .max(300)
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? undefined : v)),
});

/** POST /api/people/:id/role. */
export const RoleBodySchema = z.object({
  /** New role. */
  role: AccountRoleSchema,
});
