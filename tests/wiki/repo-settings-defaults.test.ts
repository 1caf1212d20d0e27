import { describe, expect, it } from 'vitest';
import { defaultOnlyPages, formatVisibilityFile, visibilityFileHeader } from '../../server/editing/repo-settings-save.ts';
import { parsePage } from '../../server/wiki/parse-page.ts';
import { emptySettings, licenceInfo, parseRepoSettings, repositoryLicence } from '../../server/wiki/repo-settings.ts';
import type { PagePath } from '../../server/wiki/paths.ts';

const page = (path: string, source: string, settings = emptySettings) => parsePage({ path: path as PagePath, source, settings });

describe('pages team-only only by default', () => {
  const pages = [
    page('README.md', '# Accueil\n'),
    page('guide/a.md', '# A\n'),
    page('guide/b.md', '---\nvisibility: equipe\n---\n# B\n'),
    page('guide/c.md', '---\ndraft: true\n---\n# C\n'),
    page('guide/d.md', '---\ntype: ressource\n---\n# D\n'),
    page('accompagnements/m.md', '---\ntype: accompagnement\n---\n# M\n'),
    page('guide/e.md', '---\nvisibility: [casse]\n---\n# E\n'),
  ];

  it('counts only pages whose visibility nothing decides, by folder, suggesting the team for team types', () => {
    expect(defaultOnlyPages(pages)).toEqual({
      total: 3,
      sections: [
        { section: '', count: 1, suggested: 'public' },
        { section: 'accompagnements', count: 1, suggested: 'equipe' },
        { section: 'guide', count: 1, suggested: 'public' },
      ],
    });
  });

  it('counts nothing once _gare/visibilite.yml decides', () => {
    const settings = parseRepoSettings({ visibility: 'defaut: equipe\n' });
    expect(defaultOnlyPages([page('guide/a.md', '# A\n', settings)]).total).toBe(0);
  });

  it('writes the file people read: a header, the default, the folders that differ from it', () => {
    const text = formatVisibilityFile(visibilityFileHeader, 'public', { guide: 'public', accompagnements: 'equipe' });
    expect(text).toMatch(/^# /);
    expect(text.endsWith('defaut: public\nrubriques:\n  accompagnements: equipe\n')).toBe(true);
    expect(parseRepoSettings({ visibility: text })).toMatchObject({ visibility: { default: 'public', sections: { accompagnements: 'equipe' } }, problems: [] });
    expect(formatVisibilityFile([], 'equipe', { guide: 'equipe' })).toBe('\ndefaut: equipe\n');
  });
});

describe('licences', () => {
  it.each([
    ['CC-BY-SA-4.0', 'CC BY-SA 4.0', 'creativecommons.org/licenses/by-sa/4.0'],
    ['cc-by-4.0', 'CC BY 4.0', 'creativecommons.org/licenses/by/4.0'],
    ['etalab-2.0', 'Licence Ouverte 2.0 (Etalab)', 'etalab.gouv.fr'],
    ['CC0-1.0', 'CC0 1.0 (domaine public)', 'publicdomain/zero/1.0'],
    ['MIT', 'MIT', 'spdx.org/licenses/MIT'],
  ])('names and links %s', (id, label, url) => {
    const info = licenceInfo(id);
    expect(info.label).toBe(label);
    expect(info.url).toContain(url);
  });

  it('shows an unknown id as written, without a link', () => {
    expect(licenceInfo('LicenceMaison-1')).toEqual({ label: 'LicenceMaison-1', url: undefined });
  });

  it('takes the repository’s licence from _gare/licence.yml, else CC BY-SA 4.0', () => {
    expect(repositoryLicence(emptySettings)).toBe('CC-BY-SA-4.0');
    expect(repositoryLicence(parseRepoSettings({ licence: 'defaut: etalab-2.0\n' }))).toBe('etalab-2.0');
    expect(repositoryLicence(parseRepoSettings({ licence: 'defaut: "pas une licence"\n' }))).toBe('CC-BY-SA-4.0');
  });
});
