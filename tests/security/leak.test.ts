/**
 * The leak test: team pages hold personal data of accompanied people. Their titles and words,
 * planted as canary words in every field a page has, must never reach a visitor or a contributor
 * through any door of the hub: pages, lists, search files, feeds, history, attachments, pads,
 * the register, API answers, error messages, or the static export.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlSite, type CrawledResource } from '../../server/export/crawl.ts';
import { exportSite } from '../../server/export/export-site.ts';
import { signIn, type TestSession } from '../helpers/people.ts';
import { root } from '../helpers/start-hub.ts';
import { canaries, createLeakRepo, groupCanaries, groupName, paths, publicCommitMessage } from './leak-fixture.ts';
import { leaksOf, scanFolder, type Leak } from './scan.ts';
import { fetchSearchFiles } from './search-files.ts';
import { startReceiver } from '../webhooks/receiver.ts';
import { createApiTokenOps } from '../../server/auth/api-tokens.ts';
import { startMailHub, type MailTestHub } from '../mail/mail-hub.ts';

// Group canaries too: whatever a visitor or a contributeur meets must hold neither kind.
const groupAll: readonly string[] = Object.values(groupCanaries);
const all = [...Object.values(canaries), ...groupAll];
// The hub e-mails its notifications to a test SMTP server: e-mails are a door too.
let gare: MailTestHub;
let repo: Awaited<ReturnType<typeof createLeakRepo>>;
let contributor: TestSession;
let team: TestSession;
let padName = '';
let publicPadName = '';
/** Title of a public pad: it must show to everyone, next to the team pad that must not. */
const publicPadTitle = 'Atelier public du collectif';

beforeAll(async () => {
  repo = await createLeakRepo();
  gare = await startMailHub({ contentDir: repo.dir });
  [contributor, team] = [await signIn(gare.hub, 'contributeur'), await signIn(gare.hub, 'equipe')];
  await gare.hub.search.ready;
  const res = await fetch(`${gare.url}/api/pads`, {
    method: 'POST',
    headers: { cookie: team.cookie, 'x-csrf-token': team.csrf, origin: gare.url, 'content-type': 'application/json' },
    body: JSON.stringify({ title: `Pad ${canaries.pad}`, template: 'reunion-equipe' }),
  });
  padName = ((await res.json()) as { name: string }).name;
  const open = await fetch(`${gare.url}/api/pads`, {
    method: 'POST',
    headers: { cookie: team.cookie, 'x-csrf-token': team.csrf, origin: gare.url, 'content-type': 'application/json' },
    body: JSON.stringify({ title: publicPadTitle, template: 'atelier', visibility: 'public' }),
  });
  publicPadName = ((await open.json()) as { name: string }).name;
}, 60_000);
afterAll(async () => {
  await gare?.stop();
  if (repo) await rm(repo.dir, { recursive: true, force: true });
});

const slugOf = (p: string): string => p.replace(/\.md$/, '');
const teamPaths = [paths.teamA, paths.teamB, paths.brokenC, paths.teamD];

/** Every door worth knocking at, beyond what links lead to. */
function probes(): string[] {
  const q = (p: string, params: Record<string, string>) => `${p}?${new URLSearchParams(params).toString()}`;
  const p2 = paths.publicP2;
  return [
    '/', '/sommaire', '/tags', '/aide', '/registre', '/pads', '/a-corriger', '/recherche', '/modifications', '/nouvelle-page',
    '/recherche?q=brossovik', '/recherche?q=melorandyte', '/recherche?q=xyloprun', '/recherche?tag=trombiscule', '/tags/trombiscule',
    '/registre?tag=trombiscule', '/registre?person=Nadia', `/pads/${padName}`,
    ...teamPaths.flatMap((p) => ['wiki', 'historique', 'modifier', 'comparer', 'version'].map((door) => `/${door}/${slugOf(p)}`)),
    `/historique/${slugOf(p2)}`, `/historique/${slugOf(paths.publicP1)}`,
    q(`/version/${slugOf(p2)}`, { oid: repo.oldVersion }), q(`/comparer/${slugOf(p2)}`, { from: repo.oldVersion, to: repo.publicVersion }),
    `/fichiers/${paths.attachmentA}`, `/fichiers/${encodeURI(paths.attachmentA)}`, `/fichiers/${paths.linkedFile}`,
    '/api/pages', '/api/changes?limit=200', '/api/feed.xml', '/api/feed.xml?tag=trombiscule', '/api/feed.xml?tag=cae', '/api/feed.xml?tag=reunion-d-equipe',
    '/api/suggest?q=melorandyte', '/api/suggest?q=brossovik', '/api/suggest?q=trombiscul', '/api/suggest?q=xyloprun', '/api/suggest?q=ventriloquad',
    '/api/register', '/api/register?tag=trombiscule', '/api/register?person=Nadia', '/api/register?kind=action',
    ...teamPaths.map((p) => `/api/pages/${slugOf(p)}`),
    ...teamPaths.flatMap((p) => [q('/api/pages/history', { path: p }), q('/api/attachments', { page: p })]),
    q('/api/pages/version', { path: paths.teamA, oid: repo.sharedCommit }),
    q('/api/pages/diff', { path: paths.teamA, from: repo.sharedCommit }),
    q('/api/pages/history', { path: p2 }), q('/api/pages/history', { path: paths.publicP1 }),
    q('/api/pages/version', { path: p2, oid: repo.oldVersion }),
    q('/api/pages/diff', { path: p2, from: repo.oldVersion, to: repo.publicVersion }),
    '/api/pads', `/api/pads/${padName}`, `/pads/${publicPadName}`, `/api/pads/${publicPadName}`,
    '/pagefind/equipe/manifest.json', '/pagefind/public/../equipe/manifest.json', '/pagefind/public/%2e%2e/equipe/manifest.json',
    // Beside the bundles, never served: what each base holds, and the followers' saved state.
    '/pagefind/.bases/equipe.json', '/pagefind/public/%2e%2e/.bases/equipe.json', '/pagefind/.state/followers.json',
    // Misspelt titles: a 404 suggests similar pages, never team ones.
    '/wiki/accompagnements/dossier-melorandyte', '/dossier-xyloprun', '/wiki/entretien-ventriloquad',
  ];
}

/** Crawls the site as one viewer from every probe and every page it can reach. */
function crawlAs(cookie: string | undefined, limit: number): Promise<Map<string, CrawledResource>> {
  const start = [...probes(), ...gare.hub.index.all().filter((p) => p.meta.visibility === 'public').map((p) => p.url)];
  // Following « Se déconnecter » would end the session half-way.
  return crawlSite({ base: gare.url, start, cookie, limit, follow: (p) => !p.includes('deconnexion') && !p.startsWith('/yjs/') });
}

