import { describe, expect, it } from 'vitest';
import { anonymous, type Role, type Viewer } from '../../server/access/viewer.ts';
import { needsReview, parseReviewSettings } from '../../server/review/review-settings.ts';

const as = (role: Role): Viewer => ({ ...anonymous, role, person: role === 'visiteur' ? undefined : { id: '1', name: 'X', email: 'x@exemple.org' } });

describe('the reviewed sections file', () => {
  it.each([
    ['no file', undefined, { sections: [], unreadable: false }],
    ['a list', 'sections: [ressources, tutoriels]\n', { sections: ['ressources', 'tutoriels'], unreadable: false }],
    ['a block list with capitals and accents', 'sections:\n  - Ressources\n  - Comptes rendus\n', { sections: ['ressources', 'comptes-rendus'], unreadable: false }],
    ['an empty file', '', { sections: [], unreadable: false }],
    ['broken YAML', 'sections: [ressources\n', { sections: [], unreadable: true }],
    ['a wrong shape', 'sections: ressources\n', { sections: [], unreadable: true }],
  ])('reads %s', (_name, source, expected) => {
    expect(parseReviewSettings(source)).toEqual(expected);
  });
});

describe('whether a save waits for review', () => {
  const settings = parseReviewSettings('sections: [ressources]\n');
  it.each([
    ['contributeur', 'ressources/visio.md', true],
    ['contributeur', '/ressources/visio', true],
    ['contributeur', 'tutoriels/visio.md', false],
    ['contributeur', 'racine.md', false],
    ['equipe', 'ressources/visio.md', false],
    ['admin', 'ressources/visio.md', false],
  ] as const)('%s saving %s: %s', (role, path, expected) => {
    expect(needsReview({ settings, viewer: as(role), path })).toBe(expected);
  });

  it('reviews every section while the file is unreadable, rather than letting edits through', () => {
    expect(needsReview({ settings: parseReviewSettings(': : :\n'), viewer: as('contributeur'), path: 'tutoriels/a.md' })).toBe(true);
  });
});
