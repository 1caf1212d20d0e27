import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWikiIndex } from '../../server/wiki/wiki-index.ts';

let dir: string;
async function put(rel: string, text: string): Promise<void> {
  await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
  await writeFile(path.join(dir, rel), text);
}
const meta = (index: ReturnType<typeof createWikiIndex>, p: string) => index.get(p)?.meta;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'gare-settings-'));
  await put('guides/adresse.md', '# Guide adresse\n\nTexte.\n');
  await put('accompagnements/martin.md', '# Dossier Martin\n');
  await put('guides/brouillon.md', '---\nvisibility: equipe\n---\n# Brouillon\n');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('repository settings (_gare/*.yml)', () => {
  it('keeps pages without a visibility team-only when there is no settings file', async () => {
    const index = createWikiIndex({ dir });
    await index.refresh();
    expect(meta(index, 'guides/adresse.md')?.visibility).toBe('equipe');
  });

  it('applies the default and per-section visibility, then follows the file when it changes', async () => {
    await put('_gare/visibilite.yml', 'defaut: public\nrubriques:\n  accompagnements: equipe\n');
    const index = createWikiIndex({ dir });
    await index.refresh();
    expect(meta(index, 'guides/adresse.md')?.visibility).toBe('public');
    expect(meta(index, 'accompagnements/martin.md')?.visibility).toBe('equipe');
    expect(meta(index, 'guides/brouillon.md')?.visibility).toBe('equipe');
    const before = index.linkVersion;
    await put('_gare/visibilite.yml', 'defaut: equipe\n');
    const change = await index.refresh();
    expect(meta(index, 'guides/adresse.md')?.visibility).toBe('equipe');
    expect(change.changed).toContain('guides/adresse.md');
    expect(index.linkVersion).toBeGreaterThan(before);
  });

  it('gives pages the folder’s licence, per section, and CC BY-SA without a file', async () => {
    await put('_gare/visibilite.yml', 'defaut: public\n');
    const index = createWikiIndex({ dir });
    await index.refresh();
    expect(meta(index, 'guides/adresse.md')?.license).toBe('CC-BY-SA-4.0');
    await put('_gare/licence.yml', 'defaut: etalab-2.0\nrubriques:\n  accompagnements: CC-BY-4.0\n');
    await index.refresh();
    expect(meta(index, 'guides/adresse.md')?.license).toBe('etalab-2.0');
    expect(meta(index, 'accompagnements/martin.md')?.license).toBe('CC-BY-4.0');
  });

  it('restricts sections to groups from _gare/acces.yml, a page’s own `groupes` winning', async () => {
    await put('_gare/acces.yml', 'rubriques:\n  accompagnements: { lecture: [Accompagnement], ecriture: [Accompagnement, Direction] }\n');
    await put('accompagnements/public.md', '---\ngroupes: [Direction des sports]\n---\n# Autre\n');
    const index = createWikiIndex({ dir });
    await index.refresh();
    expect(meta(index, 'accompagnements/martin.md')?.groups).toEqual(['Accompagnement']);
    expect(meta(index, 'accompagnements/martin.md')?.writeGroups).toEqual(['Accompagnement', 'Direction']);
    expect(meta(index, 'accompagnements/public.md')?.groups).toEqual(['Direction des sports']);
    expect(meta(index, 'guides/adresse.md')?.groups).toEqual([]);
  });

  it('locks every section when acces.yml cannot be read, and says why', async () => {
    await put('_gare/acces.yml', 'rubriques: [pas, une, table]\n');
    const index = createWikiIndex({ dir });
    await index.refresh();
    expect(meta(index, 'guides/adresse.md')?.groups).toHaveLength(1);
    expect(index.settings.problems.map((p) => p.file)).toEqual(['_gare/acces.yml']);
  });
});
