/**
 * Benchmark row of issue 12: an organisation of 2,000 accounts in 50 groups, over 10,000 pages
 * whose sections are restricted to groups in `_gare/acces.yml`, against the same wiki without
 * rights, in the same run. Per viewer (visitor, team member in 2 groups, admin): page latency
 * p50/p99 with 50 concurrent clients running in a separate process (the server's own event
 * loop is not measuring itself), and the size of the search bundles that viewer loads.
 * `node scripts/bench-groups.ts --client` is that client process (driven over IPC).
 */
import { execFileSync, spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startGare } from '../server/main.ts';
import { generateCorpus, gitCommitFile } from './bench/corpus.ts';
import { load, ms, percentile } from './bench/measure.ts';

/** Figures of one viewer in one variant. */
export interface GroupsViewerFigures { who: string; readable: number; p50Ms: number; p99Ms: number; bundleBytes: number }
/** Figures of one variant of the wiki. */
export interface GroupsFigures { variant: string; viewers: GroupsViewerFigures[] }

interface ClientJob { base: string; cookie: string | undefined; urls: string[]; total: number; concurrency: number }

const groupName = (i: number) => `Groupe ${String(i + 1).padStart(2, '0')}`;
const listOf = (from: number) => `[${Array.from({ length: 10 }, (_, k) => groupName(from + k)).join(', ')}]`;
// Three of the corpus's five sections are kept to ten groups each; the two public ones stay open.
const accessFile = `# Droits du banc d’essai\nrubriques:\n  accompagnements: { lecture: ${listOf(0)} }\n  reunions: { lecture: ${listOf(10)} }\n  comptes-rendus: { lecture: ${listOf(20)} }\n`;

/** Runs the load in a child process; resolves with each request's latency in ms. */
function loadFromChild(job: ClientJob): Promise<number[]> {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--client'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve(m as number[]));
    child.once('exit', (code) => reject(new Error(`load client exited (${code})`)));
    child.send(job);
  });
}

async function sizeOf(dir: string | undefined): Promise<number> {
  if (dir === undefined) return 0;
  let total = 0;
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => [])) {
    if (e.isFile()) total += (await stat(path.join(e.parentPath, e.name))).size;
  }
  return total;
}