function leaksIn(crawled: Map<string, CrawledResource>): Leak[] {
  return [...crawled.values()].flatMap((r) => leaksOf(r.path, Buffer.concat([Buffer.from(`${r.location ?? ''}\n`), r.body]), all));
}


/** Opens a pad's WebSocket (the team pad unless told); resolves with the messages received before it closed (or was refused). */
function knockAtPad(cookie: string | undefined, pad = padName): Promise<{ messages: number; code: number | undefined; status: number | undefined }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${gare.url.replace('http', 'ws')}/yjs/${pad}`, cookie ? { headers: { cookie } } : {});
    let messages = 0;
    const timer = setTimeout(() => (ws.terminate(), resolve({ messages, code: undefined, status: undefined })), 3000);
    ws.on('message', () => {
      messages++;
      // Someone let in: the first sync message is proof enough.
      if (cookie === team.cookie || pad !== padName) {
        clearTimeout(timer);
        ws.terminate();
        resolve({ messages, code: undefined, status: undefined });
      }
    });
    ws.on('unexpected-response', (_req, res) => (clearTimeout(timer), ws.terminate(), resolve({ messages, code: undefined, status: res.statusCode })));
    ws.on('close', (code) => (clearTimeout(timer), resolve({ messages, code, status: undefined })));
    ws.on('error', () => {});
  });
}

const outsiders = [
  ['a visitor', () => undefined],
  ['a contributor', () => contributor.cookie],
] as const;

describe.each(outsiders)('team pages, for %s', (_who, cookieOf) => {
  it('never show a team word anywhere on the site, the API, the feeds or in an error, however one knocks', async () => {
    const crawled = await crawlAs(cookieOf(), 800);
    // The crawl really went places: every public page, and every door answered.
    const publicUrls = gare.hub.index.all().filter((p) => p.meta.visibility === 'public').map((p) => p.url);
    for (const url of publicUrls) expect(crawled.get(url)?.status, url).toBe(200);
    expect(crawled.size).toBeGreaterThan(publicUrls.length + probes().length / 2);
    for (const p of teamPaths) expect(crawled.get(`/wiki/${slugOf(p)}`)?.status, p).toBe(404);
    // Public pads show, from the list too, beside the team pad that does not.
    for (const door of ['/pads', `/pads/${publicPadName}`, '/api/pads']) {
      expect(crawled.get(door)?.status, door).toBe(200);
      expect(crawled.get(door)?.body.toString(), door).toContain(publicPadTitle);
    }
    const leaks = [...crawled.values()].flatMap((r) => leaksOf(r.path, Buffer.concat([Buffer.from(`${r.location ?? ''}\n`), r.body]), all));
    expect(leaks).toEqual([]);
  }, 60_000);

  it('download the public search files without a team word, and never the team’s', async () => {
    const files = await fetchSearchFiles(gare.url, '/pagefind/public', cookieOf());
    const fragments = files.filter((f) => f.where.endsWith('.pf_fragment'));
    expect(fragments.length).toBe(gare.hub.index.all().filter((p) => p.meta.visibility === 'public').length);
    expect(files.flatMap((f) => leaksOf(f.where, f.body, all))).toEqual([]);
    const refused = await fetchSearchFiles(gare.url, '/pagefind/equipe', cookieOf());
    expect(refused.map((f) => f.status)).toEqual([404]);
  });

  it('name a team page in a [[wiki link]] of a public page without linking to it', async () => {
    const html = await (await fetch(`${gare.url}/wiki/${slugOf(paths.publicP1)}`, { headers: { cookie: cookieOf() ?? '' } })).text();
    expect(html).toContain('wikilink-missing');
    expect(html).not.toContain(`/wiki/${slugOf(paths.teamD)}`);
    // The team page linking back to this one is not among « Pages qui mènent ici ».
    expect(html).not.toContain(`/wiki/${slugOf(paths.teamA)}`);
  });

  it('refuse a team attachment and a team pad, its WebSocket before any sync', async () => {
    const file = await fetch(`${gare.url}/fichiers/${paths.attachmentA}`, { headers: { cookie: cookieOf() ?? '' } });
    expect(file.status).toBe(404);
    expect(await file.text()).not.toContain(canaries.attachmentText);
    const pad = await knockAtPad(cookieOf());
    expect(pad.messages).toBe(0);
    expect(pad.status ?? pad.code).toBeGreaterThanOrEqual(400);
    expect((await knockAtPad(cookieOf(), publicPadName)).messages).toBeGreaterThan(0);
  });

  it('never see the message of a commit that also changed a team page', async () => {
    for (const p of [`/api/pages/history?path=${encodeURIComponent(paths.publicP1)}`, `/historique/${slugOf(paths.publicP1)}`]) {
      const res = await fetch(gare.url + p, { headers: { cookie: cookieOf() ?? '' } });
      expect(leaksOf(p, await res.text(), all)).toEqual([]);
    }
  });

  it('see the message of a commit that touched only a public page, in the changes, the feed and the history', async () => {
    const doors = ['/modifications', '/api/feed.xml', `/historique/${slugOf(paths.publicP1)}`, `/api/pages/history?path=${encodeURIComponent(paths.publicP1)}`, '/api/changes?limit=200'];
    for (const p of doors) {
      const res = await fetch(gare.url + p, { headers: { cookie: cookieOf() ?? '' } });
      expect(res.status, p).toBe(200);
      expect(await res.text(), p).toContain(publicCommitMessage);
    }
  });

  it('never see a commit message from when a public page was team-only', async () => {
    for (const p of ['/api/changes?limit=200', '/api/feed.xml', '/modifications']) {
      const res = await fetch(gare.url + p, { headers: { cookie: cookieOf() ?? '' } });
      expect(leaksOf(p, await res.text(), all)).toEqual([]);
    }
  });
});

/**
 * Page and section downloads, as one viewer; each zip opened and each file in it scanned. Every
 * section's zip; the documents of the team pages and of the public pages beside them or linking
 * to them (a document is the page's rendering for the viewer, which the crawl already reads).
 */
async function exportLeaks(cookie: string | undefined): Promise<{ leaks: Leak[]; statuses: Map<string, number> }> {
  const sections = [...new Set(gare.hub.index.all().map((p) => p.section).filter((s) => s !== ''))];
  const urls = [
    ...sections.map((s) => `/api/export/rubrique/${s}.zip`),
    ...[...teamPaths, paths.publicP1, paths.publicP2].flatMap((p) => ['docx', 'odt'].map((ext) => `/api/export/${slugOf(p)}.${ext}`)),
  ];
  const leaks: Leak[] = [];
  const statuses = new Map<string, number>();
  for (const url of urls) {
    const res = await fetch(gare.url + url, { headers: { cookie: cookie ?? '' } });
    const body = Buffer.from(await res.arrayBuffer());
    statuses.set(url, res.status);
    if (res.status !== 200) leaks.push(...leaksOf(url, body, all));
    // Strict: a file name inside the zip is no echo of the address asked.
    else for (const [name, bytes] of Object.entries(unzipSync(new Uint8Array(body)))) leaks.push(...leaksOf(`${url}!${name}`, Buffer.concat([Buffer.from(`${name}\n`), bytes]), all, true));
  }
  return { leaks, statuses };
}

describe.each(outsiders)('the page and section downloads, for %s', (_who, cookieOf) => {
  it('hold no team word in any .docx, .odt or section zip, and refuse team pages as missing ones', async () => {
    const { leaks, statuses } = await exportLeaks(cookieOf());
    expect(leaks).toEqual([]);
    for (const p of teamPaths) for (const ext of ['docx', 'odt']) expect(statuses.get(`/api/export/${slugOf(p)}.${ext}`), p).toBe(404);
    expect(statuses.get(`/api/export/${slugOf(paths.publicP1)}.odt`)).toBe(200);
    expect(statuses.get('/api/export/rubrique/ressources.zip')).toBe(200);
  }, 60_000);
});

describe('the static export of the same wiki', () => {
  it('holds no team word in any file, name or search file', async () => {
    const outDir = await mkdtemp(path.join(os.tmpdir(), 'gare-leak-export-'));
    try {
      const summary = await exportSite({ gare, outDir, clientDir: path.join(root, 'dist', 'client') });
      expect(summary.searchPages).toBe(gare.hub.index.all().filter((p) => p.meta.visibility === 'public').length);
      const { files, leaks } = await scanFolder(outDir, all);
      expect(files).toBe(summary.files);
      expect(leaks).toEqual([]);
    } finally {
      await rm(outDir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe.each(outsiders)('the import door, for %s', (_who, cookieOf) => {
  it('shows no import form and reads no upload', async () => {
    const cookie = cookieOf();
    const page = await fetch(gare.url + '/importer', { redirect: 'manual', headers: { cookie: cookie ?? '' } });
    expect([303, 403]).toContain(page.status);
    const body = Buffer.from(await page.arrayBuffer());
    expect(body.toString()).not.toContain('data-import-form');
    expect(leaksOf('/importer', body, all)).toEqual([]);
    const headers = { cookie: cookie ?? '', origin: gare.url, 'x-filename': 'note.md', ...(cookie ? { 'x-csrf-token': contributor.csrf } : {}) };
    const post = await fetch(gare.url + '/api/import?etape=importer', { method: 'POST', headers, body: '# Note\n\nTexte.\n' });
    expect([401, 403]).toContain(post.status);
    expect(leaksOf('/api/import', Buffer.from(await post.arrayBuffer()), all)).toEqual([]);
  });
});

describe('the leak test itself', () => {
  it('finds the canaries when it crawls as a team member, so it can fail', async () => {
    const crawled = await crawlAs(team.cookie, 800);
    const found = new Set(leaksIn(crawled).flatMap((l) => l.found));
    const search = await fetchSearchFiles(gare.url, '/pagefind/equipe', team.cookie);
    for (const f of search) for (const l of leaksOf(f.where, f.body, all)) for (const c of l.found) found.add(`search:${c}`);
    const expected = [
      canaries.titleA, canaries.bodyA, canaries.tagA, canaries.summaryA, canaries.decisionA, canaries.titleB, canaries.decisionB,
      canaries.actionB, canaries.titleC, canaries.bodyC, canaries.bodyD, canaries.commitA, canaries.sharedCommit, canaries.attachmentName,
      canaries.pad,
    ];
    expect(expected.filter((c) => !found.has(c))).toEqual([]);
    expect([canaries.bodyA, canaries.tagA, canaries.bodyC].filter((c) => !found.has(`search:${c}`))).toEqual([]);
    const file = await fetch(`${gare.url}/fichiers/${paths.attachmentA}`, { headers: { cookie: team.cookie } });
    expect(await file.text()).toContain(canaries.attachmentText);
    const linked = await fetch(`${gare.url}/fichiers/${paths.linkedFile}`, { headers: { cookie: team.cookie } });
    expect(await linked.text()).toContain(canaries.linkedFileText);
    expect((await knockAtPad(team.cookie)).messages).toBeGreaterThan(0);
    const downloads = new Set((await exportLeaks(team.cookie)).leaks.flatMap((l) => l.found));
    expect([canaries.titleA, canaries.bodyA, canaries.attachmentText, canaries.attachmentName, canaries.decisionB].filter((c) => !downloads.has(c))).toEqual([]);
    const page = await (await fetch(`${gare.url}/wiki/${slugOf(paths.publicP1)}`, { headers: { cookie: team.cookie } })).text();
    expect(page).toContain(`/wiki/${slugOf(paths.teamA)}`);
  }, 60_000);
});

// Issue 12: a group's pages (section in _gare/acces.yml, or `groupes:` in a page) and a pad
// restricted to the group. Nobody outside the group meets their words — a visitor, a contributeur,
// a team member — through any door; a member meets all of them (so the test can fail).
describe('a group’s pages and pad', () => {
  let member: TestSession;
  let groupPad = '';
  const groupPaths = [paths.groupSection, paths.groupOwn];
  const groupBundle = '/pagefind/groupe-accompagnement-renforce';

  beforeAll(async () => {
    const admin = await signIn(gare.hub, 'admin');
    member = await signIn(gare.hub, 'equipe', 'Membre Renfort');
    const group = await gare.hub.accounts.createGroup({ name: groupName, by: admin.id });
    await gare.hub.accounts.addMember({ groupId: group.id, userId: member.id, by: admin.id });
    const headers = { cookie: member.cookie, 'x-csrf-token': member.csrf, origin: gare.url, 'content-type': 'application/json' };
    const made = await fetch(`${gare.url}/api/pads`, { method: 'POST', headers, body: JSON.stringify({ title: `Pad ${groupCanaries.pad}`, template: 'vide' }) });
    groupPad = ((await made.json()) as { name: string }).name;
    const restricted = await fetch(`${gare.url}/api/pads/${groupPad}/visibility`, { method: 'POST', headers, body: JSON.stringify({ visibility: 'equipe', groupe: groupName }) });
    expect(restricted.status).toBe(200);
  }, 60_000);

  /** The group's own doors, beyond the general probes. */
  const groupProbes = (): string[] => {
    const q = (p: string, params: Record<string, string>) => `${p}?${new URLSearchParams(params).toString()}`;
    return [
      ...groupPaths.flatMap((p) => ['wiki', 'historique', 'modifier', 'comparer', 'version'].map((door) => `/${door}/${slugOf(p)}`)),
      ...groupPaths.flatMap((p) => [`/api/pages/${slugOf(p)}`, q('/api/pages/history', { path: p }), q('/api/attachments', { page: p })]),
      `/fichiers/${paths.groupAttachment}`, '/suivi-renforce', '/wiki/suivi-renforce', '/tags/fiscalumine', '/recherche?q=cornemousin',
      '/recherche?q=pastelombr', '/recherche?tag=fiscalumine', '/api/suggest?q=cornemousin', '/api/feed.xml?tag=fiscalumine',
      '/registre?tag=fiscalumine', '/api/register?tag=fiscalumine', `/pads/${groupPad}`, `/api/pads/${groupPad}`,
      `${groupBundle}/manifest.json`, '/pagefind/equipe/../groupe-accompagnement-renforce/manifest.json',
      `/api/export/${slugOf(paths.groupSection)}.odt`, `/api/export/${slugOf(paths.groupOwn)}.docx`, '/api/export/rubrique/suivi-renforce.zip',
    ];
  };

  /** Canaries of the group found by `cookie` through every door: crawl, search files, pad socket, downloads. */
  async function groupWordsFor(cookie: string | undefined): Promise<{ found: Set<string>; crawled: Map<string, CrawledResource> }> {
    const start = [...probes(), ...groupProbes(), ...gare.hub.index.all().filter((p) => p.meta.visibility === 'public').map((p) => p.url)];
    const crawled = await crawlSite({ base: gare.url, start, cookie, limit: 900, follow: (p) => !p.includes('deconnexion') && !p.startsWith('/yjs/') });
    const found = new Set<string>();
    const note = (leaks: Leak[], prefix = '') => leaks.forEach((l) => l.found.forEach((c) => found.add(prefix + c)));
    for (const r of crawled.values()) note(leaksOf(r.path, Buffer.concat([Buffer.from(`${r.location ?? ''}\n`), r.body]), groupAll));
    for (const prefix of ['/pagefind/public', '/pagefind/equipe', groupBundle]) {
      for (const f of await fetchSearchFiles(gare.url, prefix, cookie)) note(leaksOf(f.where, f.body, groupAll), 'search:');
    }
    note((await exportLeaks(cookie)).leaks.map((l) => ({ ...l, found: l.found.filter((c) => groupAll.includes(c)) })));
    const file = await fetch(`${gare.url}/fichiers/${paths.groupAttachment}`, { headers: { cookie: cookie ?? '' } });
    // A 404 page may echo the address asked (its words prefill the search box): not a leak.
    note(leaksOf(`/fichiers/${paths.groupAttachment}`, Buffer.from(await file.arrayBuffer()), groupAll));
    if ((await knockAtPad(cookie, groupPad)).messages > 0) found.add('pad-socket');
    return { found, crawled };
  }

  const outside = [
    ['a visitor', () => undefined],
    ['a contributeur', () => contributor.cookie],
    ['a team member outside the group', () => team.cookie],
  ] as const;

  it.each(outside)('never reach %s, through any door, with the same 404 as a missing page', async (_who, cookieOf) => {
    const { found, crawled } = await groupWordsFor(cookieOf());
    expect([...found]).toEqual([]);
    for (const p of groupPaths) expect(crawled.get(`/wiki/${slugOf(p)}`)?.status, p).toBe(404);
    const missing = await fetch(`${gare.url}/api/pages/${slugOf(paths.groupSection)}-absente`, { headers: { cookie: cookieOf() ?? '' } });
    const hidden = await fetch(`${gare.url}/api/pages/${slugOf(paths.groupSection)}`, { headers: { cookie: cookieOf() ?? '' } });
    expect(hidden.status).toBe(missing.status);
    expect(((await hidden.json()) as { code: string }).code).toBe(((await missing.json()) as { code: string }).code);
  }, 120_000);

  it('reach a member of the group through every door, so the test can fail', async () => {
    const { found } = await groupWordsFor(member.cookie);
    const expected = [
      groupCanaries.slug, groupCanaries.title, groupCanaries.body, groupCanaries.tag, groupCanaries.decision, groupCanaries.attachmentName,
      groupCanaries.attachmentText, groupCanaries.commit, groupCanaries.ownGroupsBody, groupCanaries.pad,
      `search:${groupCanaries.body}`, `search:${groupCanaries.ownGroupsBody}`, 'pad-socket',
    ];
    expect(expected.filter((c) => !found.has(c))).toEqual([]);
  }, 120_000);
});

describe('addresses of pages from other generators', () => {
  // A team page declaring an address and old ones, and a team folder's landing page: their
  // redirects lead only where the viewer may read, or nowhere (the same 404 as a missing page).
  const word = 'quintafolre';
  // In the titles only: a 404 may echo the address asked, never what is behind it.
  const secret = 'ptolvarine';
  beforeAll(async () => {
    const changes = [
      { path: 'suivis/dossier-adresse.md', content: `---\ntitle: Dossier ${secret}\ntype: accompagnement\npermalink: /suivi-${word}/\nredirect_from: [/ancien-${word}/]\n---\n\nConfidentiel.\n` },
      { path: `suivis-${word}/README.md`, content: `---\ntitle: Accueil ${secret}\ntype: accompagnement\n---\n\nConfidentiel.\n` },
    ];
    await gare.hub.commits.commitFiles({ changes, author: { name: 'Terminal', email: 't@localhost' }, message: 'pages d’équipe à adresse' });
    await gare.hub.sync();
  }, 60_000);
  const asked = ['/wiki/suivis/dossier-adresse', `/wiki/suivi-${word}`, `/wiki/suivi-${word}/`, `/wiki/ancien-${word}`, `/wiki/suivis-${word}`, `/wiki/suivis-${word}/README`];

  it.each(outsiders)('answer %s with the 404 of a missing page, never a redirect', async (_who, cookieOf) => {
    for (const address of asked) {
      const res = await fetch(gare.url + address, { redirect: 'manual', headers: { cookie: cookieOf() ?? '' } });
      expect(res.status, address).toBe(404);
      expect(res.headers.get('location'), address).toBeNull();
      expect(await res.text(), address).not.toContain(secret);
    }
  });

  it('redirect the team to the page’s address, so the test can fail', async () => {
    const res = await fetch(`${gare.url}/wiki/suivis/dossier-adresse`, { redirect: 'manual', headers: { cookie: team.cookie } });
    expect([res.status, res.headers.get('location')]).toEqual([301, `/wiki/suivi-${word}`]);
    const old = await fetch(`${gare.url}/wiki/ancien-${word}/`, { redirect: 'manual', headers: { cookie: team.cookie } });
    expect([old.status, old.headers.get('location')]).toEqual([301, `/wiki/suivi-${word}`]);
    const landing = await fetch(`${gare.url}/wiki/suivis-${word}/README`, { redirect: 'manual', headers: { cookie: team.cookie } });
    expect([landing.status, landing.headers.get('location')]).toEqual([301, `/wiki/suivis-${word}`]);
  });
});

// Issue 14: webhooks. A hook hears only what its owner may read: one owned by a contributeur hears
// no team word, one owned by a team member outside the group no group word; one owned by a member
// of the group hears the group's pages (so the test can fail).
describe('webhooks', () => {
  it('tell a hook nothing its owner may not read, whatever the event', async () => {
    const receiver = await startReceiver();
    const admin = await signIn(gare.hub, 'admin');
    const insider = await signIn(gare.hub, 'equipe', 'Membre Webhook');
    const group = (await gare.hub.accounts.listGroups()).find((g) => g.name === groupName) ?? (await gare.hub.accounts.createGroup({ name: groupName, by: admin.id }));
    await gare.hub.accounts.addMember({ groupId: group.id, userId: insider.id, by: admin.id });
    const owners = { contributeur: contributor.id, equipe: team.id, membre: insider.id };
    const events = ['page.saved', 'pad.published', 'comment.created', 'proposal.created'];
    const hooks: string[] = [];
    for (const [who, ownerId] of Object.entries(owners)) hooks.push((await gare.hub.webhooks.createWebhook({ url: `${receiver.url}/${who}`, events, ownerId, by: admin.id })).webhook.id);
    try {
      // Pages the blocks after this one do not count threads on: a comment here must not change their figures.
      const touched = [paths.teamD, paths.groupSection, paths.groupOwn];
      const changes = await Promise.all(touched.map(async (p) => ({ path: p, content: `${(await gare.hub.index.pageSource(p))?.source ?? ''}\nLigne ajoutée.\n` })));
      await gare.hub.commits.commitFiles({ changes, author: { name: 'Terminal', email: 't@localhost' }, message: 'trois pages touchées' });
      await gare.hub.sync();
      for (const p of [paths.teamD, paths.groupOwn]) {
        const headers = { cookie: insider.cookie, 'x-csrf-token': insider.csrf, origin: gare.url, 'content-type': 'application/json' };
        const posted = await fetch(`${gare.url}/api/comments`, { method: 'POST', headers, body: JSON.stringify({ kind: 'page', target: p, body: `Relu (${p}).` }) });
        expect(posted.status, p).toBe(201);
      }
      await gare.hub.webhooks.idle();
      const bodies = (who: string) => receiver.received.filter((r) => r.path === `/${who}`).map((r) => r.body).join('\n');
      expect(leaksOf('/contributeur', bodies('contributeur'), all)).toEqual([]);
      expect(leaksOf('/equipe', bodies('equipe'), groupAll)).toEqual([]);
      // The team member outside the group hears of the team page, and of nothing else.
      expect(receiver.received.filter((r) => r.path === '/equipe').map((r) => r.json['event'])).toEqual(['page.saved', 'comment.created']);
      // Nothing was even queued for them: the delivery log (shown to admins) holds no group page either.
      expect(await Promise.all(hooks.map(async (id) => (await gare.hub.webhooks.listDeliveries({ webhookId: id })).total))).toEqual([0, 2, 5]);
      const memberHeard = new Set(leaksOf('/membre', bodies('membre'), groupAll).flatMap((l) => l.found));
      expect([groupCanaries.slug, groupCanaries.title].filter((c) => !memberHeard.has(c))).toEqual([]);
    } finally {
      for (const id of hooks) await gare.hub.webhooks.deleteWebhook({ webhookId: id, by: admin.id });
      await receiver.close();
    }
  }, 60_000);
});

// Issue 14: personal access tokens. A token reads exactly what its owner reads now: a team
// member's token outside the group meets no group word through any API door, a member's does (so
// the test can fail); a revoked token reads nothing at all; a read token writes nothing.
describe('personal access tokens', () => {
  const tokenFor = (personId: string, scope: 'read' | 'write') => createApiTokenOps({ sql: gare.hub.accounts.sql, now: Date.now }).createToken({ personId, name: `fuite ${scope}`, scope });
  const asToken = (token: string, p: string, body?: unknown) =>
    fetch(gare.url + p, { redirect: 'manual', ...(body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) }), headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } });

  /** Every API door, with the group's and the team's pages, pads and words asked by name. */
  async function apiDoors(): Promise<string[]> {
    const q = (p: string, params: Record<string, string>) => `${p}?${new URLSearchParams(params).toString()}`;
    const pads = (await gare.hub.pads.listPads()).map((p) => p.name);
    const asked = [...teamPaths, paths.groupSection, paths.groupOwn];
    return [
      '/api/pages', '/api/changes?limit=200', '/api/tags', '/api/register', '/api/register?tag=fiscalumine', '/api/pads', '/api/feed.xml?tag=fiscalumine',
      ...['cornemousine', 'pastelombre', 'fiscalumine', 'brossovique', 'melorandite'].flatMap((w) => [q('/api/search', { q: w }), q('/api/suggest', { q: w })]),
      ...asked.flatMap((p) => [`/api/pages/${slugOf(p)}`, q('/api/pages/history', { path: p }), q('/api/comments', { kind: 'page', target: p }), q('/api/attachments', { page: p })]),
      ...pads.flatMap((name) => [`/api/pads/${name}`, q('/api/comments', { kind: 'pad', target: name })]),
      `/api/export/${slugOf(paths.groupSection)}.odt`, '/api/openapi.json',
    ];
  }

  async function wordsThrough(token: string, words: readonly string[]): Promise<{ found: Set<string>; statuses: number[] }> {
    const found = new Set<string>();
    const statuses: number[] = [];
    for (const door of await apiDoors()) {
      const res = await asToken(token, door);
      statuses.push(res.status);
      for (const leak of leaksOf(door, Buffer.from(await res.arrayBuffer()), words)) leak.found.forEach((w) => found.add(w));
    }
    return { found, statuses };
  }

  it('give a team member outside the group no group word through any API door; a member’s token gets them', async () => {
    const admin = await signIn(gare.hub, 'admin');
    const insider = await signIn(gare.hub, 'equipe', 'Membre Jeton');
    const group = (await gare.hub.accounts.listGroups()).find((g) => g.name === groupName) ?? (await gare.hub.accounts.createGroup({ name: groupName, by: admin.id }));
    await gare.hub.accounts.addMember({ groupId: group.id, userId: insider.id, by: admin.id });
    expect([...(await wordsThrough((await tokenFor(team.id, 'write')).token, groupAll)).found]).toEqual([]);
    expect([...(await wordsThrough((await tokenFor(contributor.id, 'write')).token, all)).found]).toEqual([]);
    const member = await wordsThrough((await tokenFor(insider.id, 'read')).token, groupAll);
    expect([groupCanaries.title, groupCanaries.body, groupCanaries.tag].filter((c) => !member.found.has(c))).toEqual([]);
  }, 120_000);

  it('let a revoked token read nothing, and a read token write nothing', async () => {
    const ops = createApiTokenOps({ sql: gare.hub.accounts.sql, now: Date.now });
    const revoked = await tokenFor(team.id, 'read');
    await ops.revokeToken({ personId: team.id, id: revoked.summary.id });
    const { found, statuses } = await wordsThrough(revoked.token, all);
    expect([...found]).toEqual([]);
    expect(new Set(statuses)).toEqual(new Set([401]));
    const reader = (await tokenFor(team.id, 'read')).token;
    const before = { source: (await gare.hub.index.pageSource(paths.publicP1))?.source, pages: gare.hub.index.all().length, pads: (await gare.hub.pads.listPads()).length };
    const page = (await (await asToken(reader, `/api/pages/${slugOf(paths.publicP1)}`)).json()) as { title: string; type: string; tags: string[]; version: string };
    const writes: [string, unknown][] = [
      ['/api/pages/save', { path: paths.publicP1, title: page.title, type: page.type, tags: page.tags, visibility: 'public', body: 'Écrasé.\n', baseVersion: page.version }],
      ['/api/pages/create', { title: 'Nouvelle', type: 'ressource', visibility: 'public', body: 'x' }],
      ['/api/pads', { title: 'Pad refusé' }],
      ['/api/comments', { kind: 'page', target: paths.publicP1, body: 'Refusé.' }],
    ];
    for (const [door, body] of writes) expect((await asToken(reader, door, body)).status, door).toBe(403);
    expect({ source: (await gare.hub.index.pageSource(paths.publicP1))?.source, pages: gare.hub.index.all().length, pads: (await gare.hub.pads.listPads()).length }).toEqual(before);
  }, 60_000);
});

// Issue 14: calendar feeds. The public feed reads as a visitor; a personal link reads as its
// person now. No team or group word reaches the public feed or a contributeur's; no group word a
// team member's outside the group; a member's holds them (so the test can fail); a revoked link
// reads nothing.
describe('calendar feeds', () => {
  let calendarMember: TestSession;
  const linkFor = async (personId: string) => `/calendrier/${await gare.hub.calendarTokens.issue(personId)}.ics`;
  /** Words of `words` in a feed, lines unfolded first: iCalendar cuts lines at 75 bytes, maybe inside a word. */
  async function wordsIn(p: string, words: readonly string[]): Promise<{ status: number; text: string; found: string[] }> {
    const res = await fetch(gare.url + p);
    const text = (await res.text()).replace(/\r\n[ \t]/g, '');
    return { status: res.status, text, found: leaksOf(p, Buffer.from(text), words).flatMap((l) => l.found) };
  }

  beforeAll(async () => {
    const admin = await signIn(gare.hub, 'admin');
    calendarMember = await signIn(gare.hub, 'equipe', 'Membre Calendrier');
    const group = (await gare.hub.accounts.listGroups()).find((g) => g.name === groupName) ?? (await gare.hub.accounts.createGroup({ name: groupName, by: admin.id }));
    await gare.hub.accounts.addMember({ groupId: group.id, userId: calendarMember.id, by: admin.id });
  });

  it('give a visitor and a contributeur no team or group word', async () => {
    const open = await wordsIn('/calendrier.ics', all);
    expect(open.status).toBe(200);
    expect(open.found).toEqual([]);
    // Not empty: the public pad is there.
    expect(open.text).toContain(publicPadTitle);
    const mine = await wordsIn(await linkFor(contributor.id), all);
    expect([mine.status, mine.found]).toEqual([200, []]);
  });

  it('give a team member outside the group the team’s meetings and actions, and no group word', async () => {
    const feed = await wordsIn(await linkFor(team.id), [...Object.values(canaries), ...groupAll]);
    expect(feed.found.filter((w) => groupAll.includes(w))).toEqual([]);
    expect(feed.found).toEqual(expect.arrayContaining([canaries.titleA, canaries.titleB, canaries.actionB, canaries.pad]));
  });

  it('give a member of the group its meeting, so the test can fail', async () => {
    const feed = await wordsIn(await linkFor(calendarMember.id), groupAll);
    expect(feed.found).toContain(groupCanaries.title);
  });

  it('read nothing through a revoked or replaced link', async () => {
    const replaced = await linkFor(calendarMember.id);
    const revoked = await linkFor(calendarMember.id);
    await gare.hub.calendarTokens.revoke(calendarMember.id);
    for (const p of [replaced, revoked]) {
      const feed = await wordsIn(p, all);
      expect([feed.status, feed.found]).toEqual([404, []]);
      expect(feed.text).not.toContain('BEGIN:VCALENDAR');
    }
  });
});

describe('e-mails', () => {
  let olga: TestSession; // contributeur
  let tom: TestSession; // équipe, outside the group
  let gina: TestSession; // équipe, in the group
  const words = (m: { mail: { subject?: string | undefined; text?: string | undefined; html?: string | false } }) => `${m.mail.subject ?? ''}\n${m.mail.text ?? ''}\n${m.mail.html || ''}`;
  const leaksTo = (who: TestSession, canaryWords: readonly string[]) => gare.smtp.to(who.email).flatMap((m) => leaksOf('e-mail', words(m), canaryWords, true).flatMap((l) => l.found));
  /** A notification stored while its recipient could read its target, as if they lost access since. */
  const stale = (who: TestSession, target: string, title: string) =>
    gare.hub.notifications.store.add({ userId: who.id, kind: 'mention', targetKind: 'page', target, actorName: 'Quelqu’un', data: { title, url: `/wiki/${slugOf(target)}`, excerpt: title } });

  beforeAll(async () => {
    const admin = await signIn(gare.hub, 'admin');
    olga = await signIn(gare.hub, 'contributeur', 'Olga Dehors');
    tom = await signIn(gare.hub, 'equipe', 'Tom Horsgroupe');
    gina = await signIn(gare.hub, 'equipe', 'Gina Renfort');
    const group = (await gare.hub.accounts.listGroups()).find((g) => g.name === groupName) ?? (await gare.hub.accounts.createGroup({ name: groupName, by: admin.id }));
    await gare.hub.accounts.addMember({ groupId: group.id, userId: gina.id, by: admin.id });
    await gare.hub.mail.preferences.setMode({ userId: tom.id, mode: 'digest' });
  });

  it('never carry a team word to a contributeur, nor a group word to the team outside it (immediate and digest)', async () => {
    for (const p of teamPaths) await stale(olga, p, canaries.titleA);
    await stale(olga, paths.groupSection, groupCanaries.title);
    await stale(tom, paths.groupSection, groupCanaries.title);
    await stale(tom, paths.groupOwn, groupCanaries.body);
    // Something Tom may read, so that his digest is sent and scanned.
    await stale(tom, paths.publicP1, 'Page publique ordinaire');
    await gare.hub.mail.service?.idle();
    await gare.hub.mail.service?.runDigest();
    expect(leaksTo(olga, all)).toEqual([]);
    expect(leaksTo(tom, groupAll)).toEqual([]);
    expect(gare.smtp.to(tom.email).map((m) => m.mail.subject)).toContain('[Gare centrale] Résumé du jour : 1 notification');
  });

  it('carry the group’s words to a member of the group, so the test can fail', async () => {
    await stale(gina, paths.groupSection, groupCanaries.title);
    await gare.hub.mail.service?.idle();
    expect(leaksTo(gina, groupAll)).toContain(groupCanaries.title);
  });
});

// Issue 14: notifications. A mention or a follow of something a person may not read stores
// nothing and counts nothing; the list re-checks each notification now, so one stored while its
// page was readable shows nothing once it is not. A member of the group is told (so the test can fail).
describe('notifications', () => {
  let odile: TestSession; // contributeur
  let theo: TestSession; // équipe, outside the group
  let gael: TestSession; // équipe, in the group
  let admin: TestSession; // writes the pages
  const teamMention = `accompagnements/mention-${canaries.slugA}.md`;
  const groupMention = `suivi-renforce/mention-${groupCanaries.slug}.md`;

  /** Commits a page from the terminal (as the admin) and lets the hub notify. */
  async function commitPage(file: string, title: string, body: string): Promise<void> {
    await writeFile(path.join(repo.dir, file), `---\ntitle: ${title}\ntype: accompagnement\nvisibility: equipe\n---\n\n${body}\n`);
    const git = (...args: string[]) => execFileSync('git', ['-C', repo.dir, '-c', `user.name=${admin.name}`, '-c', `user.email=${admin.email}`, ...args], { stdio: 'pipe' });
    git('add', file);
    git('commit', '-qm', 'Suivi');
    await gare.hub.sync();
    await gare.hub.notifications.idle();
  }
  /** What `who` meets on the notification doors: the header, the page, the API. */
  async function notificationDoors(who: TestSession): Promise<string> {
    const bodies = await Promise.all(['/', '/notifications', '/api/notifications', '/compte'].map(async (p) => (await fetch(gare.url + p, { headers: { cookie: who.cookie } })).text()));
    return bodies.join('\n');
  }

  beforeAll(async () => {
    admin = await signIn(gare.hub, 'admin');
    odile = await signIn(gare.hub, 'contributeur', 'Odile Dehors');
    theo = await signIn(gare.hub, 'equipe', 'Théo Horsgroupe');
    gael = await signIn(gare.hub, 'equipe', 'Gaël Renfort');
    const group = (await gare.hub.accounts.listGroups()).find((g) => g.name === groupName) ?? (await gare.hub.accounts.createGroup({ name: groupName, by: admin.id }));
    await gare.hub.accounts.addMember({ groupId: group.id, userId: gael.id, by: admin.id });
    await commitPage(teamMention, `Suivi ${canaries.titleA}`, `@Odile.Dehors et @Théo.Horsgroupe : ${canaries.bodyA}.`);
    await commitPage(groupMention, `Suivi ${groupCanaries.title}`, `@Odile.Dehors, @Théo.Horsgroupe et @Gaël.Renfort : ${groupCanaries.body}.`);
  }, 60_000);

  it('store and count nothing for an outsider mentioned on a team or group page', async () => {
    const targets = async (who: TestSession) => (await gare.hub.notifications.store.list({ userId: who.id, limit: 200 })).map((n) => n.target);
    expect(await targets(odile)).toEqual([]);
    expect(await gare.hub.notifications.store.countUnread(odile.id)).toBe(0);
    expect(await targets(theo)).toEqual([teamMention]);
  });

  it('never show a team word to a contributeur, nor a group word to the team outside it, even from a stale notification', async () => {
    // Stored as if each could read the page once, then lost access.
    for (const [who, target, word] of [[odile, teamMention, canaries.titleA], [odile, groupMention, groupCanaries.title], [theo, groupMention, groupCanaries.title]] as const) {
      await gare.hub.notifications.store.add({ userId: who.id, kind: 'page-changed', targetKind: 'page', target, actorName: 'Quelqu’un', data: { title: word, url: `/wiki/${slugOf(target)}`, excerpt: word } });
    }
    expect(leaksOf('notifications', await notificationDoors(odile), all, true)).toEqual([]);
    expect(leaksOf('notifications', await notificationDoors(theo), groupAll, true)).toEqual([]);
  });

  it('refuse to follow or complete on what one may not read, with the answer of a missing page', async () => {
    const call = async (who: TestSession, p: string, body?: unknown) => {
      const res = await fetch(gare.url + p, body === undefined ? { headers: { cookie: who.cookie } } : {
        method: 'POST', headers: { cookie: who.cookie, 'x-csrf-token': who.csrf, origin: gare.url, 'content-type': 'application/json' }, body: JSON.stringify(body),
      });
      return `${res.status} ${await res.text()}`;
    };
    const missing = await call(odile, '/api/mentions?cible=page:accompagnements/absente.md');
    expect(await call(odile, `/api/mentions?cible=page:${teamMention}`)).toBe(missing);
    expect(await call(theo, `/api/mentions?cible=page:${groupMention}`)).toBe(missing);
    const notFollowed = await call(odile, '/api/follows', { kind: 'page', target: 'accompagnements/absente.md', follow: true });
    expect(await call(odile, '/api/follows', { kind: 'page', target: teamMention, follow: true })).toBe(notFollowed);
    expect(await call(theo, '/api/follows', { kind: 'section', target: 'suivi-renforce', follow: true })).toBe(await call(theo, '/api/follows', { kind: 'section', target: 'absente', follow: true }));
    expect(await call(theo, '/api/follows', { kind: 'tag', target: groupCanaries.tag.toLowerCase(), follow: true })).toMatch(/^404 /);
    // The completion on a public page names people, never their e-mails.
    expect(await call(odile, `/api/mentions?cible=page:${paths.publicP1}&q=`)).not.toMatch(/@exemple\.org/);
  });

  it('tell the team of the team page and a member of the group of the group page, so the test can fail', async () => {
    expect((await gare.hub.notifications.store.list({ userId: gael.id })).map((n) => n.target)).toEqual([groupMention]);
    expect(leaksOf('notifications', await notificationDoors(gael), groupAll, true).flatMap((l) => l.found)).toContain(groupCanaries.title);
    expect(leaksOf('notifications', await notificationDoors(theo), all, true).flatMap((l) => l.found)).toContain(canaries.titleA);
  });
});


// Issue 14: comments. A thread on a team page and one on a group page, their words planted as
// canaries: nobody who may not read the page meets them — a visitor, a contributeur, a team member
// outside the group — in the API list, the page, a public page beside it, a count, an answer to a
// reply or resolution; the group's member and the team meet theirs (so the test can fail).
describe('comments', () => {
  const teamWord = 'zirkoflanide';
  const groupWord = 'plumbarostel';
  let author: TestSession; // équipe, in the group
  let outsider: TestSession; // équipe, outside the group
  let threads: { team: string; group: string };
  const headers = (who: TestSession | undefined) => ({ cookie: who?.cookie ?? '', origin: gare.url, 'content-type': 'application/json', ...(who ? { 'x-csrf-token': who.csrf } : {}) });
  const post = async (who: TestSession | undefined, p: string, body: unknown) => fetch(gare.url + p, { method: 'POST', headers: headers(who), body: JSON.stringify(body) });
  const list = (p: string) => `/api/comments?${new URLSearchParams({ kind: 'page', target: p }).toString()}`;

  beforeAll(async () => {
    const admin = await signIn(gare.hub, 'admin');
    author = await signIn(gare.hub, 'equipe', 'Rose Renfort');
    outsider = await signIn(gare.hub, 'equipe', 'Hugo Horsgroupe');
    const group = (await gare.hub.accounts.listGroups()).find((g) => g.name === groupName) ?? (await gare.hub.accounts.createGroup({ name: groupName, by: admin.id }));
    await gare.hub.accounts.addMember({ groupId: group.id, userId: author.id, by: admin.id });
    const start = async (target: string, word: string) => ((await (await post(author, '/api/comments', { kind: 'page', target, body: `Avis ${word}` })).json()) as { thread: { id: string } }).thread.id;
    threads = { team: await start(paths.teamA, teamWord), group: await start(paths.groupSection, groupWord) };
  }, 60_000);

  /** Everything `cookie` meets of the threads: lists, pages, public pages, and answers to writes. */
  async function commentDoors(who: TestSession | undefined): Promise<{ text: string; lists: string[] }> {
    const get = async (p: string) => `${p}\n${await (await fetch(gare.url + p, { headers: { cookie: who?.cookie ?? '' } })).text()}`;
    const lists = await Promise.all([list(paths.teamA), list(paths.groupSection)].map(async (p) => JSON.stringify(await (await fetch(gare.url + p, { headers: { cookie: who?.cookie ?? '' } })).json())));
    const pages = await Promise.all([paths.teamA, paths.groupSection, paths.publicP1, paths.publicP2].map((p) => get(`/wiki/${slugOf(p)}`)));
    const writes = await Promise.all(
      [threads.team, threads.group].flatMap((id) => [
        post(who, `/api/comments/${id}/replies`, { body: 'Réponse' }),
        post(who, `/api/comments/${id}/resolve`, {}),
        post(who, '/api/comments', { kind: 'page', target: paths.teamA, body: 'Nouveau' }),
      ]).map(async (r) => `${(await r).status} ${await (await r).text()}`),
    );
    return { text: [...lists, ...pages, ...writes].join('\n'), lists };
  }

  const outside = [
    ['a visitor', () => undefined],
    ['a contributeur', () => contributor],
  ] as const;

  it.each(outside)('never reach %s, by any door, nor count on a page', async (_who, whoOf) => {
    const { text, lists } = await commentDoors(whoOf());
    expect(lists).toEqual(['{"threads":[]}', '{"threads":[]}']);
    expect(text).not.toContain(teamWord);
    expect(text).not.toContain(groupWord);
    expect(text).not.toContain(threads.team);
    expect(text).not.toContain(threads.group);
  });

  it('never reach a team member outside the group, who reads the team page’s thread', async () => {
    const { text, lists } = await commentDoors(outsider);
    expect(lists[1]).toBe('{"threads":[]}');
    expect(text).not.toContain(groupWord);
    expect(text).not.toContain(threads.group);
    expect(text).toContain(teamWord);
  });

  it('reach the group’s member on the page, its count and the API, so the test can fail', async () => {
    const page = await (await fetch(`${gare.url}/wiki/${slugOf(paths.groupSection)}`, { headers: { cookie: author.cookie } })).text();
    expect(page).toContain(groupWord);
    expect(page).toContain('(1 ouverte)');
    expect(await (await fetch(gare.url + list(paths.groupSection), { headers: { cookie: author.cookie } })).text()).toContain(groupWord);
  });
});

describe('visitors’ pages kept in memory (server/http/page-cache-http.ts)', () => {
  it('never give a visitor what the team saw at the same address, nor the team a visitor’s page', async () => {
    // Pages are kept only once the history is built: from then on, the second answer is the kept one.
    await gare.hub.historyReady;
    const member = { headers: { cookie: team.cookie } };
    const doors = ['/', '/sommaire', '/tags', '/registre', '/modifications', '/recherche?q=brossovik', '/tags/trombiscule', ...teamPaths.map((p) => `/wiki/${slugOf(p)}`)];
    for (const door of doors) {
      expect(await (await fetch(gare.url + door, member)).text(), door).toContain(team.name);
      const first = await fetch(gare.url + door);
      const second = await fetch(gare.url + door);
      const [a, b] = [await first.text(), await second.text()];
      expect(second.status, door).toBe(first.status);
      // The second answer is the first one kept: the same bytes, and no team word in either.
      expect(b, door).toBe(a);
      expect([...leaksOf(door, a, all), ...leaksOf(door, b, all)]).toEqual([]);
      expect(await (await fetch(gare.url + door, member)).text(), door).toContain(team.name);
    }
    // So the test can fail: the team reads team words at those addresses.
    expect(leaksOf('/sommaire', await (await fetch(gare.url + '/sommaire', member)).text(), all).length).toBeGreaterThan(0);
  });
});
