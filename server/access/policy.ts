/**
 * Who may do what, in one place: every rule of the hub is a row of `rules` below, a pure
 * function of the viewer's role and groups and of the target's visibility and groups. Every door
 * (site, API, pads, export, search) asks `can()`; no other file compares role or group names.
 * No `node:` import, so the browser-side code may share it.
 *
 * Groups: a page or pad restricted to groups (`groupes:` or `_gare/acces.yml`) is never public.
 * Its readers are the members of one of its groups, whatever their account role, and the admins
 * (who may manage people, so could make themselves members anyway); being in the team is not
 * enough. Writing it also needs the role's usual right for its visibility and, when the section
 * names writers (`ecriture`), membership of one of those groups.
 */
import type { Visibility } from '../wiki/schema.ts';
import { Forbidden, Unauthenticated } from '../errors.ts';
import { groupKeys, inAnyGroup } from './groups.ts';
import { roles, type Role, type Viewer } from './viewer.ts';

/** What a rule is about: a page or a pad, by its visibility and its groups. */
export interface Resource {
  /** Who the page or pad is for. */
  visibility: Visibility;
  /** Group names whose members alone read it (empty or absent: no group restriction). */
  groups?: readonly string[] | undefined;
  /** Group names whose members alone write it (empty or absent: as its readers). */
  writeGroups?: readonly string[] | undefined;
}

/** A page being saved: its visibility before (undefined for a new page) and after the change. */
export interface SaveTarget {
  /** Visibility before the save; undefined when the page is new. */
  before: Visibility | undefined;
  /** Visibility the page will have. */
  after: Visibility;
  /** When the save changes the page's type: the new type's default visibility (team types hold personal data). */
  newTypeVisibility?: Visibility | undefined;
}

/** A page being created: the visibility asked and the one its type gives by default. */
export interface CreateTarget {
  /** Visibility the new page will have. */
  visibility: Visibility;
  /** Default visibility of its type (`defaultVisibility(type)`): team types hold personal data. */
  typeVisibility: Visibility;
}

/** Every action the hub checks, with the kind of target it needs (`undefined`: none). */
export interface ActionTargets {
  /** Read a page (its text, title, links, history entries). */
  'page.read': Resource;
  /** Edit, rename, delete or restore a page; read its versions and diffs. */
  'page.write': Resource;
  /** Create a page of a type (contributeurs: only types public by default, and only public pages). */
  'page.create': CreateTarget;
  /** Save a page whose visibility may change (contributeurs cannot move a page out of their reach). */
  'page.save': SaveTarget;
  /** See a pad, its text and who is in it. */
  'pad.read': Resource;
  /** Type in a pad (and start one of this visibility). */
  'pad.write': Resource;
  /** Change who sees a pad, archive it, open a page live as a pad. */
  'pad.manage': undefined;
  /** Publish a pad into a page of this visibility (commits straight into the wiki, past review). */
  'pad.publish': Resource;
  /** Upload attachments. */
  'file.upload': undefined;
  /** Invite people, change roles, deactivate accounts, make reset links, set review sections. */
  'people.manage': undefined;
  /** Rename tags and manage aliases (a rename rewrites team pages too). */
  'tags.manage': undefined;
  /** Accept or reject proposals, and see everyone's. */
  'proposals.review': undefined;
  /** Have one's edits of reviewed sections wait as proposals. */
  'proposals.submit': undefined;
  /** Read everything of the team: team search bundle, commit messages, e-mails, pages to fix. */
  'team.read': undefined;
  /** Import pads and documents (Etherpad, HedgeDoc, Markdown zip, .docx, .odt) as new pages. */
  'pages.import': undefined;
}

/** An action name. */
export type Action = keyof ActionTargets;

type Rule<A extends Action> = (role: Role, target: ActionTargets[A], groups: readonly string[]) => boolean;

const team = (role: Role): boolean => role === 'equipe' || role === 'admin';
const admin = (role: Role): boolean => role === 'admin';
const writes = (role: Role, visibility: Visibility): boolean => team(role) || (role === 'contributeur' && visibility === 'public');
const restricted = (names: readonly string[] | undefined): names is readonly string[] => names !== undefined && names.length > 0;
// Groups replace the visibility's audience: members (any account role) and admins, nobody else.
const reads = (role: Role, target: Resource, groups: readonly string[]): boolean =>
  restricted(target.groups) ? role !== 'visiteur' && (admin(role) || inAnyGroup(groups, target.groups)) : target.visibility === 'public' || team(role);
const writesResource = (role: Role, target: Resource, groups: readonly string[]): boolean =>
  reads(role, target, groups) && writes(role, target.visibility) && (!restricted(target.writeGroups) || admin(role) || inAnyGroup(groups, target.writeGroups));

