/** Builds the Astro site when its sources are newer than the build, so `npm start` needs no step. */
import { spawn } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

async function newestMtime(target: string): Promise<number> {
  const s = await stat(target).catch(() => undefined);
  if (!s) return 0;
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = s.mtimeMs;
  for (const e of await readdir(target, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const m = (await stat(path.join(e.parentPath, e.name)).catch(() => undefined))?.mtimeMs ?? 0;
    if (m > newest) newest = m;
  }
  return newest;
}

/** True when dist/ is missing or older than the sources it is built from. */
export async function isSiteBuildStale(root: string): Promise<boolean> {
  const built = await newestMtime(path.join(root, 'dist', 'server', 'entry.mjs'));
  if (!built) return true;
  for (const src of ['site', 'server', 'astro.config.mjs', 'package-lock.json']) {
    if ((await newestMtime(path.join(root, src))) > built) return true;
  }
  return false;
}

/** Runs `astro build` in `root` (a few seconds), printing its output only on failure. */
export async function buildSite(root: string): Promise<void> {
  const astro = path.join(root, 'node_modules', 'astro', 'bin', 'astro.mjs');
  const child = spawn(process.execPath, [astro, 'build'], { cwd: root, env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`La construction du site a échoué :\n${output.slice(-4000)}`);
}
