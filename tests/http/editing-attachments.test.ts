import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toHttpError } from '../../server/errors.ts';
import { serveAttachment } from '../../server/http/api/attachments-routes.ts';
import { sendError, sendResult } from '../../server/http/respond.ts';
import { setSecurityHeaders } from '../../server/http/security-headers.ts';
import { startTestHub, type TestHub } from '../helpers/start-hub.ts';
import { signIn, type TestSession } from '../helpers/people.ts';
import { clientFor, gitLog, gitShow } from '../editing/http-client.ts';

let gare: TestHub;
let team: TestSession;
let contributor: TestSession;
let files: http.Server;
let filesUrl: string;
let dir: string;
let publicPage: string;
let teamPage: string;

const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const pdf = new TextEncoder().encode('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n');
const hostileSvg = new TextEncoder().encode('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>\n');

beforeAll(async () => {
  gare = await startTestHub();
  team = await signIn(gare.hub, 'equipe', 'Samia Benali');
  contributor = await signIn(gare.hub, 'contributeur', 'Léa Contributrice');
  dir = gare.hub.config.contentDir;
  // `/fichiers/*` is mounted by the app; this server mounts `serveAttachment` the same way.
  files = http.createServer((req, res) => {
    setSecurityHeaders(res);
    const url = new URL(req.url ?? '/', 'http://localhost');
    gare.hub
      .resolveViewer(req)
      .then((viewer) => serveAttachment({ req, res, url, params: {}, hub: gare.hub, viewer, reader: gare.hub.forViewer(viewer), body: undefined }))
      .then((result) => sendResult(req, res, result))
      .catch((error: unknown) => sendError(res, toHttpError(error)));
  });
  await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
  filesUrl = `http://127.0.0.1:${(files.address() as { port: number }).port}`;
  const as = clientFor(gare, team);
  publicPage = (await as.post('/api/pages/create', { title: 'Fiche outillée', type: 'ressource', tags: [], visibility: 'public' })).json.path;
  teamPage = (await as.post('/api/pages/create', { title: 'Dossier privé', type: 'accompagnement', tags: [] })).json.path;
});
afterAll(async () => {
  await new Promise((resolve) => files?.close(resolve));
  await gare?.stop();
});

const fetchFile = (url: string, who?: TestSession) => fetch(filesUrl + url, { headers: who ? { cookie: who.cookie } : {} });

