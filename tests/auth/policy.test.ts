import { describe, expect, test } from 'vitest';
import { canManagePeople, canSavePage, canUpload, canUsePad, canWritePage, requireAllowed } from '../../server/auth/policy.ts';
import { anonymous, type Role, type Viewer } from '../../server/auth/viewer.ts';

const as = (role: Role): Viewer =>
  role === 'visiteur' ? anonymous : { role, person: { id: role, name: role, email: `${role}@exemple.fr` }, sessionId: 's', csrf: 'c' };

describe('who may do what', () => {
  test.each([
    ['visiteur', false, false, false, false],
    ['contributeur', true, false, false, true],
    ['equipe', true, true, false, true],
    ['admin', true, true, true, true],
  ] as const)('%s: write public %s, write team %s, manage people %s, upload %s', (role, writePublic, writeTeam, manage, upload) => {
    const viewer = as(role);
    expect(canWritePage({ viewer, visibility: 'public' })).toBe(writePublic);
    expect(canWritePage({ viewer, visibility: 'equipe' })).toBe(writeTeam);
    expect(canUsePad(viewer, 'public')).toBe(writePublic);
    expect(canUsePad(viewer, 'equipe')).toBe(writeTeam);
    expect(canManagePeople(viewer)).toBe(manage);
    expect(canUpload(viewer)).toBe(upload);
  });

  test('a contributeur cannot move a public page into the team space, nor a team page out of it', () => {
    const viewer = as('contributeur');
    expect(canSavePage({ viewer, before: 'public', after: 'public' })).toBe(true);
    expect(canSavePage({ viewer, before: undefined, after: 'public' })).toBe(true);
    expect(canSavePage({ viewer, before: 'public', after: 'equipe' })).toBe(false);
    expect(canSavePage({ viewer, before: 'equipe', after: 'public' })).toBe(false);
    expect(canSavePage({ viewer: as('equipe'), before: 'equipe', after: 'public' })).toBe(true);
  });

  test('a refused visitor is asked to log in; a refused member is forbidden', () => {
    expect(() => requireAllowed(anonymous, false)).toThrow(expect.objectContaining({ code: 'Unauthenticated' }));
    expect(() => requireAllowed(as('contributeur'), false)).toThrow(expect.objectContaining({ code: 'Forbidden' }));
    expect(() => requireAllowed(anonymous, true)).not.toThrow();
  });
});
