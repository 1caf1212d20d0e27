/** A pushed `_modeles` link never makes a new pad start with a file from outside the repository. */
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { readPadTemplate } from '../../server/hub/pad-wiring.ts';
import { makeTempDir, removeDir } from '../git/helpers.ts';

let dir: string;
let outside: string;

beforeEach(async () => {
  dir = await makeTempDir();
  outside = await makeTempDir('gare-dehors-');
  await mkdir(path.join(outside, 'pads'));
  await writeFile(path.join(outside, 'pads', 'vide.md'), 'canari-pad');
  await symlink(outside, path.join(dir, '_modeles'));
});
afterEach(async () => {
  await removeDir(dir);
  await removeDir(outside);
});

it('starts no pad from a template behind a linked folder', async () => {
  expect(await readPadTemplate(dir, 'vide')).toBe('');
});

it('still reads a real template', async () => {
  await removeDir(path.join(dir, '_modeles'));
  await mkdir(path.join(dir, '_modeles', 'pads'), { recursive: true });
  await writeFile(path.join(dir, '_modeles', 'pads', 'vide.md'), 'Ordre du jour');
  expect(await readPadTemplate(dir, 'vide')).toBe('Ordre du jour');
});