/** Starts a hub on `contentDir` with the organisation's accounts; measures each viewer. */
async function measureVariant({ root, contentDir, variant, total }: { root: string; contentDir: string; variant: string; total: number }): Promise<GroupsFigures> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'gare-bench-groups-data-'));
  const gare = await startGare({ config: { port: 0, host: '127.0.0.1', dataDir, contentDir, seedContent: false, publicUrl: undefined, remote: undefined }, root });
  try {
    await gare.hub.search.ready;
    const accounts = gare.hub.accounts;
    const admin = await accounts.acceptInvitation({ token: (await accounts.createFirstAdminToken()) ?? '', name: 'Admin du banc', email: 'admin@banc.example', password: 'banc d’essai des groupes' });
    const groups: { id: string }[] = [];
    for (let i = 0; i < 50; i++) groups.push(await accounts.createGroup({ name: groupName(i), by: admin.person.id }));
    // Straight into the accounts store, in one transaction: 2,000 invitations would take minutes of scrypt.
    await accounts.sql.transaction(async (tx) => {
      for (let i = 0; i < 1999; i++) {
        await tx.run("INSERT INTO people (id, name, email, role, active, password_hash, created_at) VALUES (?, ?, ?, 'equipe', 1, 'x', 0)", [`agent-${i}`, `Agent ${i}`, `agent${i}@banc.example`]);
        // Every agent is in two groups; agent 0 (the measured team member) in Groupe 01 and Groupe 11.
        for (const g of new Set([i % 50, (i + 10) % 50])) {
          await tx.run("INSERT INTO group_members (group_id, user_id, source, added_at) VALUES (?, ?, 'admin', 0)", [groups[g]?.id ?? '', `agent-${i}`]);
        }
      }
    });

    const viewers = [
      { who: 'visiteur', cookie: undefined },
      { who: 'équipe, 2 groupes', cookie: `gare_session=${(await accounts.createSession({ userId: 'agent-0' })).sessionId}` },
      { who: 'admin', cookie: `gare_session=${(await accounts.createSession({ userId: admin.person.id })).sessionId}` },
    ];
    const out: GroupsViewerFigures[] = [];
    for (const { who, cookie } of viewers) {
      const viewer = await gare.hub.resolveViewer({ headers: cookie ? { cookie } : {} } as IncomingMessage);
      const reader = gare.hub.forViewer(viewer);
      const urls = reader.pages().map((p) => p.url);
      const latencies = await loadFromChild({ base: gare.url, cookie, urls, total, concurrency: 50 });
      const bundles = reader.searchBundle().split(',').map((prefix) => prefix.slice('/pagefind/'.length));
      const bundleBytes = (await Promise.all(bundles.map((a) => sizeOf(gare.hub.search.dirFor(a))))).reduce((a, b) => a + b, 0);
      out.push({ who, readable: urls.length, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99), bundleBytes });
    }
    return { variant, viewers: out };
  } finally {
    await gare.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Runs both variants on one generated corpus (10,000 pages; 1,000 with `quick`). */
export async function benchGroups({ root, quick }: { root: string; quick: boolean }): Promise<GroupsFigures[]> {
  const plain = await generateCorpus(quick ? 1000 : 10_000);
  const restricted = `${plain}-groupes`;
  // A clone, not a file copy: the corpus commit may have started a background `git gc` that packs
  // objects while they are read.
  execFileSync('git', ['clone', '-q', plain, restricted]);
  await mkdir(path.join(restricted, '_gare'), { recursive: true });
  await writeFile(path.join(restricted, '_gare', 'acces.yml'), accessFile);
  gitCommitFile(restricted, 'Droits par rubrique');
  // Both variants serve the same copy of the built site: a rebuild meanwhile cannot pull it from under them.
  const site = await mkdtemp(path.join(os.tmpdir(), 'gare-bench-groups-site-'));
  await cp(path.join(root, 'dist'), path.join(site, 'dist'), { recursive: true });
  await symlink(path.join(root, 'node_modules'), path.join(site, 'node_modules'));
  try {
    const total = quick ? 500 : 2000;
    return [
      await measureVariant({ root: site, contentDir: plain, variant: 'sans groupes', total }),
      await measureVariant({ root: site, contentDir: restricted, variant: 'avec groupes', total }),
    ];
  } finally {
    for (const dir of [plain, restricted, site]) await rm(dir, { recursive: true, force: true });
  }
}

/** Prints the row (one line per variant and viewer). */
export function printGroups(rows: GroupsFigures[]): void {
  console.log('\n## Organisation : 2 000 comptes, 50 groupes, droits par rubrique (issue 12)\n');
  console.log('| wiki | lecteur | pages lisibles | p50 (50 clients) | p99 | index de recherche chargé |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: |');
  for (const r of rows) for (const v of r.viewers) console.log(`| ${r.variant} | ${v.who} | ${v.readable} | ${ms(v.p50Ms)} | ${ms(v.p99Ms)} | ${(v.bundleBytes / 1024).toFixed(0)} Kio |`);
}

// The client process: fetches pages as told, answers with the latencies.
if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv.includes('--client')) {
  process.once('message', (job: ClientJob) => {
    void load(job.total, job.concurrency, async (i) => {
      const url = job.urls[(i * 7919) % job.urls.length] ?? '/';
      const res = await fetch(job.base + url, { headers: job.cookie ? { cookie: job.cookie } : {} });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
    }).then((latencies) => process.send?.(latencies, () => process.exit(0)));
  });
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  printGroups(await benchGroups({ root, quick: process.argv.includes('--quick') }));
  process.exit(0);
}
