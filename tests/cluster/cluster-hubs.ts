/** Test helpers for whole hubs side by side: a forge seeded with the sample wiki, hubs in child processes. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAccountStore } from '../../server/auth/account-store.ts';
import { ensureContentRepo } from '../../server/git/seed-repo.ts';
import { splitFrontMatter } from '../../server/wiki/front-matter.ts';
import { openPostgresStore } from '../../server/store/postgres-store.ts';
import { startGitHttpServer } from '../git/http-git-server.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const node = path.join(root, 'node_modules', '.bin', 'node');
const fixture = fileURLToPath(new URL('./fixtures/hub-process.ts', import.meta.url));

/** A bare repository `wiki.git` holding the sample wiki, served over smart HTTP with a token. */
export async function startSeededForge(dir: string, token: string) {
  const seed = path.join(dir, 'seed');
  await ensureContentRepo({ dir: seed, sampleDir: path.join(root, 'content'), now: () => new Date('2026-11-02T09:00:00Z') });
  const forgeRoot = path.join(dir, 'forge');
  fs.mkdirSync(forgeRoot);
  const git = (cwd: string, args: string[]) => {
    const done = spawnSync('git', args, { cwd, encoding: 'utf8' });
    if (done.status !== 0) throw new Error(`git ${args.join(' ')}: ${done.stderr}`);
    return done.stdout.trim();
  };
  git(forgeRoot, ['clone', '-q', '--bare', seed, 'wiki.git']);
  const server = await startGitHttpServer({ root: forgeRoot, token });
  return {
    url: server.url('wiki.git'),
    /** Runs git in the bare repository (to read the forge's history). */
    git: (args: string[]) => git(path.join(forgeRoot, 'wiki.git'), args),
    close: () => server.close(),
  };
}

/** A hub in a child process. */
export interface HubProcess {
  /** Base URL. */
  url: string;
  /** The process. */
  child: ChildProcess;
  /** SIGKILL, as a crash. */
  kill(): Promise<void>;
  /** SIGTERM, a clean stop. */
  stop(): Promise<void>;
}

/** Starts a hub with `env` on top of the test's environment; resolves once it answers. */
export async function spawnHub(env: Record<string, string>): Promise<HubProcess> {
  const child = spawn(node, [fixture], { env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /URL (\S+)/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`hub exited with ${code}: ${out}`)));
  });
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return { url, child, kill: () => end('SIGKILL'), stop: () => end('SIGTERM') };
}

/** Polls `check` every 50 ms until it holds (or throws after `ms`). */
export async function eventually(check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error('condition never met');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A team member logged in on one hub: the cookie and CSRF token, valid on every instance. */
export interface ClusterMember {
  cookie: string;
  csrf: string;
}

/** Creates an admin, a team member and a contributor in the shared database, then logs the member in on `hub`. */
export async function createMember(database: string, hub: HubProcess): Promise<ClusterMember> {
  const accounts = await createAccountStore({ store: openPostgresStore({ url: database }), now: Date.now });
  try {
    const first = await accounts.createFirstAdminToken();
    const admin = await accounts.acceptInvitation({ token: first!, name: 'Alice Admin', email: people.admin.email, password: people.admin.password });
    for (const [role, person] of [['equipe', people.member], ['contributeur', people.contributor]] as const) {
      const { token } = await accounts.createInvitation({ role, invitedBy: admin.person.id });
      await accounts.acceptInvitation({ token, name: person.name, email: person.email, password: person.password });
    }
  } finally {
    await accounts.close();
  }
  return logIn(hub, people.member);
}

/** The people `createMember` makes. */
export const people = {
  admin: { name: 'Alice Admin', email: 'alice@exemple.org', password: 'correct horse battery' },
  member: { name: 'Camille Dupont', email: 'camille@exemple.org', password: 'un mot de passe solide' },
  contributor: { name: 'Léa Contributrice', email: 'lea@exemple.org', password: 'une phrase de passe' },
};

/** Logs `person` in on `hub`: the session cookie and CSRF token. */
export async function logIn(hub: HubProcess, person: { email: string; password: string }): Promise<ClusterMember> {
  const login = await fetch(hub.url + '/api/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: hub.url },
    body: JSON.stringify({ email: person.email, password: person.password }),
  });
  if (login.status !== 200) throw new Error(`login answered ${login.status}: ${await login.text()}`);
  const cookie = (login.headers.getSetCookie().find((c) => c.startsWith('gare_session=')) ?? '').split(';')[0]!;
  const { csrf } = (await login.json()) as { csrf: string };
  return { cookie, csrf };
}

/** POSTs `body` as JSON to `hub` as `who`. */
export function postAs(hub: HubProcess, who: ClusterMember, p: string, body: unknown): Promise<Response> {
  return fetch(hub.url + p, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: hub.url, cookie: who.cookie, 'x-csrf-token': who.csrf },
    body: JSON.stringify(body),
  });
}

/** A page as the API gives it, with its body apart, for editing. */
export interface EditablePage {
  path: string;
  version: string;
  meta: { title: string; type: string; visibility: string; tags: string[] };
  /** The file as stored. */
  source: string;
  /** The Markdown after the front matter. */
  body: string;
}

/** Reads a page through the API of `hub`. */
export async function pageOn(hub: HubProcess, member: ClusterMember, slug: string): Promise<EditablePage> {
  const res = await fetch(`${hub.url}/api/pages/${slug}`, { headers: { cookie: member.cookie } });
  if (res.status !== 200) throw new Error(`GET /api/pages/${slug} answered ${res.status}`);
  const page = (await res.json()) as Omit<EditablePage, 'body'>;
  return { ...page, body: splitFrontMatter(page.source).body };
}

/** Saves `change(body)` on `hub` from `baseVersion` (default: the version read just before). */
export async function editPage(hub: HubProcess, member: ClusterMember, slug: string, change: (body: string) => string, baseVersion?: string): Promise<Response> {
  const page = await pageOn(hub, member, slug);
  return savePage(hub, member, page, change(page.body), baseVersion ?? page.version);
}

/** Saves `body` as the new text of `page` (read before) on `hub`, from `baseVersion`. */
export function savePage(hub: HubProcess, member: ClusterMember, page: EditablePage, body: string, baseVersion = page.version): Promise<Response> {
  return fetch(hub.url + '/api/pages/save', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: hub.url, cookie: member.cookie, 'x-csrf-token': member.csrf },
    body: JSON.stringify({ path: page.path, title: page.meta.title, type: page.meta.type, tags: page.meta.tags, visibility: page.meta.visibility, body, baseVersion }),
  });
}
