/**
 * Issue 16's table (`npm run bench -- --only=scale`, `--large` for 100,000 pages): on one
 * generated corpus, the static anchors first (Hugo + Pagefind, then nginx serving Hugo's output),
 * then the hub in its own process, then the history row against `git log`. Each anchor or figure
 * that fails prints « échec : <raison> » in its row and the rest goes on.
 */
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { generateCorpus, generatePage } from './corpus.ts';
import { git } from './history-repo.ts';
import { benchHistory } from './scale-history.ts';
import { benchHub, hubFigureNames, type HubFigures } from './scale-hub-run.ts';
import { buildStaticSite } from './scale-hugo.ts';
import { startLoadClient, type LoadClient } from './scale-load.ts';
import { scaleRows, type ScaleFigures } from './scale-rows.ts';
import { startStaticServer } from './scale-static.ts';
import { attempt, formatScaleTable } from './scale-table.ts';

/** Options of `benchScale`. */
export interface BenchScaleOptions {
  root: string;
  /** Pages of the corpus (10,000; 100,000 with `--large`; 1,000 with `--quick`). */
  pages: number;
  /** Commits of the history row's repository. */
  commits: number;
  /** Fewer requests per load (`--quick`). */
  quick: boolean;
}

/** The result: the figures, and what the run wants said under the table. */
export interface ScaleResult { figures: ScaleFigures; notes: string[] }

/** Public pages (two sections of five: ~40 %), `n` of them spread over the corpus, in a scattered order. */
export function publicSample(pages: number, n: number): string[] {
  const publicCount = Math.floor(pages / 5) * 2 + Math.min(2, pages % 5);
  const count = Math.min(n, publicCount);
  return Array.from({ length: count }, (_, k) => {
    // 7919 is prime and larger than any sample, so this visits every rank once.
    const rank = Math.floor((((k * 7919) % count) * publicCount) / count);
    return generatePage(5 * Math.floor(rank / 2) + (rank % 2), pages).path.replace(/\.md$/, '');
  });
}

const vocabulary = 'accompagnement coopérative financement gouvernance statut juridique trésorerie écriture subvention calendrier partage atelier bénévole réunion décision consentement facturation assurance insertion parcours bilan cooperativ tresorerie'.split(' ');

/** `count` different searches, one or two words of the corpus (a few misspelt), so no answer is only a repeat. */
export function searchQueries(count: number): string[] {
  const n = vocabulary.length;
  return Array.from({ length: count }, (_, k) => (k < n ? vocabulary[k]! : `${vocabulary[k % n]!} ${vocabulary[(k * 7 + Math.floor(k / n)) % n]!}`));
}

/** A copy of the built site, so a rebuild meanwhile cannot pull it from under the hub (as the groups bench does). */
async function copySite(root: string): Promise<string> {
  const site = await mkdtemp(path.join(os.tmpdir(), 'gare-bench-scale-site-'));
  try {
    // Under the build lock, shared: never a half-built dist.
    execFileSync('flock', ['-s', '/tmp/gare-build.lock', 'cp', '-a', path.join(root, 'dist'), path.join(site, 'dist')]);
  } catch {
    await cp(path.join(root, 'dist'), path.join(site, 'dist'), { recursive: true });
  }
  await symlink(path.join(root, 'node_modules'), path.join(site, 'node_modules'));
  return site;
}

