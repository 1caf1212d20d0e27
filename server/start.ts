/** `npm start`: reads the configuration, builds the site if needed, starts the hub. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from './config.ts';
import { ConfigError, GareError } from './errors.ts';
import { buildSite, isSiteBuildStale } from './build-site.ts';
import { startGare } from './main.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig({ env: process.env, argv: process.argv.slice(2), cwd: process.cwd() });
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  if (await isSiteBuildStale(root)) {
    console.log('Construction du site (quelques secondes, seulement après une mise à jour)…');
    await buildSite(root);
  }
  const gare = await startGare({ config, root });
  const publicUrl = config.publicUrl ?? gare.url.replace('127.0.0.1', 'localhost');
  console.log(`Gare centrale est prête : ${publicUrl}`);
  console.log(`  contenu : ${config.contentDir}`);
  console.log(`  données : ${config.dataDir}`);
  const link = await gare.hub.firstAdminLink?.(publicUrl);
  if (link) {
    console.log('\nPremier démarrage : créez le compte administrateur en ouvrant ce lien (valable une fois) :');
    console.log(`  ${link}\n`);
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal} reçu : arrêt propre (enregistrement des pads)…`);
    gare.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof GareError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});
