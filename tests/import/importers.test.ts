import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { buildPlan, type ImportPlan } from '../../server/import/build-plan.ts';
import { ImportOptionsSchema } from '../../server/import/import-options.ts';
import { parseUpload } from '../../server/import/parse-upload.ts';
import { fixture } from './fixtures.ts';

async function plan(name: string, taken: string[] = [], options: Record<string, string> = {}): Promise<ImportPlan> {
  const parsed = await parseUpload(fixture(name), name);
  return buildPlan({ parsed, fileName: name, options: ImportOptionsSchema.parse(options), dir: os.tmpdir(), taken: new Set(taken) });
}

describe('importers', () => {
  it('reads an Etherpad export: the last text, team-only, crediting its three authors', async () => {
    const p = await plan('reunion-jardin.etherpad');
    expect(p.pages).toHaveLength(1);
    expect(p.pages[0]).toMatchObject({ title: 'Réunion du jardin partagé', path: 'pages/reunion-du-jardin-partage.md', visibility: 'equipe' });
    expect(p.pages[0]?.content).toContain('Décision : les composteurs restent au fond.');
    // Etherpad's list markers (`*` + lmkr/list attributes) become a Markdown list.
    expect(p.pages[0]?.content).toContain('\n- Arrosage : tour de rôle le samedi.\n- Achat de semences');
    expect(p.pages[0]?.content).not.toContain('*Arrosage');
    expect(p.authors.map((a) => a.name)).toEqual(['Awa Diop', 'Bruno Lefèvre', 'Chloé Martin']);
  });

  it('keeps a HedgeDoc note’s front matter and tags', async () => {
    const p = await plan('atelier-velo.md', [], { etiquettes: 'quartier', type: 'ressource' });
    expect(p.pages[0]).toMatchObject({ title: 'Atelier vélo', type: 'ressource', path: 'ressources/atelier-velo.md', tags: ['quartier', 'atelier', 'mobilité'] });
    expect(p.pages[0]?.content).toMatch(/^lang: fr$/m);
    expect(p.pages[0]?.content).not.toContain('# Atelier vélo');
  });

  it('reads a Word file: headings, table, list, link and image kept', async () => {
    const p = await plan('bilan-annuel.docx');
    const page = p.pages[0];
    expect(page?.title).toBe('Bilan annuel de l’association');
    expect(page?.content).toContain('## Chiffres clés');
    expect(page?.content).toMatch(/\| Activité\s+\| Participants \|/);
    expect(page?.content).toContain('- Semis de printemps');
    expect(page?.content).toContain('[Site du potager](https://exemple.org/potager)');
    expect(page?.content).toContain('](/fichiers/pages/bilan-annuel-de-l-association.fichiers/image-1.png)');
    expect(p.files.map((f) => f.path)).toEqual(['pages/bilan-annuel-de-l-association.fichiers/image-1.png']);
    expect(p.authors.map((a) => a.name)).toEqual(['Awa Diop']);
  });

  it('reads a LibreOffice file: headings, numbered list, table, bold, link and image kept', async () => {
    const p = await plan('conseil.odt');
    const page = p.pages[0];
    expect(page?.title).toBe('Compte rendu du conseil');
    expect(page?.content).toContain('## Ordre du jour');
    expect(page?.content).toContain('1. Budget des ruches');
    expect(page?.content).toMatch(/\| Ruches\s+\| 450 €\s+\|/);
    expect(page?.content).toContain('**maison des associations**');
    expect(page?.content).toContain('[site des apiculteurs](https://exemple.org/ruches)');
    expect(page?.content).toContain('![Ruche](/fichiers/pages/compte-rendu-du-conseil.fichiers/ruche.png)');
    expect(p.authors.map((a) => a.name).sort()).toEqual(['Bruno Lefèvre', 'Chloé Martin']);
  });

  it('reads a Notion zip: nested folders without ids, links rewritten, the image next to its page', async () => {
    const p = await plan('notion-export.zip', [], { rubrique: 'Jardin' });
    expect(p.pages.map((x) => x.path).sort()).toEqual(['jardin/projet-jardin.md', 'jardin/projet-jardin/calendrier-des-semis.md', 'jardin/projet-jardin/liste-des-outils.md']);
    const main = p.pages.find((x) => x.path === 'jardin/projet-jardin.md');
    expect(main?.content).toContain('[Calendrier des semis](/wiki/jardin/projet-jardin/calendrier-des-semis)');
    expect(main?.content).toContain('![Plan du jardin](/fichiers/jardin/projet-jardin.fichiers/plan.png)');
    const outils = p.pages.find((x) => x.title === 'Liste des outils');
    expect(outils?.content).toContain('(/wiki/jardin/projet-jardin/calendrier-des-semis#mars)');
    expect(p.pages.find((x) => x.title === 'Calendrier des semis')?.content).toContain('[Projet Jardin](/wiki/jardin/projet-jardin)');
    expect(p.files.map((f) => f.path)).toEqual(['jardin/projet-jardin.fichiers/plan.png']);
    expect(p.pages.some((x) => /[0-9a-f]{32}/.test(x.path))).toBe(false);
  });

  it('opens a Notion zip of zips (big exports come in parts)', async () => {
    const { zipSync } = await import('fflate');
    const wrapped = zipSync({ 'Export-1234-Part-1.zip': [fixture('notion-export.zip'), { level: 0 }] });
    const parsed = await parseUpload(wrapped, 'Export-1234.zip');
    expect(parsed.docs.map((d) => d.title).sort()).toEqual(['Calendrier des semis', 'Liste des outils', 'Projet Jardin']);
    expect(parsed.files.map((f) => f.source)).toEqual(['Export-1234/Projet Jardin 0123456789abcdef0123456789abcdef/plan.png']);
  });

  it('never overwrites a page: a used name gets a suffix, said in the plan', async () => {
    const p = await plan('atelier-velo.md', ['pages/atelier-velo.md']);
    expect(p.pages[0]).toMatchObject({ path: 'pages/atelier-velo-2.md', renamedFrom: 'pages/atelier-velo.md' });
  });

  it('refuses a file that is not what its name says', async () => {
    await expect(parseUpload(fixture('atelier-velo.md'), 'rapport.docx')).rejects.toMatchObject({ code: 'WrongFileType' });
    await expect(parseUpload(fixture('bilan-annuel.docx'), 'pad.etherpad')).rejects.toMatchObject({ code: 'WrongFileType' });
    await expect(parseUpload(fixture('conseil.odt'), 'rapport.docx')).rejects.toMatchObject({ code: 'WrongFileType' });
    await expect(parseUpload(fixture('bilan-annuel.docx'), 'conseil.odt')).rejects.toMatchObject({ code: 'WrongFileType' });
    await expect(parseUpload(fixture('conseil.odt'), 'note.md')).rejects.toMatchObject({ code: 'WrongFileType' });
    await expect(parseUpload(new TextEncoder().encode('{"pas": "un pad"}'), 'x.etherpad')).rejects.toMatchObject({ code: 'WrongFileType' });
    await expect(parseUpload(fixture('conseil.odt'), 'image.png')).rejects.toMatchObject({ code: 'WrongFileType' });
  });
});

describe('fileUrl', () => {
  it('gives the same address as the attachments module', async () => {
    const { attachmentUrl } = await import('../../server/editing/attachments.ts');
    const { fileUrl } = await import('../../server/import/upload-links.ts');
    expect(fileUrl('a b/c.fichiers/é.png')).toBe(attachmentUrl('a b/c.fichiers/é.png'));
  });
});
