import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type TestSession } from '../helpers/people.ts';
import { startTestHub, type TestHub } from '../helpers/start-hub.ts';
import { fixture, zipBomb, zipWithPath, zipWithSymlink } from './fixtures.ts';

let gare: TestHub;
let team: TestSession;
let contributor: TestSession;
const git = (...args: string[]) => execFileSync('git', ['-C', gare.hub.config.contentDir, ...args], { encoding: 'utf8' }).trim();

beforeAll(async () => {
  gare = await startTestHub();
  team = await signIn(gare.hub, 'equipe', 'Théo Équipe');
  contributor = await signIn(gare.hub, 'contributeur');
}, 60_000);
afterAll(() => gare.stop());

function send(name: string, body: Uint8Array | ReadableStream<Uint8Array>, who: TestSession | undefined, query = ''): Promise<Response> {
  return fetch(`${gare.url}/api/import?${query}`, {
    method: 'POST',
    headers: { origin: gare.url, 'x-filename': encodeURIComponent(name), ...(who ? { cookie: who.cookie, 'x-csrf-token': who.csrf } : {}) },
    body,
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit);
}

describe('POST /api/import', () => {
  it('previews without committing, then imports an Etherpad export in one commit crediting its authors', async () => {
    const before = git('rev-parse', 'HEAD');
    const preview = await send('reunion-jardin.etherpad', fixture('reunion-jardin.etherpad'), team);
    expect(preview.status).toBe(200);
    const plan = (await preview.json()) as { pages: { title: string; path: string; visibility: string }[]; authors: string[] };
    expect(plan.pages).toEqual([expect.objectContaining({ title: 'Réunion du jardin partagé', visibility: 'equipe' })]);
    expect(plan.authors).toEqual(['Awa Diop', 'Bruno Lefèvre', 'Chloé Martin']);
    expect(git('rev-parse', 'HEAD')).toBe(before);

    const done = await send('reunion-jardin.etherpad', fixture('reunion-jardin.etherpad'), team, 'etape=importer');
    expect(done.status).toBe(200);
    const report = (await done.json()) as { pages: { url: string; path: string }[] };
    expect(git('rev-list', '--count', `${before}..HEAD`)).toBe('1');
    expect(git('log', '-1', '--format=%an')).toBe('Théo Équipe');
    const message = git('log', '-1', '--format=%B');
    for (const name of ['Awa Diop', 'Bruno Lefèvre', 'Chloé Martin']) expect(message).toContain(`Co-authored-by: ${name} <`);
    const page = await fetch(gare.url + report.pages[0]?.url, { headers: { cookie: team.cookie } });
    expect(await page.text()).toContain('les composteurs restent au fond');
  });

  it('imports a Notion zip with its image and rewritten links, all in one commit', async () => {
    const before = git('rev-parse', 'HEAD');
    const done = await send('notion-export.zip', fixture('notion-export.zip'), team, 'etape=importer&rubrique=jardin&etiquettes=potager');
    expect(done.status).toBe(200);
    expect(git('rev-list', '--count', `${before}..HEAD`)).toBe('1');
    expect(git('show', '--name-only', '--format=', 'HEAD').split('\n').sort()).toEqual([
      'jardin/projet-jardin.fichiers/plan.png',
      'jardin/projet-jardin.md',
      'jardin/projet-jardin/calendrier-des-semis.md',
      'jardin/projet-jardin/liste-des-outils.md',
    ]);
    const image = await fetch(`${gare.url}/fichiers/jardin/projet-jardin.fichiers/plan.png`, { headers: { cookie: team.cookie } });
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(fs.readFileSync(path.join(gare.hub.config.contentDir, 'jardin/projet-jardin.md'), 'utf8')).toContain('(/wiki/jardin/projet-jardin/liste-des-outils)');
  });

  it('imports Word, LibreOffice and HedgeDoc files; a second import of the same name gets a suffix', async () => {
    for (const name of ['bilan-annuel.docx', 'conseil.odt', 'atelier-velo.md']) {
      const res = await send(name, fixture(name), team, 'etape=importer');
      expect(res.status, name).toBe(200);
    }
    expect(git('show', '--name-only', '--format=', 'HEAD~1')).toContain('pages/compte-rendu-du-conseil.fichiers/ruche.png');
    const again = await send('atelier-velo.md', fixture('atelier-velo.md'), team);
    const plan = (await again.json()) as { pages: { path: string; renamedFrom?: string }[] };
    expect(plan.pages[0]).toMatchObject({ path: 'pages/atelier-velo-2.md', renamedFrom: 'pages/atelier-velo.md' });
  });

  it('has a help page saying how to export from each tool', async () => {
    const res = await fetch(`${gare.url}/aide/importer`);
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const tool of ['Etherpad', 'HedgeDoc', 'Notion', 'Word', 'LibreOffice']) expect(html).toContain(tool);
  });

  it('refuses a visitor and a contributeur before reading the upload', async () => {
    expect((await send('atelier-velo.md', fixture('atelier-velo.md'), undefined)).status).toBe(403);
    const res = await send('atelier-velo.md', fixture('atelier-velo.md'), contributor, 'etape=importer');
    expect(res.status).toBe(403);
  });

  const hostile: [string, string, () => Uint8Array, number, string][] = [
    ['a zip bomb', 'bombe.zip', zipBomb, 422, 'UnsafeArchive'],
    ['a path that climbs out', 'export.zip', () => zipWithPath('../../etc/dehors.md'), 422, 'UnsafeArchive'],
    ['a symbolic link entry', 'export.zip', zipWithSymlink, 422, 'UnsafeArchive'],
    ['a text file named .docx', 'rapport.docx', () => fixture('atelier-velo.md'), 415, 'WrongFileType'],
    ['a Word file named .odt', 'conseil.odt', () => fixture('bilan-annuel.docx'), 415, 'WrongFileType'],
  ];
  for (const [what, name, bytes, status, code] of hostile) {
    it(`refuses ${what} with a French message and no commit`, async () => {
      const before = git('rev-parse', 'HEAD');
      const res = await send(name, bytes(), team, 'etape=importer');
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect({ status: res.status, code: body.error.code, head: git('rev-parse', 'HEAD'), changed: git('status', '--porcelain') }).toEqual({ status, code, head: before, changed: '' });
      expect(body.error.message).toMatch(/[éèàç]|refusé/);
    });
  }

  it('answers other requests while a big document is being read', async () => {
    // 10 Mio of text (past the 5 Mo page limit): read in the worker while the server keeps answering.
    const big = new TextEncoder().encode(`# Gros document\n\n${'Une ligne de notes de réunion. '.repeat(330_000)}\n`);
    const order: string[] = [];
    const importing = send('gros.md', big, team).then((res) => {
      order.push('import');
      return res;
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const health = await fetch(`${gare.url}/api/health`);
    order.push('health');
    expect(health.status).toBe(200);
    const res = await importing;
    expect(order).toEqual(['health', 'import']);
    // Too big to show as one page: skipped, so nothing to import.
    expect({ status: res.status, body: await res.text() }).toMatchObject({ status: 422, body: expect.stringContaining('NothingToImport') });
  });

  it('refuses a 200 Mio upload while it streams in, and stays up', async () => {
    const before = git('rev-parse', 'HEAD');
    let sent = 0;
    const chunk = new Uint8Array(1024 * 1024);
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 200) return controller.close();
        sent += 1;
        controller.enqueue(chunk);
      },
    });
    const res = await send('enorme.zip', stream, team, 'etape=importer').catch(() => undefined);
    if (res) expect(res.status).toBe(413);
    expect(sent).toBeLessThan(200);
    expect(git('rev-parse', 'HEAD')).toBe(before);
    expect((await fetch(`${gare.url}/api/health`)).status).toBe(200);
  });
});
