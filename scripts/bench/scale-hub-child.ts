/**
 * The hub under test, alone in its process so its memory is its own: the configuration read from
 * the environment as `npm start` reads it (GARE_DATA_DIR, GARE_CONTENT_DIR, PORT), then
 * `startGare`. Argument: the site folder (holds `dist/`). Tells its parent over IPC when the
 * search is ready; `{ close: true }` stops it cleanly (pads, stores and caches saved).
 */
import { loadConfig } from '../../server/config.ts';
import { startGare } from '../../server/main.ts';

const root = process.argv[2];
if (!root) throw new Error('usage: scale-hub-child.ts <site folder>');

const gare = await startGare({ config: loadConfig({ env: process.env, argv: [], cwd: process.cwd() }), root });
process.send?.({ listening: gare.url });
void gare.hub.search.ready.then(() => process.send?.({ searchReady: true }));

process.on('message', (message: { close?: boolean }) => {
  if (!message.close) return;
  gare.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
