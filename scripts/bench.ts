/** `npm run bench`: figures on generated corpora (wiki, editing, pads). `--quick` for 1,000 pages only. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSite, isSiteBuildStale } from '../server/build-site.ts';
import { benchWiki, printWiki, type WikiFigures } from './bench/wiki.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const quick = process.argv.includes('--quick');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);

if (await isSiteBuildStale(root)) await buildSite(root);
console.log(`# Gare centrale — banc d’essai (${new Date().toISOString().slice(0, 10)}, ${process.version}, ${(await import('node:os')).cpus().length} cœurs)`);

if (!only || only === 'wiki') {
  const rows: WikiFigures[] = [];
  for (const count of quick ? [1000] : [1000, 10_000]) rows.push(await benchWiki({ count, root }));
  printWiki(rows);
}
process.exit(0);
