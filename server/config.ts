/** Configuration from environment variables and the same as command-line flags. */
import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from './errors.ts';
import { safeParseFrench } from './french-errors.ts';

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
    throw new ConfigError(`Configuration invalide : ${key}=${JSON.stringify(input[key] ?? '')} — ${issue?.message ?? 'valeur refusée'}.`);
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
  };
}
