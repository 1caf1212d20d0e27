/**
 * `npm run bench`: figures on generated corpora (wiki, editing, pads). `--quick`: smaller corpora and
 * shorter loads (1,000 pages, 2,000 commits, 4 s of typing); `--only=wiki|editing|pads|compat|groups|scale|cluster`:
 * one section. `scale` is issue 16's table at 10,000 pages; `--large`: at 100,000 pages. `cluster`:
 * two instances over PostgreSQL, Redis and a forge (issue 13).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSite, isSiteBuildStale } from '../server/build-site.ts';
import type { WikiFigures } from './bench/wiki.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const quick = process.argv.includes('--quick');
const large = process.argv.includes('--large');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const sections = ['wiki', 'editing', 'pads', 'compat', 'groups', 'scale', 'cluster'];
if (only && !sections.includes(only)) {
  console.error(`--only=${only}: unknown section; choose one of ${sections.join(', ')}.`);
  process.exit(2);
}

// The pad benchmark serves no page: no site build for it alone.
if (only !== 'pads' && (await isSiteBuildStale(root))) await buildSite(root);
console.log(`# Gare centrale — banc d’essai (${new Date().toISOString().slice(0, 10)}, ${process.version}, ${(await import('node:os')).cpus().length} cœurs)`);

let failed = false;
/** Runs one section unless `--only` names another; a failing section is reported and the next one still runs. */
async function section(name: string, run: () => Promise<void>): Promise<void> {
  if (only && only !== name) return;
  try {
    await run();
  } catch (error) {
    failed = true;
    console.log(`\n## ${name}: failed\n\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
}

// Each section loads its own modules: one that no longer loads fails alone, the others still run.
await section('wiki', async () => {
  const { benchWiki, printWiki } = await import('./bench/wiki.ts');
  const rows: WikiFigures[] = [];
  for (const count of quick ? [1000] : [1000, 10_000]) rows.push(await benchWiki({ count, root }));
  printWiki(rows);
});
await section('wiki', async () => {
  const { benchMisspellings, printMisspellings } = await import('./bench/misspellings.ts');
  printMisspellings(await benchMisspellings({ root, count: quick ? 1000 : 10_000 }));
});
await section('editing', async () => {
  const { benchEditing, printEditing } = await import('./bench/editing.ts');
  printEditing([await benchEditing({ root, quick })]);
});
await section('pads', async () => {
  const { benchPads, printPads } = await import('./bench/pads.ts');
  printPads(await benchPads({ root, quick }));
});
await section('compat', async () => {
  const { benchCompat, printCompat } = await import('./bench-compat.ts');
  printCompat(await benchCompat({ root, count: quick ? 50 : 200 }));
});
await section('groups', async () => {
  const { benchGroups, printGroups } = await import('./bench-groups.ts');
  printGroups(await benchGroups({ root, quick }));
});
await section('scale', async () => {
  const { benchScale, printScale } = await import('./bench/scale.ts');
  // The history row has 10,000 commits at both sizes, as the table says.
  printScale(await benchScale({ root, pages: quick ? 1000 : large ? 100_000 : 10_000, commits: quick ? 1000 : 10_000, quick }));
});
await section('cluster', async () => {
  const { benchCluster, printCluster } = await import('./bench/cluster.ts');
  printCluster(await benchCluster({ root, quick }));
});
process.exit(failed ? 1 : 0);
