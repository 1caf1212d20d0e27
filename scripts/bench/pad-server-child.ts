/**
 * Our pad server standing alone, as the pad benchmark starts it in a child process:
 * `createPadServer` on a plain HTTP server, everyone accepted (`?user=<id>` names them).
 * Argument: the data directory. Reports `{ port }` over IPC once listening. With
 * `GARE_DATABASE_URL` and `GARE_REDIS_URL` in its environment, it is one of several instances
 * over PostgreSQL and Redis (issue 13's fan-out rows).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPadServer } from '../../server/pads/pad-server.ts';
import { redisPadCluster } from '../../server/pads/redis-pad-cluster.ts';
import { openPostgresStore } from '../../server/store/postgres-store.ts';

const dir = process.argv[2];
if (!dir) throw new Error('usage: pad-server-child.ts <data directory>');

const database = process.env['GARE_DATABASE_URL'];
const redis = process.env['GARE_REDIS_URL'];
const pads = createPadServer({
  ...(database ? { store: openPostgresStore({ url: database }) } : { dir }),
  ...(redis ? { cluster: redisPadCluster(redis) } : {}),
  hooks: {
    async onAuthenticate({ request }) {
      const id = new URL(request.url ?? '/', 'http://x').searchParams.get('user') ?? 'anonyme';
      return { user: { id, name: `Personne ${id}` }, readOnly: false };
    },
  },
});
const server = http.createServer((_req, res) => res.writeHead(404).end());
server.on('upgrade', (request, socket, head) => pads.handleUpgrade(request, socket, head));
server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as AddressInfo).port }));

async function stop(): Promise<void> {
  await pads.close();
  server.closeAllConnections();
  server.close();
  process.exit(0);
}
process.on('SIGTERM', () => void stop());
