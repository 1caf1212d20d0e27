import { describe, expect, it } from 'vitest';
import { audienceOf, audienceReads, can, requireCan, type Action } from '../../server/access/policy.ts';
import { anonymous, roles, type Role, type Viewer } from '../../server/access/viewer.ts';

const viewer = (role: Role): Viewer => ({ ...anonymous, role, ...(role === 'visiteur' ? {} : { person: { id: role, name: role, email: `${role}@exemple.org` } }) });

// Columns: visiteur, contributeur, equipe, admin. `1` allowed, `0` refused.
type Row = readonly [Action, 'public' | 'equipe' | '-', string];
const table: readonly Row[] = [
  ['page.read', 'public', '1111'],
  ['page.read', 'equipe', '0011'],
  ['page.write', 'public', '0111'],
  ['page.write', 'equipe', '0011'],
  ['pad.read', 'public', '1111'],
  ['pad.read', 'equipe', '0011'],
  ['pad.write', 'public', '0111'],
  ['pad.write', 'equipe', '0011'],
  ['pad.publish', 'public', '0011'],
  ['pad.publish', 'equipe', '0011'],
  ['pad.manage', '-', '0011'],
  ['file.upload', '-', '0111'],
  ['people.manage', '-', '0001'],
  ['tags.manage', '-', '0011'],
  ['proposals.review', '-', '0011'],
  ['proposals.submit', '-', '0100'],
  ['team.read', '-', '0011'],
  ['pages.import', '-', '0011'],
];

describe('the policy: role × action × visibility', () => {
  for (const [action, visibility, expected] of table) {
    roles.forEach((role, i) => {
      const allowed = expected[i] === '1';
      it(`${allowed ? 'lets' : 'refuses'} ${role} ${action}${visibility === '-' ? '' : ` on a ${visibility} target`}`, () => {
        const check = can as unknown as (v: Viewer, a: Action, ...t: unknown[]) => boolean;
        expect(check(viewer(role), action, ...(visibility === '-' ? [] : [{ visibility }]))).toBe(allowed);
      });
    });
  }

  // before → after, per role (visiteur, contributeur, equipe, admin).
  const saves: readonly [string | undefined, 'public' | 'equipe', string][] = [
    [undefined, 'public', '0111'],
    [undefined, 'equipe', '0011'],
    ['public', 'public', '0111'],
    ['public', 'equipe', '0011'],
    ['equipe', 'public', '0011'],
    ['equipe', 'equipe', '0011'],
  ];
  for (const [before, after, expected] of saves) {
    roles.forEach((role, i) => {
      it(`${expected[i] === '1' ? 'lets' : 'refuses'} ${role} saving a ${before ?? 'new'} page as ${after}`, () => {
        expect(can(viewer(role), 'page.save', { before: before as 'public' | 'equipe' | undefined, after })).toBe(expected[i] === '1');
      });
    });
  }

  // type's default visibility → asked visibility, per role (visiteur, contributeur, equipe, admin).
  const creations: readonly ['public' | 'equipe', 'public' | 'equipe', string][] = [
    ['public', 'public', '0111'],
    ['public', 'equipe', '0011'],
    ['equipe', 'equipe', '0011'],
    ['equipe', 'public', '0011'],
  ];
  for (const [typeVisibility, visibility, expected] of creations) {
    roles.forEach((role, i) => {
      it(`${expected[i] === '1' ? 'lets' : 'refuses'} ${role} creating a ${visibility} page of a type ${typeVisibility} by default`, () => {
        expect(can(viewer(role), 'page.create', { visibility, typeVisibility })).toBe(expected[i] === '1');
      });
    });
  }

  it('keeps a change to a team type (accompaniment file) for the team, even on a public page', () => {
    const toTeamType = { before: 'public', after: 'public', newTypeVisibility: 'equipe' } as const;
    expect(roles.map((r) => can(viewer(r), 'page.save', toTeamType))).toEqual([false, false, true, true]);
    const toPublicType = { before: 'public', after: 'public', newTypeVisibility: 'public' } as const;
    expect(roles.map((r) => can(viewer(r), 'page.save', toPublicType))).toEqual([false, true, true, true]);
  });

  it('gives the team bundle to équipe and admins only', () => {
    expect(roles.map((r) => audienceOf(viewer(r)).base)).toEqual(['public', 'public', 'equipe', 'equipe']);
  });

  it('asks a visitor to log in and tells a logged-in person their role is not enough', () => {
    expect(() => requireCan(viewer('visiteur'), 'tags.manage')).toThrow(expect.objectContaining({ code: 'Unauthenticated' }));
    expect(() => requireCan(viewer('contributeur'), 'tags.manage')).toThrow(expect.objectContaining({ code: 'Forbidden' }));
    expect(() => requireCan(viewer('equipe'), 'tags.manage')).not.toThrow();
  });
});

