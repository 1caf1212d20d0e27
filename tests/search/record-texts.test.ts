import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecordTexts } from '../../server/search/record-texts.ts';

let dir: string;
beforeAll(async () => void (dir = await mkdtemp(path.join(os.tmpdir(), 'gare-texts-'))));
afterAll(() => rm(dir, { recursive: true, force: true }));

const texts = { a: 'Réunion d’équipe\nsur deux lignes, 🚉 et « guillemets »', b: '', c: 'x'.repeat(5000) };

describe('the record texts kept between starts', () => {
  it('come back by blob exactly as they were made, and a file cut short keeps what precedes', async () => {
    const file = path.join(dir, '.state', 'texts.ndjson');
    const first = createRecordTexts({ file });
    first.remember('/wiki/a', 'blob-a', texts.a, true);
    first.remember('/wiki/b', 'blob-b', texts.b, true);
    first.remember('/wiki/c', 'blob-c', texts.c, true);
    first.forget(['/wiki/b']);
    await first.save();
    const known = await createRecordTexts({ file }).known();
    expect([known('blob-a'), known('blob-b'), known('blob-c')]).toEqual([texts.a, undefined, texts.c]);

    // A crash while the file was written: the last entry is incomplete.
    const whole = await readFile(file, 'utf8');
    await writeFile(file, whole.slice(0, whole.length - 100));
    const cut = await createRecordTexts({ file }).known();
    expect([cut('blob-a'), cut('blob-c')]).toEqual([texts.a, undefined]);
    await appendFile(file, 'n’importe quoi\n');
    expect((await createRecordTexts({ file }).known())('blob-a')).toBe(texts.a);
  });

  it('start empty without a file, or with a file of another format', async () => {
    expect((await createRecordTexts({ file: path.join(dir, 'absent.ndjson') }).known())('blob-a')).toBeUndefined();
    const old = path.join(dir, 'old.ndjson');
    await writeFile(old, `${JSON.stringify({ format: 1 })}\n${JSON.stringify(['/wiki/a', 'blob-a', 'texte'])}\n`);
    expect((await createRecordTexts({ file: old }).known())('blob-a')).toBeUndefined();
  });
});
