/**
 * A hub that sends its e-mails to a real SMTP server on loopback, for the mail tests: the same
 * configuration a person writes (GARE_SMTP_URL, GARE_PUBLIC_URL), read by loadConfig.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../server/config.ts';
import { startGare } from '../../server/main.ts';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server.ts';
import { root, type TestHub } from '../helpers/start-hub.ts';

/** A hub with e-mails, and the SMTP server that receives them. */
export interface MailTestHub extends TestHub {
  /** The test SMTP server. */
  smtp: TestSmtpServer;
}

/** A free loopback port: the public address (links of the e-mails) must be known before start. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

/** Starts the SMTP server and a hub (sample wiki, or `contentDir`) sending to it. */
export async function startMailHub(options: { contentDir?: string } = {}): Promise<MailTestHub> {
  const smtp = await startSmtpServer();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'gare-mail-'));
  const port = await freePort();
  const env = {
    PORT: String(port),
    GARE_DATA_DIR: dataDir,
    GARE_PUBLIC_URL: `http://127.0.0.1:${port}`,
    GARE_SMTP_URL: smtp.url,
    GARE_MAIL_FROM: 'Gare centrale <gare@exemple.org>',
    ...(options.contentDir ? { GARE_CONTENT_DIR: options.contentDir } : {}),
  };
  const config = loadConfig({ env, argv: [], cwd: root });
  const gare = await startGare({ config, root });
  await gare.hub.historyReady;
  return {
    ...gare,
    smtp,
    dataDir,
    async stop() {
      await gare.close();
      await smtp.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
