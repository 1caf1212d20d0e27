import { describe, expect, it } from 'vitest';
import { foldText, tagKey, type PagePath } from '../../server/wiki/paths.ts';
import { groupTags, labelTags } from '../../server/wiki/tags.ts';
import { parsePage } from '../../server/wiki/parse-page.ts';
import { emptySettings } from '../../server/wiki/repo-settings.ts';
import { toSearchRecord } from '../../server/search/page-records.ts';
import { snapTag } from '../../site/scripts/editor-tags.ts';
import { groupSpellings } from '../../site/scripts/search-client.ts';

function page(path: string, tags: string[], visibility = 'public') {
  return parsePage({ path: path as PagePath, source: `---\ntitle: ${path}\ntype: ressource\nvisibility: ${visibility}\ntags: ${JSON.stringify(tags)}\n---\n\nTexte.\n`, settings: emptySettings });
}

const aliases = { 'Pôle Emploi': 'France Travail' };

describe('one vocabulary of tags', () => {
  it('folds straight and curly apostrophes with case and accents', () => {
    expect(foldText('Réunion d’équipe')).toBe(foldText("réunion d'equipe"));
    expect(foldText('l‘accueil')).toBe("l'accueil");
    for (const [a, b] of [['réunion d’équipe', "Réunion d'Équipe"], ['pole emploi', 'Pôle Emploi'], ['pole-emploi', 'PÔLE  EMPLOI']]) expect(tagKey(a!)).toBe(tagKey(b!));
  });

  it('groups every spelling and old name under one canonical label', () => {
    const pages = [page('a.md', ["réunion d'équipe"]), page('b.md', ["réunion d'équipe"]), page('c.md', ['réunion d’équipe']), page('d.md', ['pole emploi']), page('e.md', ['France Travail'])];
    const tags = groupTags(pages, aliases);
    expect(tags.map((t) => [t.label, t.pages.length])).toEqual([["réunion d'équipe", 3], ['France Travail', 2]]);
    const label = labelTags(tags);
    expect(['réunion d’équipe', 'Réunion d’Équipe', "réunion d'équipe"].map(label)).toEqual(Array(3).fill("réunion d'équipe"));
    expect(['Pôle Emploi', 'pole emploi', 'france travail'].map(label)).toEqual(Array(3).fill('France Travail'));
    expect(label('inconnue')).toBe('inconnue');
  });

  it('the editor snaps a new spelling to the existing tag', () => {
    const existing = ["réunion d'équipe", 'Pôle Emploi', 'outils libres'];
    expect(snapTag('réunion d’équipe', existing)).toBe("réunion d'équipe");
    expect(snapTag('pole-emploi', existing)).toBe('Pôle Emploi');
    expect(snapTag('Outils Libres', existing)).toBe('outils libres');
    expect(snapTag('cartographie', existing)).toBe('cartographie');
  });

  it('search facets show one entry per tag, under its most used spelling', () => {
    expect(groupSpellings({ "réunion d'équipe": 3, 'réunion d’équipe': 1, 'Réunion d’équipe': 1, visio: 2 })).toEqual([
      { value: "réunion d'équipe", key: 'reunion-d-equipe', count: 5 },
      { value: 'visio', key: 'visio', count: 2 },
    ]);
  });

  it('a record carries each tag once under its current name, and the old names that find it', () => {
    const carried = toSearchRecord(page('a.md', ['Pôle Emploi', 'France Travail', 'réunion d’équipe', "Réunion d'équipe"]), '', aliases);
    expect(carried.tags).toEqual(['France Travail', 'réunion d’équipe']);
    expect(carried.tagAliases).toEqual(['Pôle Emploi']);
    // A team page is found by every old name of its tags; a public one only by those it carries,
    // so the public index never answers to what team pages used to be called.
    expect(toSearchRecord(page('b.md', ['France Travail'], 'equipe'), '', aliases).tagAliases).toEqual(['Pôle Emploi']);
    expect(toSearchRecord(page('c.md', ['France Travail'], 'public'), '', aliases).tagAliases).toEqual([]);
  });
});
