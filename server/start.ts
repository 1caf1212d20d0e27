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
  stopWith = (reason) => {
    console.log(`\n${reason} : arrêt propre (enregistrement des pads)…`);
    gare.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  if (pendingStop) stopWith(pendingStop);
}

// Signals may come while the hub is still loading: the stop then waits for it to be ready.
let stopWith: ((reason: string) => void) | undefined;
let pendingStop: string | undefined;
const stop = (reason: string): void => {
  if (pendingStop) return;
  pendingStop = reason;
  stopWith?.(reason);
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => stop(`${signal} reçu`));

// `npm start` runs `sh -c node …`: stopping npm by its process id ends npm and the shell but never
// signals node, which would keep the port. Under npm, losing the parent means npm is gone.
if (process.env['npm_lifecycle_event'] !== undefined) {
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) stop('npm s’est arrêté');
  }, 500).unref();
}

main().catch((error: unknown) => {
  if (error instanceof GareError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});
