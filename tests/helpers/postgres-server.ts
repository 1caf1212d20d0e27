/**
 * A real PostgreSQL for one test file: Debian's binaries, a cluster made by `initdb` in a temporary
 * folder, listening on a free loopback port with its socket in that folder (never a system
 * service). As root, it runs as the unprivileged `postgres` user the Debian package creates (the
 * server refuses to run as root). Tuned for tests only: no fsync, no synchronous commit.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import pg from 'pg';

/** A running test server. */
export interface TestPostgres {
  /** `postgres://gare@127.0.0.1:<port>/postgres` (trust authentication, loopback only). */
  url: string;
  /** Creates an empty database and returns its URL. */
  createDatabase(): Promise<string>;
  /** Stops the server and removes its folder. */
  stop(): Promise<void>;
}

const missing =
  'PostgreSQL est introuvable (/usr/lib/postgresql/*/bin/initdb) : les tests du stockage partagé en ont besoin. Lancez .ci/run, qui installe le paquet Debian « postgresql », ou apt-get install postgresql.';

/** The newest installed server's binaries folder. */
function findBinDir(): string {
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base) ? readdirSync(base).filter((v) => existsSync(path.join(base, v, 'bin', 'initdb'))) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  if (versions[0] === undefined) throw new Error(missing);
  return path.join(base, versions[0], 'bin');
}

/** Who runs the server: ourselves, or the `postgres` user when we are root. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  const uid = id('-u');
  const gid = id('-g');
  if (uid.status !== 0 || gid.status !== 0) {
    throw new Error('Les tests tournent en root et l’utilisateur « postgres » n’existe pas : PostgreSQL refuse de tourner en root. Installez le paquet Debian « postgresql » (il crée cet utilisateur) ou lancez les tests sans être root.');
  }
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitReady(url: string, child: ChildProcess, log: () => string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`PostgreSQL s’est arrêté au démarrage :\n${log()}`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await client.end().catch(() => undefined);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error(`PostgreSQL ne répond pas après 15 s :\n${log()}`);
}

/**
 * A cluster made once by `initdb` and kept in the temporary folder, copied for each server: a copy
 * takes a fraction of initdb's seconds. Written aside then renamed, so a half-made one is never used.
 */
function templateCluster(bin: string, user: { uid: number; gid: number } | undefined): string {
  const template = path.join(tmpdir(), `gare-pg-template-${path.basename(path.dirname(bin))}-${user?.uid ?? process.getuid?.() ?? 0}`);
  if (existsSync(path.join(template, 'PG_VERSION'))) return template;
  const work = mkdtempSync(path.join(tmpdir(), 'gare-pg-initdb-'));
  if (user) chownSync(work, user.uid, user.gid);
  const made = path.join(work, 'data');
  const init = spawnSync(path.join(bin, 'initdb'), ['-D', made, '-U', 'gare', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C'], { ...user, env: { ...process.env, LC_ALL: 'C' }, cwd: work, encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`initdb a échoué (${user ? 'utilisateur postgres' : userInfo().username}) :\n${init.stderr}${init.error?.message ?? ''}`);
  try {
    renameSync(made, template);
  } catch {
    // Another test file made it at the same time: theirs is as good.
  }
  rmSync(work, { recursive: true, force: true });
  return template;
}

/** Starts a fresh server; call `stop` in afterAll. */
export async function startPostgres(): Promise<TestPostgres> {
  const bin = findBinDir();
  const user = serverUser();
  const dir = mkdtempSync(path.join(tmpdir(), 'gare-pg-'));
  if (user) chownSync(dir, user.uid, user.gid);
  const data = path.join(dir, 'data');
  const as = { ...user, env: { ...process.env, HOME: dir, LC_ALL: 'C' }, cwd: dir };
  const copy = spawnSync('cp', ['-a', templateCluster(bin, user), data], { ...as, encoding: 'utf8' });
  if (copy.status !== 0) throw new Error(`Copie du modèle de base PostgreSQL impossible :\n${copy.stderr}`);

  const port = await freePort();
  let output = '';
  const settings = ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off', 'max_connections=200', 'shared_buffers=16MB', 'dynamic_shared_memory_type=mmap'];
  const child = spawn(path.join(bin, 'postgres'), ['-D', data, '-p', String(port), '-h', '127.0.0.1', '-k', dir, ...settings.flatMap((s) => ['-c', s])], { ...as, stdio: ['ignore', 'pipe', 'pipe'] });
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  // If the test process exits without afterAll, neither the server nor its folder outlive it.
  const orphan = () => {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', orphan);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const url = `postgres://gare@127.0.0.1:${port}/postgres`;
  await waitReady(url, child, () => output);
  let n = 0;
  const make = async (): Promise<string> => {
    const name = `gare_test_${++n}`;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE ${name} TEMPLATE template0`);
    } finally {
      await client.end();
    }
    return `postgres://gare@127.0.0.1:${port}/${name}`;
  };
  // The next test's database is made while this test runs (a few hundred ms each).
  let next: Promise<string> | undefined;
  return {
    url,
    async createDatabase() {
      const made = await (next ?? make());
      next = make();
      next.catch(() => undefined);
      return made;
    },
    async stop() {
      process.removeListener('exit', orphan);
      await next?.catch(() => undefined);
      // Fast shutdown: open connections are cut, which a test that forgot to close must not block.
      if (child.exitCode === null) child.kill('SIGINT');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
