/**
 * `npm start` as a person runs it: stopping npm by its process id stops the hub and frees the
 * port, and a second start on a busy port says so in one French line (exit code 2).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readlink, realpath, rm, symlink, utimes } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from '../helpers/start-hub.ts';

let project: string;
let dataDir: string;
const started: ChildProcess[] = [];

/** A copy of the project whose sources look older than its build, so `npm start` never rebuilds the shared dist/. */
async function projectCopy(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'gare-start-'));
  await cp(path.join(root, 'server'), path.join(dir, 'server'), { recursive: true });
  await cp(path.join(root, 'package.json'), path.join(dir, 'package.json'));
  await cp(path.join(root, 'content'), path.join(dir, 'content'), { recursive: true });
  for (const shared of ['node_modules', 'dist']) await symlink(path.join(root, shared), path.join(dir, shared));
  const old = new Date('2000-01-01T00:00:00Z');
  for (const e of await readdir(path.join(dir, 'server'), { recursive: true, withFileTypes: true })) await utimes(path.join(e.parentPath, e.name), old, old);
  await utimes(path.join(dir, 'server'), old, old);
  return dir;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** True when something accepts connections on the port. */
function portTaken(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/** Runs `npm start` in the copy; resolves once the hub says it is ready (or the process ends). */
function npmStart(port: number): { child: ChildProcess; output: () => string; ready: Promise<boolean>; exit: Promise<number | null> } {
  const child = spawn('npm', ['start'], { cwd: project, env: { ...process.env, PORT: String(port), GARE_DATA_DIR: dataDir } });
  started.push(child);
  let out = '';
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = new Promise<boolean>((resolve) => {
    const seen = (d: Buffer) => {
      out += d.toString();
      if (out.includes('est prête')) resolve(true);
    };
    child.stdout?.on('data', seen);
    child.stderr?.on('data', seen);
    void exit.then(() => resolve(false));
  });
  return { child, output: () => out, ready, exit };
}

/** Ids of the processes running in `dir` (npm, its shell and node all start there). */
async function processesIn(dir: string): Promise<number[]> {
  const ids: number[] = [];
  for (const id of await readdir('/proc')) {
    if (!/^\d+$/.test(id)) continue;
    const cwd = await readlink(`/proc/${id}/cwd`).catch(() => '');
    if (cwd === dir) ids.push(Number(id));
  }
  return ids;
}

async function until(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) if (await check()) return true;
  return check();
}

beforeAll(async () => {
  project = await realpath(await projectCopy());
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'gare-start-data-'));
  await mkdir(dataDir, { recursive: true });
});
afterAll(async () => {
  for (const child of started) if (child.exitCode === null && child.pid) child.kill('SIGKILL');
  await rm(project, { recursive: true, force: true });
  await rm(dataDir, { recursive: true, force: true });
});

describe('npm start', () => {
  it('stops the hub and frees the port when npm is stopped by its process id', async () => {
    const port = await freePort();
    const first = npmStart(port);
    expect(await first.ready, first.output()).toBe(true);
    expect(await portTaken(port)).toBe(true);
    // A second start on the same port: one French line, exit code 2, nothing in English.
    const second = npmStart(port);
    expect(await second.exit).toBe(2);
    const said = second.output().split('\n').filter((l) => l.trim() !== '' && !l.startsWith('>'));
    expect(said).toEqual([expect.stringContaining(`Le port ${port} est déjà pris`)]);
    expect(second.output()).not.toMatch(/EADDRINUSE|Error:| {4}at /);
    process.kill(first.child.pid!, 'SIGTERM');
    expect(await until(async () => !(await portTaken(port)), 5000)).toBe(true);
    expect(await until(async () => (await processesIn(project)).length === 0, 5000), 'a process of the hub is left').toBe(true);
  }, 90_000);
});
