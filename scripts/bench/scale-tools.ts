/**
 * The anchors' programs: Debian's `hugo` and `nginx`, installed with apt-get when missing (the
 * benchmark says so), and Pagefind's CLI binary, shipped inside the `pagefind` npm package.
 */
import { execFile, spawn } from 'node:child_process';
import { access, constants, readdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Path of `name` on PATH (and the sbin folders nginx lives in), or undefined. */
export async function which(name: string): Promise<string | undefined> {
  const dirs = [...(process.env['PATH'] ?? '').split(':'), '/usr/sbin', '/usr/local/sbin', '/sbin'];
  for (const dir of dirs.filter(Boolean)) {
    const candidate = path.join(dir, name);
    if (await access(candidate, constants.X_OK).then(() => true, () => false)) return candidate;
  }
  return undefined;
}

/** The program `bin`, installing Debian's package `pkg` first when it is missing; throws with the reason. */
export async function ensureProgram(bin: string, pkg: string, say: (line: string) => void): Promise<string> {
  const found = await which(bin);
  if (found) return found;
  say(`${bin} absent : installation du paquet Debian « ${pkg} » (apt-get install -y ${pkg})…`);
  const apt = (args: string[]) => run('apt-get', ['-o', 'DPkg::Lock::Timeout=300', ...args], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, maxBuffer: 64 * 1024 * 1024 });
  try {
    await apt(['install', '-y', '-q', pkg]);
  } catch {
    // A fresh machine has no package lists yet.
    await apt(['update', '-q']).catch(() => undefined);
    await apt(['install', '-y', '-q', pkg]).catch((error: unknown) => {
      throw new Error(`apt-get install ${pkg} a échoué (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
    });
  }
  const installed = await which(bin);
  if (!installed) throw new Error(`${bin} introuvable après apt-get install ${pkg}`);
  return installed;
}

/** Pagefind's CLI binary from `node_modules/@pagefind/<platform>/bin/`, or undefined. */
export async function pagefindBinary(root: string): Promise<string | undefined> {
  const scope = path.join(root, 'node_modules', '@pagefind');
  for (const platform of await readdir(scope).catch(() => [])) {
    for (const name of ['pagefind', 'pagefind_extended']) {
      const candidate = path.join(scope, platform, 'bin', name);
      if (await access(candidate, constants.X_OK).then(() => true, () => false)) return candidate;
    }
  }
  return undefined;
}

/** Runs a program to its end; rejects with the tail of its output when it fails or outlasts `timeoutMs`. */
export function runProgram(file: string, args: string[], { cwd, timeoutMs }: { cwd: string; timeoutMs: number }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let tail = '';
    const keep = (chunk: Buffer): void => void (tail = (tail + chunk.toString()).slice(-2000));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => reject(error));
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`${path.basename(file)} : ${signal ? `arrêté (${signal})` : `code ${code}`} — ${tail.trim().split('\n').slice(-3).join(' / ')}`));
    });
  });
}
