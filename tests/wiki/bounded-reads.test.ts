import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walkContent } from '../../server/git/content-files.ts';
import { createLimit, type Limit } from '../../server/util/limit.ts';

const run = promisify(execFile);
const pages = 3000;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'gare-bounded-'));
  for (let s = 0; s < 10; s++) await mkdir(path.join(dir, `rubrique-${s}`));
  for (let i = 0; i < pages; i += 250) {
    await Promise.all(
      Array.from({ length: 250 }, (_, k) => {
        const n = i + k;
        return writeFile(path.join(dir, `rubrique-${n % 10}`, `page-${n}.md`), `---\ntitle: Page ${n}\ntags: [essai]\n---\nVoir [[Page ${(n + 1) % pages}]].\n`);
      }),
    );
  }
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('the index reads files a bounded number at a time', () => {
  it('indexes 3,000 pages in a process allowed only 200 open files', async () => {
    // prlimit lowers soft and hard limits alike, so Node cannot raise them back at start.
    const child = path.join(import.meta.dirname, 'index-child.ts');
    const { stdout } = await run('prlimit', ['--nofile=200', process.execPath, child, dir], { cwd: path.join(import.meta.dirname, '../..') });
    expect(stdout.trim()).toBe(String(pages));
  }, 120_000);
});

describe('the walk of the working tree', () => {
  it('lists folders and stats files through the bound it is given', async () => {
    const limit = createLimit(2);
    let calls = 0;
    let most = 0;
    const counted = (<T>(job: () => Promise<T>) => {
      calls++;
      return limit(async () => {
        most = Math.max(most, limit.active());
        return job();
      });
    }) as Limit;
    const walk = await walkContent(dir, counted);
    expect(walk.files.size).toBe(pages);
    // One listing per folder (the root and ten rubriques), one stat per file.
    expect(calls).toBe(pages + 11);
    expect(most).toBeLessThanOrEqual(2);
  });
});
