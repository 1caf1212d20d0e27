import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDay, reminderKind } from '../../server/notifications/action-reminders.ts';
import { signIn, type TestSession } from '../helpers/people.ts';
import { startMailHub, type MailTestHub } from './mail-hub.ts';

let gare: MailTestHub;
let camille: TestSession; // équipe, owns the actions
let bruno: TestSession; // contributeur: cannot read the team meeting page
let zoe: TestSession; // équipe, writes the page

// 19 March 2026, 08:00 local time: the day before the actions' due date.
const dayBefore = new Date(2026, 2, 19, 8, 0).getTime();
const DAY = 24 * 3600_000;

beforeAll(async () => {
  gare = await startMailHub();
  camille = await signIn(gare.hub, 'equipe', 'Camille Dupont');
  bruno = await signIn(gare.hub, 'contributeur', 'Bruno Petit');
  zoe = await signIn(gare.hub, 'equipe', 'Zoé Leroy');
  const dir = gare.hub.config.contentDir;
  const file = 'reunions/point-rappels.md';
  await mkdir(path.join(dir, 'reunions'), { recursive: true });
  await writeFile(path.join(dir, file), [
    '---', 'title: Point rappels', 'type: reunion', 'visibility: equipe', 'date: 2026-03-10', '---', '',
    '- [ ] Action : envoyer le bilan @Camille.Dupont avant le 2026-03-20',
    '- [x] Action : réserver la salle @Camille.Dupont avant le 2026-03-20',
    '- [ ] Action : relancer le partenaire @Camille.Dupont avant le 2026-01-05',
    '- [ ] Action : préparer le dossier @Bruno.Petit avant le 2026-03-20',
    '- [ ] Action : appeler la mairie @Personne.Inconnue avant le 2026-03-20', '',
  ].join('\n'));
  const git = (...args: string[]) => execFileSync('git', ['-C', dir, '-c', `user.name=${zoe.name}`, '-c', `user.email=${zoe.email}`, ...args], { stdio: 'pipe' });
  git('add', file);
  git('commit', '-m', 'Point rappels');
  await gare.hub.sync();
  await gare.hub.notifications.idle();
  await gare.hub.mail.service?.idle();
}, 60_000);
afterAll(() => gare?.stop());

const reminders = async (who: TestSession) =>
  (await gare.hub.notifications.store.list({ userId: who.id, limit: 200 })).filter((n) => n.kind === 'action-due' || n.kind === 'action-overdue');

/** Runs the reminders at `at`, then waits for their e-mails. */
async function run(at: number): Promise<number> {
  const stored = await gare.hub.mail.reminders.run(at);
  await gare.hub.mail.service?.idle();
  return stored;
}

describe('reminders of the register’s actions', () => {
  it('tells the owner the day before the due date, once, by notification and e-mail', async () => {
    // Two rounds at once (the round at start and the daily one, or two instances): stored once.
    const [one, two] = await Promise.all([run(dayBefore), run(dayBefore)]);
    expect(one + two).toBe(1);
    const [due] = await reminders(camille);
    expect(due).toMatchObject({ kind: 'action-due', target: 'reunions/point-rappels.md', data: { title: 'Point rappels' } });
    expect(due?.data.excerpt).toContain('envoyer le bilan');
    const m = await gare.smtp.next((x) => x.to.includes(camille.email) && x.mail.subject?.includes('Échéance') === true);
    expect(m.mail.subject).toBe('[Gare centrale] Échéance proche pour une action, dans « Point rappels »');
    expect(m.mail.text).toContain('envoyer le bilan');
    expect(m.mail.text).toContain(`${gare.url}/wiki/reunions/point-rappels`);
    // Again the same day, and on the due date itself: nothing more.
    expect(await run(dayBefore + 3600_000)).toBe(0);
    expect(await run(dayBefore + DAY)).toBe(0);
    expect(await reminders(camille)).toHaveLength(1);
  });

  it('tells the owner once when the action is overdue', async () => {
    expect(await run(dayBefore + 2 * DAY)).toBe(1);
    expect((await reminders(camille)).map((n) => n.kind)).toEqual(['action-overdue', 'action-due']);
    const m = await gare.smtp.next((x) => x.to.includes(camille.email) && x.mail.subject?.includes('en retard') === true);
    expect(m.mail.subject).toBe('[Gare centrale] Action en retard, dans « Point rappels »');
    expect(await run(dayBefore + 3 * DAY)).toBe(0);
    expect(await reminders(camille)).toHaveLength(2);
  });

  it('reminds nobody of a done action, of one overdue for months, of an unknown owner or of a page the owner cannot read', async () => {
    expect((await reminders(camille)).some((n) => n.data.excerpt?.includes('réserver la salle') === true || n.data.excerpt?.includes('relancer') === true)).toBe(false);
    expect(await reminders(bruno)).toEqual([]);
    expect(gare.smtp.to(bruno.email)).toEqual([]);
    expect(gare.smtp.messages.some((x) => x.raw.includes('appeler la mairie'))).toBe(false);
  });
});

describe('which reminder is owed', () => {
  const at = dayBefore;
  it.each([
    ['2026-03-20', false, 'action-due'],
    ['2026-03-19', false, 'action-due'],
    ['2026-03-18', false, 'action-overdue'],
    ['2026-02-18', false, 'action-overdue'],
    ['2026-02-16', false, undefined],
    ['2026-03-21', false, undefined],
    ['2026-03-20', true, undefined],
  ] as const)('due %s, done %s → %s', (due, done, kind) => {
    expect(reminderKind({ due, done, owner: 'Camille' }, at)).toBe(kind);
  });

  it('reads days in local time', () => {
    expect(localDay(new Date(2026, 11, 31, 23, 59).getTime(), 1)).toBe('2027-01-01');
  });
});