/** The rules, one per action. */
const rules: { [A in Action]: Rule<A> } = {
  'page.read': reads,
  'page.write': writesResource,
  // A team type (accompagnement, compte-rendu…) holds personal data: only the team starts one,
  // so such a page is public only when a team member says so.
  'page.create': (role, { visibility, typeVisibility }) => writes(role, visibility) && (team(role) || typeVisibility === 'public'),
  'page.save': (role, { before, after, newTypeVisibility }) =>
    (before === undefined || writes(role, before)) && writes(role, after) && (team(role) || newTypeVisibility !== 'equipe'),
  'pad.read': reads,
  'pad.write': writesResource,
  'pad.manage': (role) => team(role),
  'pad.publish': (role, target, groups) => team(role) && writesResource(role, target, groups),
  'file.upload': (role) => role !== 'visiteur',
  'people.manage': (role) => role === 'admin',
  'tags.manage': (role) => team(role),
  'proposals.review': (role) => team(role),
  'proposals.submit': (role) => role === 'contributeur',
  'team.read': (role) => team(role),
  'pages.import': (role) => team(role),
};

/** Who is asking, as rules see it: a role, and group keys (none when absent). */
export type Asker = Pick<Viewer, 'role'> & { groups?: readonly string[] | undefined };

/** True when the viewer may do `action` on `target`. */
export function can<A extends Action>(viewer: Asker, action: A, ...target: ActionTargets[A] extends undefined ? [] : [ActionTargets[A]]): boolean {
  return (rules[action] as Rule<A>)(viewer.role, target[0] as ActionTargets[A], viewer.groups ?? []);
}

/** Actions that take no target. */
type UntargetedAction = { [A in Action]: ActionTargets[A] extends undefined ? A : never }[Action];

/** Roles allowed an action without target (the account store keeps one active person who may manage people). */
export function rolesAllowed(action: UntargetedAction): Role[] {
  return roles.filter((role) => (rules[action] as Rule<UntargetedAction>)(role, undefined, []));
}

/**
 * Which pages a viewer reads, as caches and search bundles key them: `base` by visibility (the
 * team reads team pages), `groups` the keys of the groups whose pages they read (`all` for admins).
 * Two viewers of the same `key` read exactly the same pages.
 */
export interface Audience {
  /** Pages without groups: `equipe` reads them all, `public` the public ones. */
  base: Visibility;
  /** Keys of the groups whose pages this audience reads; `all` for admins. */
  groups: readonly string[] | 'all';
  /** Stable text of the audience (`public`, `equipe`, `equipe+accompagnement`, `admin`), for cache keys. */
  key: string;
}

/** The audience of a base alone, no groups (visitors: `audienceFor('public')`). */
export function audienceFor(base: Visibility, groups: readonly string[] | 'all' = []): Audience {
  const sorted = groups === 'all' ? 'all' : groupKeys(groups);
  const key = sorted === 'all' ? `${base}+*` : [base, ...sorted].join('+');
  return { base, groups: sorted, key };
}

/** The audience of a viewer (a visitor reads no group's pages, whatever a forged viewer says). */
export function audienceOf(viewer: Asker): Audience {
  const base = can(viewer, 'team.read') ? 'equipe' : 'public';
  if (viewer.role === 'visiteur') return audienceFor(base);
  return audienceFor(base, can(viewer, 'people.manage') ? 'all' : (viewer.groups ?? []));
}

/** True when someone of this audience may read a page of this visibility and these groups (render links, search, static export). */
export function audienceReads(audience: Audience, target: Resource): boolean {
  if (restricted(target.groups)) return audience.groups === 'all' || inAnyGroup(audience.groups, target.groups);
  return audience.base === 'equipe' || target.visibility === 'public';
}

/** Where a person lands after logging in: the people page for those who manage people. */
export function homeAfterLogin(viewer: Asker): string {
  return can(viewer, 'people.manage') ? '/admin' : '/';
}

/**
 * Throws unless `allowed`: Unauthenticated for a visitor (so the site offers to log in),
 * Forbidden for a logged-in person. For team pages asked by a visitor, throw PageNotFound instead:
 * a visitor must not learn that the page exists.
 */
export function requireAllowed(viewer: Pick<Viewer, 'person'>, allowed: boolean): void {
  if (allowed) return;
  if (viewer.person === undefined) throw new Unauthenticated('Connectez-vous pour faire cela.');
  throw new Forbidden('Votre rôle ne permet pas de faire cela. Demandez à un·e administrateur·ice si vous en avez besoin.');
}

/** Throws (as requireAllowed) unless the viewer may do `action` on `target`. */
export function requireCan<A extends Action>(viewer: Asker & Pick<Viewer, 'person'>, action: A, ...target: ActionTargets[A] extends undefined ? [] : [ActionTargets[A]]): void {
  requireAllowed(viewer, can(viewer, action, ...target));
}
