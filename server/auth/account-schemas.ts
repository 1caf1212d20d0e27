/** One zod schema per account operation: the single source of truth for inputs and their types. */
import { z } from 'zod';

/** Roles an account can hold (a visitor has no account). */
export const AccountRoleSchema = z.enum(['contributeur', 'equipe', 'admin'], {
  error: 'Rôle inconnu : choisissez contributeur, equipe ou admin.',
});
/** A role an account can hold. */
export type AccountRole = z.infer<typeof AccountRoleSchema>;

/** An e-mail, trimmed and lower-cased so that it is unique whatever the case typed. */
export const EmailSchema = z
  .string({ error: 'Indiquez une adresse e-mail.' })
  .trim()
  .toLowerCase()
  .max(254, { error: 'Adresse e-mail trop longue (254 caractères au plus).' })
  .pipe(z.email({ error: 'Adresse e-mail invalide : vérifiez son orthographe (exemple : prenom@exemple.fr).' }));

/** A display name, also used as commit author. */
export const NameSchema = z
  .string({ error: 'Indiquez votre nom.' })
  .trim()
  .min(1, { error: 'Indiquez votre nom.' })
  .max(80, { error: 'Nom trop long : 80 caractères au plus.' });

/** A new password: length only (a long passphrase beats character-class rules). */
export const PasswordSchema = z
  .string({ error: 'Indiquez un mot de passe.' })
  .min(10, { error: 'Mot de passe trop court : choisissez-en un d’au moins 10 caractères (une phrase facile à retenir convient très bien).' })
  .max(200, { error: 'Mot de passe trop long : 200 caractères au plus.' });

const IdSchema = z.string().min(1).max(100);
const TokenSchema = z.string({ error: 'Lien incomplet : recopiez le lien reçu en entier.' }).max(200);
const TtlSchema = z.number().int().positive().max(366 * 24 * 3600 * 1000);

/** Input of `createInvitation`. */
export const CreateInvitationSchema = z.object({
  /** Role the invited person will get. */
  role: AccountRoleSchema,
  /** Id of the admin who invites. */
  invitedBy: IdSchema,
  /** When set, only this e-mail may accept. */
  email: EmailSchema.optional(),
  /** Lifetime of the link. */
  ttlMs: TtlSchema.default(7 * 24 * 3600 * 1000),
});

/** Input of `acceptInvitation`. */
export const AcceptInvitationSchema = z.object({
  /** Token from the invitation link. */
  token: TokenSchema,
  /** Display name. */
  name: NameSchema,
  /** Login e-mail. */
  email: EmailSchema,
  /** Chosen password. */
  password: PasswordSchema,
});

/** Input of `verifyLogin`; the password is not length-checked so old accounts still log in. */
export const VerifyLoginSchema = z.object({
  /** Login e-mail. */
  email: z.string().trim().toLowerCase().max(254),
  /** Password as typed. */
  password: z.string().max(1000),
});

/** Input of `createSession`. */
export const CreateSessionSchema = z.object({
  /** Account id. */
  userId: IdSchema,
  /** Browser description, shown in a future "your sessions" list. */
  userAgent: z.string().max(500).optional(),
});

/** Input of `setRole`. */
export const SetRoleSchema = z.object({
  /** Account to change. */
  userId: IdSchema,
  /** New role. */
  role: AccountRoleSchema,
  /** Id of the admin making the change. */
  by: IdSchema,
});

/** Input of `deactivate` and `reactivate`. */
export const SetActiveSchema = z.object({
  /** Account to change. */
  userId: IdSchema,
  /** Id of the admin making the change. */
  by: IdSchema,
});

/** Input of `createPasswordReset`. */
export const CreatePasswordResetSchema = z.object({
  /** Account whose password will be reset. */
  userId: IdSchema,
  /** Id of the admin who creates the link. */
  by: IdSchema,
  /** Lifetime of the link. */
  ttlMs: TtlSchema.default(24 * 3600 * 1000),
});

/** Input of `resetPassword`. */
export const ResetPasswordSchema = z.object({
  /** Token from the reset link. */
  token: TokenSchema,
  /** New password. */
  password: PasswordSchema,
});
