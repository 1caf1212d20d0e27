/** Configuration from environment variables and the same as command-line flags. */
import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from './errors.ts';
import { safeParseFrench } from './french-errors.ts';
import { readSsoConfig, type OidcSettings } from './auth/oidc-settings.ts';
import { readMailConfig, type MailSettings } from './mail/mail-settings.ts';

/** The configuration schema: every variable, its default and its meaning (the README table mirrors it). */
export const ConfigSchema = z.object({
  /** TCP port the hub listens on. */
  PORT: z.coerce.number().int().min(0).max(65535).default(4321),
  /** Interface the hub listens on (`0.0.0.0` to open it to the network). */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Folder for everything the running hub writes (git-ignored). */
  GARE_DATA_DIR: z.string().min(1).default('./data'),
  /** An existing git repository of pages to serve; default `<data>/wiki`, seeded from `content/`. */
  GARE_CONTENT_DIR: z.string().min(1).optional(),
  /** Public address of the hub, for links printed and cookies marked Secure (`https://…`). */
  GARE_PUBLIC_URL: z.url().optional(),
  /** Git remote to sync the content with (optional). */
  GARE_REMOTE_URL: z.url().optional(),
  /** Token (password) for the git remote. */
  GARE_REMOTE_TOKEN: z.string().optional(),
  /** Seconds between two syncs with the remote. */
  GARE_SYNC_INTERVAL: z.coerce.number().int().min(10).default(300),
  /** Address (issuer) of the OpenID Connect provider for single sign-on; no SSO without it. */
  GARE_OIDC_ISSUER: z.url().optional(),
  /** Client id of the hub at the provider. */
  GARE_OIDC_CLIENT_ID: z.string().min(1).optional(),
  /** Client secret of the hub at the provider; without it the hub is a public client (PKCE only). */
  GARE_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** Scopes asked of the provider, separated by spaces. */
  GARE_OIDC_SCOPES: z.string().min(1).default('openid email profile'),
  /** Name of the provider on the login button (« Se connecter avec … »). */
  GARE_OIDC_LABEL: z.string().trim().min(1).max(60).default('SSO'),
  /** Claim holding the display name; without it, given_name + usual_name (or family_name). */
  GARE_OIDC_NAME_CLAIM: z.string().min(1).default('name'),
  /** Claim holding the e-mail. */
  GARE_OIDC_EMAIL_CLAIM: z.string().min(1).default('email'),
  /** Claim deciding the role at each login (dotted path, e.g. `realm_access.roles`); none: the admin decides. */
  GARE_OIDC_ROLE_CLAIM: z.string().min(1).optional(),
  /** Values of the role claim giving a role: `admin:gare-admin,equipe:gare-equipe`. */
  GARE_OIDC_ROLES: z.string().min(1).optional(),
  /** Claim listing the person's groups (Keycloak: `groups`); their memberships follow it at each login. */
  GARE_OIDC_GROUPS_CLAIM: z.string().min(1).optional(),
  /** Role of a new single sign-on account (never admin: promote by hand or by the role claim). */
  GARE_OIDC_DEFAULT_ROLE: z.enum(['contributeur', 'equipe']).default('contributeur'),
  /** `on`: every e-mail of the provider counts as verified (ProConnect), so it may join an existing account. */
  GARE_OIDC_TRUST_EMAIL: z.enum(['on', 'off']).default('off'),
  /** `off`: no local passwords, people log in through single sign-on only. */
  GARE_LOCAL_LOGIN: z.enum(['on', 'off']).default('on'),
  /** SMTP server for e-mails (`smtp://user:pass@host:587`, `smtps://…`); no e-mail without it. */
  GARE_SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'adresse SMTP attendue, par exemple smtp://utilisateur:motdepasse@smtp.exemple.fr:587' }).optional(),
  /** Sender of the e-mails. */
  GARE_MAIL_FROM: z.string().trim().regex(/@/, { error: 'adresse attendue, par exemple « Gare centrale <gare@exemple.fr> »' }).max(200).default('Gare centrale <gare@localhost>'),
  /** Local hour (0–23) of the daily digest and action reminders. */
  GARE_DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(7),
  /** Redis shared by several instances (`redis://[:motdepasse@]hôte:6379`): pads typed live across them; one instance without it. */
  /** PostgreSQL shared by several instances (`postgres://utilisateur:motdepasse@hôte:5432/base`): accounts, sessions, pads, conversations…; without it, SQLite files in the data folder. */
  GARE_DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'adresse PostgreSQL attendue, par exemple postgres://gare:motdepasse@127.0.0.1:5432/gare' }).optional(),
  GARE_REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'adresse Redis attendue, par exemple redis://127.0.0.1:6379' }).optional(),
});

/** Configuration as read. */
export type RawConfig = z.infer<typeof ConfigSchema>;

