/** The hub's modules are compiled once per version and kept on disk (node's compile cache), not stripped and compiled again at every start. */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

let root: string;
afterAll(() => rm(root, { recursive: true, force: true }));

const mainUrl = new URL('../../server/main.ts', import.meta.url).href;

describe('a start', () => {
  it('loads the hub with the compile cache on, in the system’s temporary folder', async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'gare-compile-cache-'));
    const contentDir = path.join(root, 'wiki');
    const env = { ...process.env, GIT_AUTHOR_NAME: 'T', GIT_AUTHOR_EMAIL: 't@localhost', GIT_COMMITTER_NAME: 'T', GIT_COMMITTER_EMAIL: 't@localhost' };
    execFileSync('git', ['init', '-q', '-b', 'main', contentDir], { env });
    await writeFile(path.join(contentDir, 'accueil.md'), '---\ntitle: Accueil\nvisibility: public\n---\n\nBonjour.\n');
    execFileSync('git', ['add', '-A'], { cwd: contentDir, env });
    execFileSync('git', ['commit', '-qm', 'Début'], { cwd: contentDir, env });
    const tmp = path.join(root, 'tmp');
    await mkdir(tmp);
    const script = `
      import module from 'node:module';
      const { startGare } = await import(${JSON.stringify(mainUrl)});
      const config = { port: 0, host: '127.0.0.1', dataDir: ${JSON.stringify(path.join(root, 'data'))}, contentDir: ${JSON.stringify(contentDir)}, seedContent: false, publicUrl: undefined, remote: undefined };
      const gare = await startGare({ config, root: ${JSON.stringify(path.resolve(import.meta.dirname, '../..'))} });
      console.log(JSON.stringify({ dir: module.getCompileCacheDir() ?? null }));
      await gare.close();
      process.exit(0);
    `;
    const childEnv: NodeJS.ProcessEnv = { ...env, TMPDIR: tmp };
    delete childEnv['NODE_COMPILE_CACHE'];
    delete childEnv['NODE_DISABLE_COMPILE_CACHE'];
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { env: childEnv, encoding: 'utf8', timeout: 60_000 });
    const { dir } = JSON.parse(out.trim().split('\n').pop() ?? '{}') as { dir: string | null };
    expect(dir?.startsWith(path.join(tmp, 'node-compile-cache'))).toBe(true);
    // The hub's own modules are in it once the process ends.
    const entries = await readdir(dir as string, { recursive: true });
    expect(entries.length).toBeGreaterThan(100);
  }, 90_000);
});
