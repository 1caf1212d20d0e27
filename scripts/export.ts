/** `npm run export [-- --out ./export --content <dépôt> --no-build]`: the public pages as a static site. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSite, isSiteBuildStale } from '../server/build-site.ts';
import { loadConfig } from '../server/config.ts';
import { GareError } from '../server/errors.ts';
import { exportSite } from '../server/export/export-site.ts';
import { startGare } from '../server/main.ts';
import { closePagefind } from '../server/search/bundle.ts';
import { parseExportArgs } from './export/args.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function formatBytes(bytes: number): string {
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} Kio` : `${(bytes / 1024 / 1024).toFixed(1)} Mio`;
}

async function main(): Promise<void> {
  const args = parseExportArgs(process.argv.slice(2));
  const loaded = loadConfig({ env: process.env, argv: args.content ? ['--content', args.content] : [], cwd: process.cwd() });
  if (args.build && (await isSiteBuildStale(root))) {
    console.log('Construction du site (quelques secondes)…');
    await buildSite(root);
  }
  // The hub runs on a scratch data folder: the export never touches accounts, pads or live search.
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'gare-export-'));
  const gare = await startGare({ config: { ...loaded, port: 0, host: '127.0.0.1', dataDir, publicUrl: undefined, remote: undefined }, root });
  try {
    const outDir = path.resolve(args.out);
    console.log(`Export des pages publiques de ${loaded.contentDir} vers ${outDir}…`);
    const s = await exportSite({ gare, outDir, clientDir: path.join(root, 'dist', 'client') });
    console.log(`Export terminé en ${(s.ms / 1000).toFixed(1)} s : ${s.pages} pages, ${s.attachments} pièces jointes, ${s.searchPages} pages dans la recherche, ${s.files} fichiers, ${formatBytes(s.bytes)}.`);
    console.log('Servez ce dossier à la racine d’un domaine (les liens commencent par « / »).');
  } finally {
    await gare.close();
    await closePagefind();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof GareError ? error.message : error);
  process.exit(error instanceof GareError ? 2 : 1);
});