/** Resolved configuration the hub runs with. */
export interface Config {
  /** Port. */
  port: number;
  /** Host. */
  host: string;
  /** Absolute data folder. */
  dataDir: string;
  /** Absolute content repository folder. */
  contentDir: string;
  /** Whether the content folder is the default one (seeded from the sample wiki). */
  seedContent: boolean;
  /** Public URL or undefined. */
  publicUrl: string | undefined;
  /** Remote sync settings, when configured. */
  remote: { url: string; token: string | undefined; intervalSeconds: number } | undefined;
  /** Single sign-on settings, when GARE_OIDC_ISSUER is set. */
  oidc?: OidcSettings | undefined;
  /** False when GARE_LOCAL_LOGIN=off: passwords are refused, only single sign-on logs in. */
  localLogin?: boolean;
  /** E-mail settings, when GARE_SMTP_URL is set. */
  mail?: MailSettings | undefined;
  /** GARE_DATABASE_URL: PostgreSQL for everything kept outside git; undefined: the embedded SQLite files. */
  databaseUrl?: string | undefined;
  /** GARE_REDIS_URL: Redis between the instances, for pads; undefined with one instance. */
  redisUrl?: string | undefined;
}

const flagNames: Record<string, keyof RawConfig> = {
  port: 'PORT',
  host: 'HOST',
  data: 'GARE_DATA_DIR',
  'data-dir': 'GARE_DATA_DIR',
  content: 'GARE_CONTENT_DIR',
  'content-dir': 'GARE_CONTENT_DIR',
  'public-url': 'GARE_PUBLIC_URL',
  'remote-url': 'GARE_REMOTE_URL',
  'remote-token': 'GARE_REMOTE_TOKEN',
  'sync-interval': 'GARE_SYNC_INTERVAL',
  'oidc-issuer': 'GARE_OIDC_ISSUER',
  'oidc-client-id': 'GARE_OIDC_CLIENT_ID',
  'oidc-client-secret': 'GARE_OIDC_CLIENT_SECRET',
  'oidc-scopes': 'GARE_OIDC_SCOPES',
  'oidc-label': 'GARE_OIDC_LABEL',
  'oidc-name-claim': 'GARE_OIDC_NAME_CLAIM',
  'oidc-email-claim': 'GARE_OIDC_EMAIL_CLAIM',
  'oidc-role-claim': 'GARE_OIDC_ROLE_CLAIM',
  'oidc-roles': 'GARE_OIDC_ROLES',
  'oidc-groups-claim': 'GARE_OIDC_GROUPS_CLAIM',
  'oidc-default-role': 'GARE_OIDC_DEFAULT_ROLE',
  'oidc-trust-email': 'GARE_OIDC_TRUST_EMAIL',
  'local-login': 'GARE_LOCAL_LOGIN',
  'smtp-url': 'GARE_SMTP_URL',
  'mail-from': 'GARE_MAIL_FROM',
  'digest-hour': 'GARE_DIGEST_HOUR',
  'redis-url': 'GARE_REDIS_URL',
  'database-url': 'GARE_DATABASE_URL',
};

/** Reads `--flag value` / `--flag=value` arguments; flags win over the environment. */
export function parseFlags(argv: readonly string[]): Partial<Record<keyof RawConfig, string>> {
  const out: Partial<Record<keyof RawConfig, string>> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    const key = m?.[1] ? flagNames[m[1]] : undefined;
    if (!m || !key) throw new ConfigError(`Option inconnue : ${arg} (options : ${Object.keys(flagNames).map((f) => `--${f}`).join(', ')})`);
    const value = m[2] ?? argv[++i];
    if (value === undefined) throw new ConfigError(`L’option --${m[1]} attend une valeur.`);
    out[key] = value;
  }
  return out;
}

/** A refused value as the error may print it: secrets hidden, and the password of an address (`smtp://user:motdepasse@…`). */
function shownValue(key: string, value: string): string {
  if (/SECRET|TOKEN|PASSWORD/u.test(key)) return '…';
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/@:]*):[^/@]*@/iu, '$1:…@');
}

/** Validates environment + flags into a Config; throws ConfigError with one clear line. */
export function loadConfig({ env, argv, cwd }: { env: Record<string, string | undefined>; argv: readonly string[]; cwd: string }): Config {
  const input: Record<string, string> = {};
  for (const key of Object.keys(ConfigSchema.shape)) {
    const v = env[key];
    if (v !== undefined && v !== '') input[key] = v;
  }
  Object.assign(input, parseFlags(argv));
  const parsed = safeParseFrench(ConfigSchema, input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = String(issue?.path[0] ?? '?');
    throw new ConfigError(`Configuration invalide : ${key}=${JSON.stringify(shownValue(key, input[key] ?? ''))} — ${issue?.message ?? 'valeur refusée'}.`);
  }
  const c = parsed.data;
  const dataDir = path.resolve(cwd, c.GARE_DATA_DIR);
  return {
    port: c.PORT,
    host: c.HOST,
    dataDir,
    contentDir: c.GARE_CONTENT_DIR ? path.resolve(cwd, c.GARE_CONTENT_DIR) : path.join(dataDir, 'wiki'),
    seedContent: !c.GARE_CONTENT_DIR,
    publicUrl: c.GARE_PUBLIC_URL,
    remote: c.GARE_REMOTE_URL ? { url: c.GARE_REMOTE_URL, token: c.GARE_REMOTE_TOKEN, intervalSeconds: c.GARE_SYNC_INTERVAL } : undefined,
    ...readSsoConfig(c),
    ...readMailConfig(c),
    redisUrl: c.GARE_REDIS_URL,
    databaseUrl: c.GARE_DATABASE_URL,
  };
}