/** Runs the whole table on one corpus; removes what it made. */
export async function benchScale({ root, pages, commits, quick }: BenchScaleOptions): Promise<ScaleResult> {
  const notes: string[] = [];
  const say = (line: string): void => void console.error(`[scale] ${line}`);
  const note = (line: string): void => (say(line), void notes.push(line));
  const timeoutMs = pages >= 100_000 ? 60 * 60_000 : 20 * 60_000;
  const warmTotal = quick ? 2000 : 10_000;
  const work = await mkdtemp(path.join(os.tmpdir(), `gare-bench-scale-${pages}-`));
  const logFile = path.join(os.tmpdir(), `gare-bench-scale-${pages}-hub.log`);
  await writeFile(logFile, '');
  let client: LoadClient | undefined;
  let contentDir: string | undefined;
  try {
    say(`corpus de ${pages} pages…`);
    const t = performance.now();
    contentDir = await generateCorpus(pages);
    // Packed, as a cloned wiki is (and no automatic gc left running behind the timings).
    git(contentDir, ['-c', 'gc.auto=0', 'repack', '-adq']);
    git(contentDir, ['prune']);
    note(`Corpus: ${pages.toLocaleString('en-US')} pages (~40 % public), generated and packed in ${((performance.now() - t) / 1000).toFixed(1)} s.`);
    client = startLoadClient();
    const samplePaths = publicSample(pages, 2000);

    say('Hugo + Pagefind…');
    const built = await attempt(() => buildStaticSite({ root, contentDir: contentDir!, siteDir: path.join(work, 'hugo'), timeoutMs, say: note }));
    if (built.ok) note(`Anchor: Debian's hugo with a trivial layout over the same Markdown files, then Pagefind (${built.value.pagefindHow}) over its output.`);
    const hugo: ScaleFigures['hugo'] = built.ok ? { ok: true, value: { hugoMs: built.value.hugoMs, totalMs: built.value.hugoMs + built.value.pagefindMs } } : built;

    let staticLabel = 'nginx';
    let staticAfterStart: ScaleFigures['staticAfterStart'] = { ok: false, reason: 'pas de sortie Hugo à servir' };
    let staticWarm: ScaleFigures['staticWarm'] = staticAfterStart;
    if (built.ok) {
      say('serveur statique…');
      const server = await attempt(() => startStaticServer({ dir: path.join(work, 'static'), publicDir: built.value.publicDir, say: note }));
      if (server.ok) {
        staticLabel = server.value.label;
        const paths = samplePaths.map((p) => `/${p}/`);
        const run = (total: number) => attempt(() => client!.run({ base: server.value.url, paths, total, concurrency: 50, deadlineMs: 120_000 }));
        try {
          staticAfterStart = await run(2000);
          staticWarm = await run(warmTotal);
        } finally {
          await server.value.stop();
        }
      } else staticAfterStart = staticWarm = server;
    }

    say('hub…');
    const site = await copySite(root);
    const hub = await attempt(() =>
      benchHub({ site, contentDir: contentDir!, pagePaths: samplePaths.map((p) => `/wiki/${p}`), searchPaths: searchQueries(200).map((q) => `/recherche?q=${encodeURIComponent(q)}`), client: client!, logFile, timeoutMs, warmTotal, say }),
    );
    await rm(site, { recursive: true, force: true });
    note(`Hub: \`startGare\` in its own process (scripts/bench/scale-hub-child.ts, configuration from GARE_DATA_DIR / GARE_CONTENT_DIR / PORT); its output is in ${logFile}. Loads from a separate process, ${quick ? 'quick' : 'full'} lengths (warm: ${warmTotal} requests).`);

    say(`historique de ${commits} commits…`);
    const history = await attempt(() => benchHistory({ commits, pages: 500 }));
    // A hub that could not even start fails all its rows with the same reason.
    const hubFigures = hub.ok ? hub.value : (Object.fromEntries(hubFigureNames.map((name) => [name, hub])) as HubFigures);
    const figures: ScaleFigures = { pages, hugo, staticLabel, staticAfterStart, staticWarm, ...hubFigures, history };
    return { figures, notes };
  } finally {
    client?.close();
    await rm(work, { recursive: true, force: true });
    if (contentDir) await rm(contentDir, { recursive: true, force: true });
  }
}

/** Prints the table and its notes. */
export function printScale({ figures, notes }: ScaleResult): void {
  console.log(`\n${formatScaleTable({ pages: figures.pages, rows: scaleRows(figures) })}\n`);
  for (const line of notes) console.log(`- ${line}`);
}
