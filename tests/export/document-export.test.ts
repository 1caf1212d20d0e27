/** Pages as .docx and .odt, read back by parsers: what a reader sees, and nothing they may not read. */
import { rm } from 'node:fs/promises';
import { DOMParser } from '@xmldom/xmldom';
import { unzipSync } from 'fflate';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type TestSession } from '../helpers/people.ts';
import { startTestHub, type TestHub } from '../helpers/start-hub.ts';
import { createExportRepo, files, secret } from './export-fixture.ts';

let gare: TestHub;
let dir: string;
let team: TestSession;
const slug = (p: string): string => p.replace(/\.md$/, '');

beforeAll(async () => {
  dir = await createExportRepo();
  gare = await startTestHub({ contentDir: dir });
  team = await signIn(gare.hub, 'equipe');
}, 60_000);
afterAll(async () => {
  await gare?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function download(path: string, cookie = ''): Promise<{ status: number; type: string | null; bytes: Buffer }> {
  const res = await fetch(gare.url + path, { headers: { cookie } });
  return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
}

describe('a page as .docx', () => {
  it('opens in a Word reader with the title, a table cell, the link, the image, the licence and the authors', async () => {
    const res = await download(`/api/export/${slug(files.publicPage)}.docx`);
    expect(res.status).toBe(200);
    expect(res.type).toContain('wordprocessingml');
    const { value: html } = await mammoth.convertToHtml({ buffer: res.bytes });
    expect(html).toContain('Atelier vélo du samedi');
    expect(html).toMatch(/<td><p>Clé de 15<\/p><\/td>/);
    expect(html).toContain('href="https://www.heureux-cyclage.org/"');
    expect(html).toContain('<strong>ouvert à tous</strong>');
    expect(html).toMatch(/<ol><li>Démonter la roue<\/li>/);
    expect(html).toMatch(/<img [^>]*src="data:image\/png;base64,/);
    expect(html).toContain('CC BY-SA 4.0');
    expect(html).toMatch(/Auteur·ices : (Karim Benali, Nadia Martin|Nadia Martin, Karim Benali)/);
  });
});

describe('a page as .odt', () => {
  it('is an OpenDocument package whose content has the title, a table cell, the link, the image and the licence', async () => {
    const res = await download(`/api/export/${slug(files.publicPage)}.odt`);
    expect(res.status).toBe(200);
    // ODF: `mimetype` first, stored (method 0), so tools recognise the file from its first bytes.
    expect(res.bytes.subarray(30, 38).toString('latin1')).toBe('mimetype');
    expect(res.bytes.readUInt16LE(8)).toBe(0);
    expect(res.bytes.subarray(38, 38 + 39).toString('latin1')).toBe('application/vnd.oasis.opendocument.text');
    const entries = unzipSync(new Uint8Array(res.bytes));
    expect(Object.keys(entries)).toEqual(expect.arrayContaining(['META-INF/manifest.xml', 'content.xml', 'styles.xml', 'meta.xml', 'Pictures/image1.png']));
    const parse = (name: string) => new DOMParser().parseFromString(new TextDecoder().decode(entries[name]), 'text/xml');
    for (const name of ['META-INF/manifest.xml', 'styles.xml', 'meta.xml']) expect(parse(name).documentElement?.localName).toBeDefined();
    const content = parse('content.xml');
    const text = (tag: string) => Array.from(content.getElementsByTagName(tag)).map((n) => n.textContent ?? '');
    expect(text('text:p')[0]).toBe('Atelier vélo du samedi');
    expect(text('text:h')).toContain('Matériel');
    expect(text('table:table-cell')).toEqual(['Outil', 'Quantité', 'Clé de 15', '3', 'Démonte-pneu', '6']);
    const links = Array.from(content.getElementsByTagName('text:a')).map((a) => a.getAttribute('xlink:href'));
    expect(links).toContain('https://www.heureux-cyclage.org/');
    expect(Array.from(content.getElementsByTagName('draw:image')).map((i) => i.getAttribute('xlink:href'))).toEqual(['Pictures/image1.png']);
    expect(text('text:p').join('\n')).toContain('Licence : CC BY-SA 4.0');
    expect(text('text:p').join('\n')).toMatch(/Auteur·ices : .*Nadia Martin/);
    expect(new TextDecoder().decode(entries['meta.xml'])).toContain('<dc:title>Atelier vélo du samedi</dc:title>');
  });
});

describe('the one gate', () => {
  it('answers a visitor asking for a team page exactly as for a missing page', async () => {
    for (const ext of ['docx', 'odt']) {
      const hidden = await download(`/api/export/${slug(files.teamPage)}.${ext}`);
      const missing = await download(`/api/export/ateliers/page-qui-n-existe-pas.${ext}`);
      expect(hidden.status).toBe(404);
      expect(hidden.bytes.toString()).toBe(missing.bytes.toString());
      expect(hidden.bytes.toString()).not.toContain(secret.title);
    }
  });

  it('gives the team its own page', async () => {
    const res = await download(`/api/export/${slug(files.teamPage)}.docx`, team.cookie);
    expect(res.status).toBe(200);
    expect((await mammoth.extractRawText({ buffer: res.bytes })).value).toContain(secret.body);
  });
});

/** A long public page (120 kB, the limit is 200 kB): headings, lists, tables and links, over and over. */
function bigBody(): string {
  const parts: string[] = [];
  for (let i = 1, size = 0; size < 120_000; i++) {
    const part = `## Partie ${i}\n\nUn paragraphe avec **du gras**, *de l’italique* et [un lien](https://exemple.org/${i}).\n\n- point un\n- point deux\n  1. sous-point\n\n| a | b | c |\n|---|---|---|\n| 1 | 2 | 3 |\n| 4 | 5 | 6 |\n`;
    parts.push(part);
    size += part.length;
  }
  return parts.join('\n');
}

/** Main-thread CPU time (ms) spent while `work` ran: the export's workers are not in it (see tests/security/page-view-event-loop.test.ts). */
async function mainThreadWork(work: () => Promise<void>): Promise<number> {
  const before = process.threadCpuUsage();
  await work();
  const used = process.threadCpuUsage(before);
  return (used.user + used.system) / 1000;
}

describe('a long page', () => {
  it('converts to .docx and .odt off the event loop (issue 9’s 100 ms)', async () => {
    const content = `---\ntitle: Très longue page\ntype: ressource\nvisibility: public\n---\n${bigBody()}\n`;
    await gare.hub.commits.commitFiles({ changes: [{ path: 'ateliers/tres-longue.md', content }], author: { name: 'Terminal', email: 't@localhost' }, message: 'longue page' });
    await gare.hub.sync();
    // The search index takes in the new page on the main thread: that is the commit's work, not the export's.
    await gare.hub.search.indexer.idle();
    // One view first: the page's rendering (render workers, cached per version) and the history of
    // the new commit are the page's costs, paid by any first reader, not the export's.
    await (await fetch(`${gare.url}/wiki/ateliers/tres-longue`)).text();
    for (const ext of ['docx', 'odt']) {
      let status = 0;
      let bytes = Buffer.alloc(0);
      const once = () => mainThreadWork(async () => {
        const res = await fetch(`${gare.url}/api/export/ateliers/tres-longue.${ext}`);
        status = res.status;
        bytes = Buffer.from(await res.arrayBuffer());
      });
      // Twice, the lesser kept: a garbage collection of this whole test process (hub and client
      // share the thread) may land in either. Converting on the main thread costs over a second.
      const cpu = Math.min(await once(), await once());
      expect(status, ext).toBe(200);
      expect(cpu, ext).toBeLessThan(100);
      if (ext === 'docx') expect((await mammoth.extractRawText({ buffer: bytes })).value).toContain('Partie 500');
      else expect(new TextDecoder().decode(unzipSync(new Uint8Array(bytes))['content.xml'])).toContain('Partie 500');
    }
  }, 60_000);
});