// Groups narrow whatever the visibility says: a group's page is read by the members of one of its
// groups (any account role) and by admins; being in the team is not enough, and it is never public.
// Columns: visiteur, contributeur, equipe, admin — outside the group, then member of it.
describe('the policy: groups', () => {
  const member = (role: Role): Viewer => ({ ...viewer(role), groups: role === 'visiteur' ? [] : ['accompagnement'] });
  type GroupRow = readonly [Action, 'public' | 'equipe', readonly string[], readonly string[], string, string];
  const rows: readonly GroupRow[] = [
    ['page.read', 'public', ['Accompagnement'], [], '0001', '0111'],
    ['page.read', 'equipe', ['Accompagnement'], [], '0001', '0111'],
    ['page.read', 'equipe', ['Sports', 'accompagnement'], [], '0001', '0111'],
    ['page.write', 'public', ['Accompagnement'], ['Accompagnement'], '0001', '0111'],
    // A contributeur member reads a team-visibility group page but, as everywhere, writes only public ones.
    ['page.write', 'equipe', ['Accompagnement'], ['Accompagnement'], '0001', '0011'],
    // Readers are members of Accompagnement, writers of Direction only.
    ['page.write', 'equipe', ['Accompagnement'], ['Direction'], '0001', '0001'],
    ['pad.read', 'equipe', ['Accompagnement'], [], '0001', '0111'],
    ['pad.write', 'equipe', ['Accompagnement'], [], '0001', '0011'],
    ['pad.publish', 'equipe', ['Accompagnement'], [], '0001', '0011'],
    // A broken acces.yml locks sections to a group nobody holds, even one named like it.
    ['page.read', 'equipe', ['__acces-illisible__'], [], '0001', '0001'],
  ];
  for (const [action, visibility, groups, writeGroups, outside, inside] of rows) {
    roles.forEach((role, i) => {
      const target = { visibility, groups, writeGroups };
      it(`${action} on a ${visibility} page of ${groups.join('+')} (writers ${writeGroups.join('+') || 'as readers'}): ${role} outside ${outside[i]}, member ${inside[i]}`, () => {
        const check = can as unknown as (v: Viewer, a: Action, t: unknown) => boolean;
        expect(check(viewer(role), action, target)).toBe(outside[i] === '1');
        expect(check(member(role), action, target)).toBe(inside[i] === '1');
      });
    });
  }

  it('gives each viewer an audience of its groups: none for a visitor, all for an admin', () => {
    expect(audienceOf({ ...viewer('visiteur'), groups: ['accompagnement'] }).key).toBe('public');
    expect(audienceOf(member('contributeur')).key).toBe('public+accompagnement');
    expect(audienceOf(member('equipe')).key).toBe('equipe+accompagnement');
    expect(audienceOf(viewer('admin')).groups).toBe('all');
  });

  it('reads a group page in an audience of that group only', () => {
    const page = { visibility: 'public' as const, groups: ['Accompagnement'] };
    expect(audienceReads(audienceOf(viewer('equipe')), page)).toBe(false);
    expect(audienceReads(audienceOf(member('contributeur')), page)).toBe(true);
    expect(audienceReads(audienceOf(viewer('admin')), page)).toBe(true);
  });
});