describe('uploading attachments', () => {
  it('stores an image next to its page, commits it, and serves it inline to visitors', async () => {
    const res = await clientFor(gare, contributor).upload(publicPage, 'Photo de l’atelier (1).PNG', png);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ name: 'photo-de-l-atelier-1.png', path: 'ressources/fiche-outillee.fichiers/photo-de-l-atelier-1.png', type: 'image/png' });
    expect(res.json.markdown).toBe(`![photo-de-l-atelier-1.png](${res.json.url})`);
    expect(gitLog(dir, '-1')[0]).toBe('Léa Contributrice|Pièce jointe « photo-de-l-atelier-1.png » ajoutée à « Fiche outillée »');
    const served = await fetchFile(res.json.url);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('content-disposition')).toMatch(/^inline/);
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(served.headers.get('cache-control')).toContain('private');
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(png);
    const list = await clientFor(gare).get(`/api/attachments?page=${publicPage}`);
    expect(list.json.attachments.map((a: { name: string }) => a.name)).toContain('photo-de-l-atelier-1.png');
  });

  it('never replaces an existing file: a second upload gets its own name', async () => {
    const a = await clientFor(gare, team).upload(publicPage, 'plan.pdf', pdf);
    const b = await clientFor(gare, team).upload(publicPage, 'plan.pdf', pdf);
    expect([a.json.name, b.json.name]).toEqual(['plan.pdf', 'plan-2.pdf']);
  });

  it('refuses a file over 10 Mio with 413 and commits nothing', async () => {
    const before = gitLog(dir).length;
    const res = await clientFor(gare, team).upload(publicPage, 'enorme.pdf', new Uint8Array(11 * 1024 * 1024).fill(0x25));
    expect(res.status).toBe(413);
    expect(res.json.error.code).toBe('PayloadTooLarge');
    expect(res.json.error.message).toMatch(/volumineux/);
    expect(gitLog(dir).length).toBe(before);
  });

  it('stops reading a streamed upload past 10 Mio', async () => {
    const before = gitLog(dir).length;
    const chunk = new Uint8Array(1024 * 1024).fill(0x41);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 12) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const res = await fetch(`${gare.url}/api/attachments?page=${publicPage}`, {
      method: 'POST',
      headers: { cookie: team.cookie, 'x-csrf-token': team.csrf, origin: gare.url, 'x-filename': 'flux.txt' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(gitLog(dir).length).toBe(before);
  });

  it('decides the type from the bytes: an executable named .pdf is refused', async () => {
    const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00]);
    const res = await clientFor(gare, team).upload(publicPage, 'facture.pdf', exe);
    expect(res.status).toBe(415);
    expect(res.json.error.code).toBe('UnsupportedFileType');
    const renamed = await clientFor(gare, team).upload(publicPage, 'image.pdf', png);
    expect(renamed.json.name).toBe('image.png');
  });

  it('refuses or neutralises hostile names', async () => {
    for (const name of ['../../etc/passwd', '.git/config', '../', '.htaccess', 'a\\..\\b.txt']) {
      const res = await clientFor(gare, team).upload(publicPage, name, new TextEncoder().encode('texte\n'));
      expect(res.status, name).toBe(400);
      expect(res.json.error.code).toBe('InvalidSlug');
    }
    const raw = await fetch(`${gare.url}/api/attachments?page=${publicPage}`, {
      method: 'POST',
      headers: { cookie: team.cookie, 'x-csrf-token': team.csrf, origin: gare.url, 'x-filename': '%2e%2e%2fsecret.txt' },
      body: 'texte\n',
    });
    expect(raw.status).toBe(400);
    const encoded = await clientFor(gare, team).upload(publicPage, '%2e%2e%2f notes.md', new TextEncoder().encode('# titre\n'));
    expect(encoded.json.path).toBe('ressources/fiche-outillee.fichiers/2e-2e-2f-notes.txt');
  });

  it('serves an SVG with a script as a sandboxed download, never as a page', async () => {
    const res = await clientFor(gare, team).upload(publicPage, 'logo.svg', hostileSvg);
    expect(res.status).toBe(200);
    const served = await fetchFile(res.json.url);
    expect(served.headers.get('content-type')).toBe('image/svg+xml');
    expect(served.headers.get('content-disposition')).toMatch(/^attachment/);
    expect(served.headers.get('content-security-policy')).toContain('sandbox');
    expect(served.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('keeps a team page’s attachments from visitors and contributors', async () => {
    const res = await clientFor(gare, team).upload(teamPage, 'piece-identite.pdf', pdf);
    expect(res.status).toBe(200);
    expect((await fetchFile(res.json.url)).status).toBe(404);
    expect((await fetchFile(res.json.url, contributor)).status).toBe(404);
    expect((await fetchFile(res.json.url, team)).status).toBe(200);
    const upload = await clientFor(gare, contributor).upload(teamPage, 'x.pdf', pdf);
    expect(upload.status).toBe(404);
    expect((await clientFor(gare).upload(publicPage, 'x.pdf', pdf)).status).toBe(403);
  });

  it('serves nothing outside an attachment folder', async () => {
    expect(gitShow(dir, publicPage)).toContain('Fiche outillée');
    for (const url of [`/fichiers/${publicPage}`, '/fichiers/.git/config', '/fichiers/ressources/fiche-outillee.fichiers/..%2F..%2F.git%2Fconfig', '/fichiers/_gare/x.fichiers/a.txt']) {
      expect((await fetchFile(url, team)).status, url).toBe(404);
    }
  });
});
