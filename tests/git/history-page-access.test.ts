import { describe, expect, it } from 'vitest';
import { groupKeys } from '../../server/access/groups.ts';
import { frontMatterKey, pageAccess } from '../../server/git/history-page-access.ts';
import { parsePage } from '../../server/wiki/parse-page.ts';
import type { PagePath } from '../../server/wiki/paths.ts';
import { emptySettings, parseRepoSettings } from '../../server/wiki/repo-settings.ts';

const settings = parseRepoSettings({
  visibility: 'defaut: public\nrubriques:\n  equipe: equipe\n',
  access: 'rubriques:\n  accompagnement:\n    lecture: [Accompagnement renforcé]\n',
});
const broken = parseRepoSettings({ access: 'rubriques: [pas une table' });

// Front matters that decide a page's access in every way parsePage knows.
const sources = [
  '',
  '# Sans en-tête\n',
  '---\ntitle: Simple\n---\nTexte.',
  '---\nvisibility: public\n---\n',
  '---\nvisibility: equipe\n---\n',
  '---\nvisibility: partout\n---\n',
  '---\ntype: compte-rendu\n---\n',
  '---\ntype: ressource\n---\n',
  '---\ndraft: true\nvisibility: public\n---\n',
  '---\ngroupes: [Atelier, Atelier, Bénévoles]\nvisibility: public\n---\n',
  '---\ngroupes: Atelier\n---\n',
  '---\ntitle: [pas, un, titre]\nvisibility: public\n---\n',
  '---\nvisibility: public\ntags: 12\ndate: pas-une-date\n---\n',
  '---\n: : YAML cassé\n---\n',
  '---\nvisibility: public\n',
  '+++\nvisibility = "public"\n+++\n',
  '+++\nvisibility = \n+++\n',
  '\uFEFF---\nvisibility: public\n---\n',
];
const paths = ['accueil.md', 'equipe/notes.md', 'accompagnement/suivi.md', 'ressources/fiche.distant.md', 'comptes-rendus/2026-01-01.md'] as PagePath[];

describe('the access a history record keeps for a page version', () => {
  it('is what parsePage decides, for every front matter, section and settings', () => {
    let checked = 0;
    for (const current of [emptySettings, settings, broken]) {
      for (const page of paths) {
        for (const source of sources) {
          const { visibility, groups } = parsePage({ path: page, source, settings: current }).meta;
          const expected = groups.length > 0 ? { visibility, groups: groupKeys(groups) } : { visibility };
          expect({ page, source, access: pageAccess(page, frontMatterKey(source), current) }).toEqual({ page, source, access: expected });
          checked++;
        }
      }
    }
    expect(checked).toBe(3 * paths.length * sources.length);
  });
});
