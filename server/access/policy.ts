/**
 * Who may do what, in one place: every rule of the hub is a row of `rules` below, a pure
 * function of the viewer's role and the target's visibility. Every door (site, API, pads,
 * export, search) asks `can()`; no other file compares role names. No `node:` import, so the
 * browser-side code may share it.
 */
import type { Visibility } from '../wiki/schema.ts';
import { Forbidden, Unauthenticated } from '../errors.ts';
import { roles, type Role, type Viewer } from './viewer.ts';

/** What a rule is about: a page or a pad, by its visibility (groups come later as one more field). */
export interface Resource {
  /** Who the page or pad is for. */
  visibility: Visibility;
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
}

/** An action name. */
export type Action = keyof ActionTargets;

type Rule<A extends Action> = (role: Role, target: ActionTargets[A]) => boolean;

const team = (role: Role): boolean => role === 'equipe' || role === 'admin';
const writes = (role: Role, visibility: Visibility): boolean => team(role) || (role === 'contributeur' && visibility === 'public');

/** The rules, one per action. */
const rules: { [A in Action]: Rule<A> } = {
  'page.read': (role, { visibility }) => visibility === 'public' || team(role),
  'page.write': (role, { visibility }) => writes(role, visibility),
  // A team type (accompagnement, compte-rendu…) holds personal data: only the team starts one,
  // so such a page is public only when a team member says so.
  'page.create': (role, { visibility, typeVisibility }) => writes(role, visibility) && (team(role) || typeVisibility === 'public'),
  'page.save': (role, { before, after, newTypeVisibility }) =>
    (before === undefined || writes(role, before)) && writes(role, after) && (team(role) || newTypeVisibility !== 'equipe'),
  'pad.read': (role, { visibility }) => visibility === 'public' || team(role),
  'pad.write': (role, { visibility }) => writes(role, visibility),
  'pad.manage': (role) => team(role),
  'pad.publish': (role, { visibility }) => team(role) && writes(role, visibility),
  'file.upload': (role) => role !== 'visiteur',
  'people.manage': (role) => role === 'admin',
  'tags.manage': (role) => team(role),
  'proposals.review': (role) => team(role),
  'proposals.submit': (role) => role === 'contributeur',
  'team.read': (role) => team(role),
};

/** True when the viewer may do `action` on `target`. */
export function can<A extends Action>(viewer: Pick<Viewer, 'role'>, action: A, ...target: ActionTargets[A] extends undefined ? [] : [ActionTargets[A]]): boolean {
  return (rules[action] as Rule<A>)(viewer.role, target[0] as ActionTargets[A]);
}

/** Actions that take no target. */
type UntargetedAction = { [A in Action]: ActionTargets[A] extends undefined ? A : never }[Action];

/** Roles allowed an action without target (the account store keeps one active person who may manage people). */
export function rolesAllowed(action: UntargetedAction): Role[] {
  return roles.filter((role) => (rules[action] as Rule<UntargetedAction>)(role, undefined));
}

/** Which search bundle and page set a viewer reads: the team reads everything. */
export type Audience = 'public' | 'equipe';

/** The audience of a viewer. */
export function audienceOf(viewer: Pick<Viewer, 'role'>): Audience {
  return can(viewer, 'team.read') ? 'equipe' : 'public';
}

/** True when someone of this audience may read a page of this visibility (search bundles, static export). */
export function audienceReads(audience: Audience, visibility: Visibility): boolean {
  return audience === 'equipe' || visibility === 'public';
}

/** Where a person lands after logging in: the people page for those who manage people. */
export function homeAfterLogin(viewer: Pick<Viewer, 'role'>): string {
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
export function requireCan<A extends Action>(viewer: Pick<Viewer, 'role' | 'person'>, action: A, ...target: ActionTargets[A] extends undefined ? [] : [ActionTargets[A]]): void {
  requireAllowed(viewer, can(viewer, action, ...target));
}
