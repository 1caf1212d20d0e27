/** A section as a zip of Markdown and attachments: only what the viewer may read, under safe names. */
import { rm } from 'node:fs/promises';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { safeEntryName } from '../../server/export/section-zip.ts';
import { signIn, type TestSession } from '../helpers/people.ts';
import { startTestHub, type TestHub } from '../helpers/start-hub.ts';
import { createExportRepo, files, secret, tinyPng } from './export-fixture.ts';

let gare: TestHub;
let dir: string;
let team: TestSession;
let contributor: TestSession;

beforeAll(async () => {
  dir = await createExportRepo();
  gare = await startTestHub({ contentDir: dir });
  [team, contributor] = [await signIn(gare.hub, 'equipe'), await signIn(gare.hub, 'contributeur')];
}, 60_000);
afterAll(async () => {
  await gare?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function zipOf(section: string, cookie = ''): Promise<{ status: number; headers: Headers; entries: Record<string, Uint8Array>; raw: Buffer }> {
  const res = await fetch(`${gare.url}/api/export/rubrique/${section}.zip`, { headers: { cookie } });
  const raw = Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, entries: res.status === 200 ? unzipSync(new Uint8Array(raw)) : {}, raw };
}

describe('the section zip', () => {
  it('gives a visitor the public pages and their attachments, and nothing of the team page beside them', async () => {
    const zip = await zipOf('ateliers');
    expect(zip.status).toBe(200);
    expect(zip.headers.get('content-type')).toBe('application/zip');
    expect(zip.headers.get('content-disposition')).toContain('ateliers.zip');
    expect(Object.keys(zip.entries).sort()).toEqual([files.publicPage, files.publicImage].sort());
    expect(new TextDecoder().decode(zip.entries[files.publicPage])).toContain('title: Atelier vélo du samedi');
    expect(Buffer.from(zip.entries[files.publicImage] ?? []).equals(tinyPng())).toBe(true);
    const everything = Object.entries(zip.entries).map(([name, bytes]) => name + new TextDecoder().decode(bytes)).join('\n');
    for (const word of Object.values(secret)) expect(everything.toLowerCase()).not.toContain(word.toLowerCase());
  });

  it('gives a contributeur the same as a visitor', async () => {
    const zip = await zipOf('ateliers', contributor.cookie);
    expect(Object.keys(zip.entries).sort()).toEqual([files.publicPage, files.publicImage].sort());
  });

  it('gives the team every page and attachment of the section', async () => {
    const zip = await zipOf('ateliers', team.cookie);
    expect(Object.keys(zip.entries).sort()).toEqual([files.publicPage, files.publicImage, files.teamPage, files.teamFile].sort());
    expect(new TextDecoder().decode(zip.entries[files.teamFile])).toContain(secret.file);
  });

  it('answers a section the viewer cannot read like a missing one', async () => {
    const missing = await zipOf('rubrique-inconnue');
    expect(missing.status).toBe(404);
    const hidden = await zipOf('suivis');
    expect(hidden.status).toBe(404);
    expect(hidden.raw.toString()).toBe(missing.raw.toString());
    expect((await zipOf('suivis', team.cookie)).status).toBe(200);
    const climbing = await fetch(`${gare.url}/api/export/rubrique/..%2F..%2Fetc.zip`);
    expect(climbing.status).toBe(404);
  });
});

describe('zip entry names', () => {
  it.each([
    ['ateliers/page.md', 'ateliers/page.md'],
    ['../../etc/passwd', 'etc/passwd'],
    ['/abs/olute.md', 'abs/olute.md'],
    ['a/./b/../c.md', 'a/b/c.md'],
    ['a/con:fus?.md', 'a/con_fus_.md'],
    ['a/trailing. ', 'a/trailing'],
    ['..', undefined],
  ])('%s becomes %s', (input, expected) => {
    expect(safeEntryName(input)).toBe(expected);
  });
});
