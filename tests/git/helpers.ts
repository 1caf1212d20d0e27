/** Test helpers for the git layer: temp folders, the git CLI with a fixed identity and clock. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { ensureContentRepo } from '../../server/git/seed-repo.ts';

/** A fresh temporary folder. */
export function makeTempDir(prefix = 'gare-git-'): Promise<string> {
  return fs.promises.mkdtemp(path.join(os.tmpdir(), prefix));
}

/** Removes a temporary folder. */
export function removeDir(dir: string): Promise<void> {
  return fs.promises.rm(dir, { recursive: true, force: true });
}

/** Environment that makes the git CLI ignore the machine's config and use a fixed identity and date. */
export function gitEnv(date = '2026-03-12T10:00:00Z'): NodeJS.ProcessEnv {
  return {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: os.tmpdir(),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_AUTHOR_NAME: 'Terminal Tess',
    GIT_AUTHOR_EMAIL: 'tess@example.org',
    GIT_COMMITTER_NAME: 'Terminal Tess',
    GIT_COMMITTER_EMAIL: 'tess@example.org',
    GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_DATE: date,
  };
}

/** Runs the git CLI in `dir` synchronously and returns its trimmed stdout. */
export function gitSync(dir: string, args: string[], env: NodeJS.ProcessEnv = gitEnv()): string {
  return execFileSync('git', args, { cwd: dir, env, encoding: 'utf8' }).trim();
}

const execFileAsync = promisify(execFile);

/** Runs the git CLI in `dir` and returns its trimmed stdout. */
export async function gitRun(dir: string, args: string[], env: NodeJS.ProcessEnv = gitEnv()): Promise<string> {
  const { stdout } = await execFileAsync('git', args, { cwd: dir, env, encoding: 'utf8' });
  return stdout.trim();
}

/** A clock that ticks one minute per call from a fixed start. */
export function fixedClock(start = '2026-03-12T09:00:00Z'): () => Date {
  let t = Date.parse(start);
  return () => new Date((t += 60_000));
}

/** Writes a file (creating folders) under `dir`. */
export async function writeFile(dir: string, file: string, content: string): Promise<void> {
  const full = path.join(dir, file);
  await fs.promises.mkdir(path.dirname(full), { recursive: true });
  await fs.promises.writeFile(full, content);
}

/** Seeds a content repository at `root`/wiki from `files` (path → content) written to `root`/sample; returns its folder. */
export async function seedContentRepo(root: string, files: Record<string, string>, now: () => Date = fixedClock()): Promise<string> {
  const sampleDir = path.join(root, 'sample');
  for (const [file, content] of Object.entries(files)) await writeFile(sampleDir, file, content);
  const dir = path.join(root, 'wiki');
  await ensureContentRepo({ dir, sampleDir, now });
  return dir;
}
