/**
 * `npm run bench`: figures on generated corpora (wiki, editing, pads). `--quick`: smaller corpora and
 * shorter loads (1,000 pages, 2,000 commits, 4 s of typing); `--only=wiki|editing|pads|compat|groups|scale`:
 * one section. `scale` is issue 16's table at 10,000 pages; `--large`: at 100,000 pages.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSite, isSiteBuildStale } from '../server/build-site.ts';
import { benchWiki, printWiki, type WikiFigures } from './bench/wiki.ts';
import { benchPads, printPads } from './bench/pads.ts';
import { benchEditing, printEditing } from './bench/editing.ts';
import { benchMisspellings, printMisspellings } from './bench/misspellings.ts';
import { benchCompat, printCompat } from './bench-compat.ts';
import { benchGroups, printGroups } from './bench-groups.ts';
import { benchScale, printScale } from './bench/scale.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const quick = process.argv.includes('--quick');
const large = process.argv.includes('--large');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const sections = ['wiki', 'editing', 'pads', 'compat', 'groups', 'scale'];
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

await section('wiki', async () => {
  const rows: WikiFigures[] = [];
  for (const count of quick ? [1000] : [1000, 10_000]) rows.push(await benchWiki({ count, root }));
  printWiki(rows);
});
await section('wiki', async () => printMisspellings(await benchMisspellings({ root, count: quick ? 1000 : 10_000 })));
await section('editing', async () => printEditing([await benchEditing({ root, quick })]));
await section('pads', async () => printPads(await benchPads({ root, quick })));
await section('compat', async () => printCompat(await benchCompat({ root, count: quick ? 50 : 200 })));
await section('groups', async () => printGroups(await benchGroups({ root, quick })));
// History row: 10,000 commits at both sizes, as the table says.
await section('scale', async () => printScale(await benchScale({ root, pages: quick ? 1000 : large ? 100_000 : 10_000, commits: quick ? 1000 : 10_000, quick })));
process.exit(failed ? 1 : 0);
