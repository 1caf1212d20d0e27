/**
 * The clients of optional services load only when the service is configured: a newcomer's
 * `npm start` never pays for Redis, PostgreSQL or SMTP modules (node-redis alone is a few hundred
 * milliseconds of loading on every start).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { root } from '../helpers/start-hub.ts';

const fixture = fileURLToPath(new URL('./fixtures/loaded-clients.ts', import.meta.url));

describe('a hub with the embedded defaults', () => {
  it('starts and answers without loading the Redis, PostgreSQL or mail clients', () => {
    const run = spawnSync(path.join(root, 'node_modules', '.bin', 'node'), [fixture], { encoding: 'utf8', timeout: 120_000 });
    const line = /LOADED (.*)/.exec(run.stdout)?.[1];
    expect(line, run.stderr).toBeDefined();
    expect(JSON.parse(line!)).toEqual([]);
  }, 130_000);
});
