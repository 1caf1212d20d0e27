/**
 * The calendar feeds on a real hub: the public feed reads as a visitor, a personal link as its
 * person now (groups included); meetings, dated pads and open actions; UIDs that stay put; links
 * replaced, revoked, or of a deactivated person, that read nothing.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { signIn, type TestSession } from '../helpers/people.ts';
import { startTestHub, type TestHub } from '../helpers/start-hub.ts';
import { parseIcs, type ParsedEvent } from './parse-ics.ts';

let gare: TestHub;
let team: TestSession;
let member: TestSession;
let contributor: TestSession;
let teamPad = '';
const author = { name: 'Terminal', email: 't@localhost' };

const publicMeeting = `---
title: Point public du collectif
type: reunion
visibility: public
date: 2026-12-15
---

**Mardi 15 décembre 2026, 9 h 30–10 h 45** — à la Remise.

## Actions

- [ ] Action : préparer la salle @Samia avant le 2026-12-14
- [x] Action : réserver le café @Nadia avant le 2026-12-10
`;
const teamMeeting = (extra: string) => `---
title: Point d’équipe Zorglambe
type: compte-rendu
visibility: equipe
date: 2026-12-16
---
${extra}
- [ ] Action : relancer Zorglambe @Camille avant le 2026-12-20
`;
const groupMeeting = `---
title: Réunion Pirouflette
type: reunion
visibility: equipe
groupes: [Cellule Pirouflette]
date: 2026-12-17
---

Notes de la cellule.
`;
const datedResource = `---
title: Fiche datée Lampadaire
type: ressource
visibility: public
date: 2026-12-18
---

Une fiche, pas une réunion.
`;

async function commit(changes: { path: string; content: string }[]): Promise<void> {
  await gare.hub.commits.commitFiles({ changes, author, message: 'pages du calendrier' });
  await gare.hub.sync();
}

async function feed(path: string): Promise<{ res: Response; text: string; events: ParsedEvent[] }> {
  const res = await fetch(gare.url + path);
  const text = await res.text();
  return { res, text, events: res.status === 200 ? parseIcs(text).events : [] };
}

async function linkOf(who: TestSession): Promise<string> {
  const res = await fetch(`${gare.url}/api/compte/calendrier`, {
    method: 'POST',
    headers: { cookie: who.cookie, 'x-csrf-token': who.csrf, origin: gare.url, 'content-type': 'application/json' },
    body: '{}',
  });
  expect(res.status).toBe(200);
  const { url, webcal } = (await res.json()) as { url: string; webcal: string };
  expect(webcal).toBe(url.replace(/^http:/, 'webcal:'));
  return new URL(url).pathname;
}

const summaries = (events: ParsedEvent[]): string[] => events.map((e) => e.summary);

beforeAll(async () => {
  gare = await startTestHub();
  const admin = await signIn(gare.hub, 'admin');
  [team, member, contributor] = [await signIn(gare.hub, 'equipe', 'Camille Équipe'), await signIn(gare.hub, 'equipe', 'Membre Cellule'), await signIn(gare.hub, 'contributeur')];
  const group = await gare.hub.accounts.createGroup({ name: 'Cellule Pirouflette', by: admin.id });
  await gare.hub.accounts.addMember({ groupId: group.id, userId: member.id, by: admin.id });
  await commit([
    { path: 'reunions/2026-12-15-point-public.md', content: publicMeeting },
    { path: 'comptes-rendus/2026-12-16-zorglambe.md', content: teamMeeting('') },
    { path: 'reunions/2026-12-17-pirouflette.md', content: groupMeeting },
    { path: 'ressources/fiche-lampadaire.md', content: datedResource },
  ]);
  const made = await fetch(`${gare.url}/api/pads`, {
    method: 'POST',
    headers: { cookie: team.cookie, 'x-csrf-token': team.csrf, origin: gare.url, 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Pad Quenouille', template: 'reunion-equipe' }),
  });
  teamPad = ((await made.json()) as { name: string }).name;
}, 60_000);
afterAll(async () => {
  await gare?.stop();
});

describe('the public feed /calendrier.ics', () => {
  it('is iCalendar for calendar applications, kept out of search engines', async () => {
    const { res, text } = await feed('/calendrier.ics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(res.headers.get('x-robots-tag')).toBe('noindex');
    expect(res.headers.get('cache-control')).toMatch(/^public/);
    expect(parseIcs(text).name).toBe('Gare centrale — calendrier public');
  });

  it('holds a public meeting at its hours in Paris, with its address', async () => {
    const { events } = await feed('/calendrier.ics');
    const meeting = events.find((e) => e.summary === 'Point public du collectif');
    expect(meeting).toMatchObject({ allDay: false, tzid: 'Europe/Paris', start: '2026-12-15T08:30:00.000Z', end: '2026-12-15T09:45:00.000Z' });
    expect(meeting?.url).toBe(`${gare.url}/wiki/reunions/2026-12-15-point-public`);
    expect(meeting?.description).toContain(meeting?.url);
    expect(meeting?.stamp).toBeDefined();
    expect(meeting?.lastModified).toBeDefined();
  });

  it('holds the workshops of the public agenda page, at their hours and place', async () => {
    const { events, text } = await feed('/calendrier.ics');
    const workshop = events.find((e) => e.summary === 'Première contribution au wiki' && e.start.startsWith('2026-11-28'));
    expect(workshop).toMatchObject({ tzid: 'Europe/Paris', start: '2026-11-28T09:00:00.000Z', end: '2026-11-28T11:30:00.000Z', url: `${gare.url}/wiki/agenda/ateliers-2026-2027` });
    expect(text.replace(/\r\n[ \t]/g, '')).toContain('LOCATION:Médiathèque des Tanneurs');
    // Ten sessions to come and three past ones (a table without hours: all-day events).
    const rows = events.filter((e) => e.url === `${gare.url}/wiki/agenda/ateliers-2026-2027`);
    expect(rows).toHaveLength(13);
    expect(rows.find((e) => e.summary === 'Première contribution au wiki' && e.allDay)?.start).toBe('2026-11-03');
  });

  it('holds open actions due as all-day events on their due date, not done ones', async () => {
    const { events } = await feed('/calendrier.ics');
    const action = events.find((e) => e.summary.startsWith('Action : préparer la salle'));
    expect(action).toMatchObject({ allDay: true, start: '2026-12-14', end: '2026-12-15', summary: 'Action : préparer la salle (@Samia)' });
    expect(action?.description).toContain('À faire par Samia avant le 14 décembre 2026');
    expect(summaries(events).some((s) => s.includes('réserver le café'))).toBe(false);
  });

  it('holds no team or group meeting, pad or action, nor a dated page that is not a meeting', async () => {
    const { text, events } = await feed('/calendrier.ics');
    for (const word of ['Zorglambe', 'Pirouflette', 'Quenouille', 'Lampadaire']) expect(text).not.toContain(word);
    expect(events.length).toBeGreaterThan(0);
  });

  it('answers 304 to an application that already has the same feed', async () => {
    const first = await fetch(`${gare.url}/calendrier.ics`);
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    const again = await fetch(`${gare.url}/calendrier.ics`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('reads as a visitor even for a logged-in browser', async () => {
    const res = await fetch(`${gare.url}/calendrier.ics`, { headers: { cookie: team.cookie } });
    expect(await res.text()).not.toContain('Zorglambe');
  });
});

describe('a personal feed /calendrier/<secret>.ics', () => {
  it('holds what its person reads: team meetings, dated pads and their actions', async () => {
    const { res, events } = await feed(await linkOf(team));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-cache');
    expect(res.headers.get('x-robots-tag')).toBe('noindex');
    const names = summaries(events);
    expect(names).toEqual(expect.arrayContaining(['Point public du collectif', 'Point d’équipe Zorglambe', 'Pad : Pad Quenouille', 'Action : relancer Zorglambe (@Camille)']));
    expect(events.find((e) => e.summary === 'Point d’équipe Zorglambe')).toMatchObject({ allDay: true, start: '2026-12-16' });
    const pad = events.find((e) => e.summary === 'Pad : Pad Quenouille');
    expect(pad?.url).toBe(`${gare.url}/pads/${teamPad}`);
    expect(pad?.start).toBe(teamPad.slice(-10));
    // The sample wiki's team meetings are there too.
    expect(names).toContain('Réunion hebdomadaire — 8 septembre 2026');
    expect(names.some((n) => n.includes('Lampadaire'))).toBe(false);
  });

  it('holds a group’s meeting for a member of the group only', async () => {
    expect(summaries((await feed(await linkOf(member))).events)).toContain('Réunion Pirouflette');
    expect((await feed(await linkOf(team))).text).not.toContain('Pirouflette');
    const outsider = await feed(await linkOf(contributor));
    for (const word of ['Pirouflette', 'Zorglambe', 'Quenouille']) expect(outsider.text).not.toContain(word);
    expect(summaries(outsider.events)).toContain('Point public du collectif');
  });

  it('keeps the same UIDs from one request to the next, and when the page is edited around an action', async () => {
    const path = await linkOf(team);
    const before = (await feed(path)).events;
    const again = (await feed(path)).events;
    expect(again.map((e) => e.uid)).toEqual(before.map((e) => e.uid));
    await commit([{ path: 'comptes-rendus/2026-12-16-zorglambe.md', content: teamMeeting('\nUn paragraphe ajouté au-dessus.\n\n## Actions\n') }]);
    const after = (await feed(path)).events;
    const uidOf = (events: ParsedEvent[], summary: string) => events.find((e) => e.summary === summary)?.uid;
    for (const summary of ['Point d’équipe Zorglambe', 'Action : relancer Zorglambe (@Camille)']) {
      expect(uidOf(after, summary)).toBeDefined();
      expect(uidOf(after, summary)).toBe(uidOf(before, summary));
    }
    expect(new Set(after.map((e) => e.uid)).size).toBe(after.length);
  });

  it('stops working when a new link replaces it, and when it is revoked', async () => {
    const first = await linkOf(team);
    const second = await linkOf(team);
    const replaced = await feed(first);
    expect(replaced.res.status).toBe(404);
    expect(replaced.text).toContain('Ce lien de calendrier ne fonctionne pas');
    expect(replaced.text).not.toContain('Zorglambe');
    expect((await feed(second)).res.status).toBe(200);
    const revoke = await fetch(`${gare.url}/api/compte/calendrier/revocation`, {
      method: 'POST',
      headers: { cookie: team.cookie, 'x-csrf-token': team.csrf, origin: gare.url, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(await revoke.json()).toEqual({ revoked: true });
    const revoked = await feed(second);
    expect(revoked.res.status).toBe(404);
    expect(revoked.text).not.toContain('BEGIN:VCALENDAR');
  });

  it('answers an unknown or malformed link with the same 404', async () => {
    for (const path of [`/calendrier/${'A'.repeat(43)}.ics`, '/calendrier/court.ics', '/calendrier/']) {
      const { res, text } = await feed(path);
      expect(res.status, path).toBe(404);
      expect(text, path).toContain('Créez un lien d’abonnement sur la page « Mon compte »');
    }
  });

  it('answers a French 500 when the feed cannot be built, and never logs its secret', async () => {
    const path = await linkOf(contributor);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const forViewer = gare.hub.forViewer;
    // Only the feed's own reader fails (the request's, a visitor's, is made first).
    gare.hub.forViewer = (viewer) => {
      if (viewer.person?.id === contributor.id) throw new Error('index indisponible');
      return forViewer(viewer);
    };
    try {
      const { res, text } = await feed(path);
      expect(res.status).toBe(500);
      expect(text).toContain('Le calendrier n’a pas pu être préparé');
      const lines = logged.mock.calls.map((args) => args.map(String).join(' ')).join('\n');
      expect(lines).toContain('index indisponible');
      expect(lines).not.toContain(path.slice('/calendrier/'.length, -'.ics'.length));
    } finally {
      gare.hub.forViewer = forViewer;
      logged.mockRestore();
    }
    expect((await feed(path)).res.status).toBe(200);
  });

  it('reads nothing once its person is deactivated', async () => {
    const leaving = await signIn(gare.hub, 'equipe', 'Personne Partie');
    const path = await linkOf(leaving);
    expect((await feed(path)).res.status).toBe(200);
    const admin = (await gare.hub.accounts.listPeople()).find((p) => p.role === 'admin');
    await gare.hub.accounts.deactivate({ userId: leaving.id, by: admin?.id ?? '' });
    expect((await feed(path)).res.status).toBe(404);
  });
});

describe('the account page’s forms', () => {
  it('refuse a visitor', async () => {
    const res = await fetch(`${gare.url}/api/compte/calendrier`, { method: 'POST', headers: { origin: gare.url, 'content-type': 'application/json' }, body: '{}' });
    // The write guard refuses a request without a session before the route does.
    expect([401, 403]).toContain(res.status);
  });

  it('refuse a form without its CSRF token', async () => {
    const res = await fetch(`${gare.url}/api/compte/calendrier`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: team.cookie, origin: gare.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
    });
    expect(res.status).toBe(403);
  });

  it('send a form back to /compte with the new link in a short-lived cookie for that page only', async () => {
    const res = await fetch(`${gare.url}/api/compte/calendrier`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: team.cookie, origin: gare.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: team.csrf }).toString(),
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/^\/compte\?ok=.+#calendrier$/);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^gare_calendrier=http.+calendrier%2F[A-Za-z0-9_-]{43}\.ics; Max-Age=600; Path=\/compte; HttpOnly; SameSite=Strict/);
  });
});
