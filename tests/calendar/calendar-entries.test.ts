/** Which pages, pads and actions become events, at which hours, under which UIDs. */
import { describe, expect, it } from 'vitest';
import { agendaRows } from '../../server/calendar/agenda-rows.ts';
import { actionEntries, padEntries } from '../../server/calendar/calendar-entries.ts';
import { entryUid } from '../../server/calendar/calendar-entry.ts';
import { findMeetingHours } from '../../server/calendar/meeting-hours.ts';
import type { RegisterAction } from '../../server/register/register.ts';

const context = { base: 'https://wiki.exemple.org' };

describe('findMeetingHours', () => {
  it.each([
    ['**Horaire** : 9 h 30–10 h 30 · **Lieu** :', '9:30', '10:30'],
    ['**Mardi 8 septembre 2026, 9 h 30–10 h 45** — réunion de rentrée', '9:30', '10:45'],
    ['De 14h à 17h, à la Remise.', '14:0', '17:0'],
    ['Rendez-vous 18 h - 20 h 30', '18:0', '20:30'],
    ['Créneau 09:15-11:00', '9:15', '11:0'],
  ])('reads « %s »', (line, start, end) => {
    const hours = findMeetingHours(`${line}\n\nSuite.`);
    expect(`${hours?.start.hour}:${hours?.start.minute}`).toBe(start);
    expect(`${hours?.end.hour}:${hours?.end.minute}`).toBe(end);
  });

  it.each([
    ['no hours', 'Un compte-rendu sans horaire.'],
    ['an end before the start', 'De 17 h à 9 h.'],
    ['a date range', 'Du 2026-03-10 au 2026-03-12.'],
    ['hours too far down', `${'Ligne.\n'.repeat(8)}9 h–10 h`],
    ['a table of durations', '1. Météo (5 min)'],
  ])('finds nothing in %s', (_what, body) => {
    expect(findMeetingHours(body)).toBeUndefined();
  });
});

describe('agendaRows', () => {
  it('reads each dated row of a table with a « Date » column: title, hours, place', () => {
    const body = [
      'Les ateliers de l’année.',
      '',
      '| Date | Horaire | Atelier | Lieu | Fiche associée |',
      '| --- | --- | --- | --- | --- |',
      '| mar. 17/11/2026 | 18 h–20 h | Trouver une date et se réunir à distance | en visio | [[Visioconférence libre]] |',
      '| sam. 28/11/2026 | 10 h–12 h 30 | **Première contribution** au [wiki](/wiki/accueil) | [[Médiathèque des Tanneurs\\|la médiathèque]] | |',
      '| à fixer | 18 h–20 h | Atelier sans date | La Remise | |',
      '| 31/02/2027 | | Date impossible | | |',
      '| 2027-01-14 | toute la journée | Entreprendre autrement | | |',
      '',
      '| Nom | Rôle |',
      '| --- | --- |',
      '| Samia | animation |',
    ].join('\n');
    expect(agendaRows(body)).toEqual([
      { day: '2026-11-17', title: 'Trouver une date et se réunir à distance', hours: { start: { hour: 18, minute: 0 }, end: { hour: 20, minute: 0 } }, place: 'en visio' },
      { day: '2026-11-28', title: 'Première contribution au wiki', hours: { start: { hour: 10, minute: 0 }, end: { hour: 12, minute: 30 } }, place: 'la médiathèque' },
      { day: '2027-01-14', title: 'Entreprendre autrement', hours: undefined, place: undefined },
    ]);
  });

  it('finds nothing in a page without a dated table', () => {
    expect(agendaRows('Du texte.\n\n| Quoi | Qui |\n| --- | --- |\n| Café | Nadia |')).toEqual([]);
  });
});

describe('padEntries', () => {
  it('takes the date a pad’s name ends with, after a `-2` too, and leaves published and undated pads out', () => {
    const pads = [
      { name: 'point-equipe-2026-03-10', title: 'Point d’équipe', updatedAt: 0 },
      { name: 'point-equipe-2026-03-10-2', updatedAt: 0 },
      { name: 'atelier-2026-02-30', updatedAt: 0 },
      { name: 'notes-libres', updatedAt: 0 },
      { name: 'publie-2026-03-11', publishedPath: 'reunions/publie.md', updatedAt: 0 },
    ];
    expect(padEntries(pads, context).map((e) => [e.day, e.summary])).toEqual([
      ['2026-03-10', 'Pad : Point d’équipe'],
      ['2026-03-10', 'Pad : point-equipe-2026-03-10-2'],
    ]);
  });
});

describe('actionEntries', () => {
  const action = (text: string, extra: Partial<RegisterAction> = {}): RegisterAction => ({
    text, owner: 'Camille', due: '2026-03-20', done: false, line: 12, date: '2026-03-10', tags: [], participants: [], visibility: 'equipe',
    page: { title: 'Réunion du 10 mars', url: '/wiki/reunions/2026-03-10', path: 'reunions/2026-03-10.md' }, ...extra,
  });

  it('keeps open actions with a due date, each under its own UID, and the same UID when its line moves', () => {
    const entries = actionEntries([action('Appeler la mairie'), action('Appeler la mairie'), action('Sans date', { due: undefined }), action('Faite', { done: true })], () => undefined, context);
    expect(entries.map((e) => e.summary)).toEqual(['Action : Appeler la mairie (@Camille)', 'Action : Appeler la mairie (@Camille)']);
    expect(new Set(entries.map((e) => e.uid)).size).toBe(2);
    const moved = actionEntries([action('Appeler la mairie', { line: 40 })], () => undefined, context);
    expect(moved[0]?.uid).toBe(entries[0]?.uid);
    expect(entries[0]?.url).toBe('https://wiki.exemple.org/wiki/reunions/2026-03-10');
  });
});

describe('entryUid', () => {
  it('is stable, names the hub and differs by kind', () => {
    expect(entryUid('meeting', 'a.md', context)).toBe(entryUid('meeting', 'a.md', context));
    expect(entryUid('meeting', 'a.md', context)).toMatch(/^meeting-[0-9a-f]{32}@wiki\.exemple\.org$/);
    expect(entryUid('pad', 'a.md', context)).not.toBe(entryUid('meeting', 'a.md', context));
  });
});
