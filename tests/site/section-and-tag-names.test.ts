/**
 * Names as a person reads them over HTTP: sections under their French display title (or their
 * readable landing page's title), tags under their canonical name in every list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../helpers/start-hub.ts';
import { signIn, type TestSession } from '../helpers/people.ts';

let gare: TestHub;
let team: TestSession;

const files = {
  'ressources/fiche-inscription.md':
    "---\ntitle: Fiche inscription\ntype: ressource\ntags: [pole emploi, Reunion d’equipe, cartographie]\nvisibility: public\n---\n\nS'inscrire.\n",
  'tutoriels/README.md': '---\ntitle: Tutoriels secrets Zorglub\ntype: ressource\nvisibility: equipe\n---\n\nPour l’équipe.\n',
  'agenda/index.md': '---\ntitle: Le calendrier des ateliers\ntype: ressource\nvisibility: public\n---\n\nTous les rendez-vous.\n',
};

beforeAll(async () => {
  gare = await startTestHub();
  team = await signIn(gare.hub, 'equipe');
  const changes = Object.entries(files).map(([path, content]) => ({ path, content }));
  await gare.hub.commits.commitFiles({ changes, author: { name: 'Terminal', email: 't@localhost' }, message: 'pages de test' });
  await gare.hub.sync();
}, 60_000);
afterAll(() => gare?.stop());

const html = async (path: string, cookie?: string) => (await fetch(gare.url + path, cookie ? { headers: { cookie } } : {})).text();
const crumbs = (page: string) => /<nav class="crumbs"[^>]*>([\s\S]*?)<\/nav>/.exec(page)?.[1] ?? '';
const urlOf = (dir: string) => gare.hub.index.all().find((p) => p.path.startsWith(`${dir}/`) && !/\/(index|README)\.md$/.test(p.path))!.url;

describe('section titles', () => {
  it('names « Réunions » with its accent in the team’s sommaire and breadcrumbs', async () => {
    const sommaire = await html('/sommaire', team.cookie);
    expect(sommaire).toMatch(/<span class="label"[^>]*>Réunions<\/span>/);
    expect(sommaire).toMatch(/<span class="label"[^>]*>Comptes rendus<\/span>/);
    expect(sommaire).not.toMatch(/>Reunions</);
    expect(crumbs(await html(urlOf('reunions'), team.cookie))).toContain('>Réunions</a>');
  });

  it('takes a readable landing page’s title, never a team one’s for a visitor', async () => {
    expect(crumbs(await html(urlOf('agenda')))).toContain('>Le calendrier des ateliers</a>');
    const tutorial = urlOf('tutoriels');
    const visitor = await html(tutorial);
    expect(crumbs(visitor)).toContain('>Tutoriels</a>');
    expect(visitor).not.toContain('Zorglub');
    expect(await html('/sommaire')).not.toContain('Zorglub');
    expect(crumbs(await html(tutorial, team.cookie))).toContain('>Tutoriels secrets Zorglub</a>');
  });
});

describe('tag names in lists', () => {
  it('shows a page’s tags under their canonical names, linking to the tag pages', async () => {
    const page = await html('/wiki/ressources/fiche-inscription');
    const chips = /<ul class="chips"[^>]*>([\s\S]*?)<\/ul>/.exec(page)?.[1] ?? '';
    expect(chips).toContain('href="/tags/france-travail"');
    expect(chips).toMatch(/>France Travail<\/span>/);
    expect(chips).toMatch(/>réunion d&#39;équipe<\/span>/);
    expect(chips).not.toMatch(/pole emploi|Reunion d’equipe/);
  });

  it('shows canonical names in the sommaire’s rows and a tag page’s cards', async () => {
    const sommaire = await html('/sommaire');
    expect(sommaire).toMatch(/<a href="\/tags\/france-travail"[^>]*>France Travail<\/a>/);
    expect(sommaire).not.toMatch(/>pole emploi<|>Reunion d’equipe</);
    const tagPage = await html('/tags/cartographie');
    expect(tagPage).toContain('href="/wiki/ressources/fiche-inscription"');
    expect(tagPage).toMatch(/>France Travail<\/span>/);
    expect(tagPage).not.toMatch(/>pole emploi<|>Reunion d’equipe</);
  });
});
