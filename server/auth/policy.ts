/**
 * Who may do what, in one place. Pure functions of the viewer: every door (HTTP, pads, export)
 * asks here. No `node:` import, so the site can use them to show or hide buttons.
 */
import type { Visibility } from '../wiki/schema.ts';
import { Forbidden, Unauthenticated } from '../errors.ts';
import type { Viewer } from './viewer.ts';

/** True when the viewer may edit a page of this visibility: contributeurs public pages only, équipe and admins everything, visitors nothing. Sections carry no rule of their own. */
export function canWritePage({ viewer, visibility }: { viewer: Viewer; visibility: Visibility }): boolean {
  switch (viewer.role) {
    case 'admin':
    case 'equipe':
      return true;
    case 'contributeur':
      return visibility === 'public';
    case 'visiteur':
      return false;
  }
}

/** True when the viewer may save a page that had visibility `before` (undefined: new page) and will have `after`: a contributeur can neither touch a team page nor move a public page out of their own reach. */
export function canSavePage({ viewer, before, after }: { viewer: Viewer; before: Visibility | undefined; after: Visibility }): boolean {
  return (before === undefined || canWritePage({ viewer, visibility: before })) && canWritePage({ viewer, visibility: after });
}

/** True when the viewer may invite people, change roles, deactivate accounts and create reset links. */
export function canManagePeople(viewer: Viewer): boolean {
  return viewer.role === 'admin';
}

/** True when the viewer may type in a pad of this visibility (and start one); same rule as editing a page: contributeurs write in public pads. */
export function canUsePad(viewer: Viewer, padVisibility: Visibility): boolean {
  return canWritePage({ viewer, visibility: padVisibility });
}

/** True when the viewer may see a pad of this visibility, its text and who is in it: public pads are everyone's (visitors read only), team pads the team's. */
export function canReadPad(viewer: Viewer, padVisibility: Visibility): boolean {
  return padVisibility === 'public' || canUsePad(viewer, 'equipe');
}

/** True when the viewer may change who sees a pad, archive it, or open a page live as a pad: the team's housekeeping. */
export function canManagePads(viewer: Viewer): boolean {
  return canUsePad(viewer, 'equipe');
}

/**
 * True when the viewer may publish a pad into a page of this visibility. The team only, even for
 * public pads: a publication commits straight into the wiki, past the review contributions get.
 */
export function canPublishPad(viewer: Viewer, visibility: Visibility): boolean {
  return canManagePads(viewer) && canWritePage({ viewer, visibility });
}

/** True when the viewer may upload attachments (any logged-in writer; the page's own rule applies when linking). */
export function canUpload(viewer: Viewer): boolean {
  return viewer.role !== 'visiteur';
}

/**
 * Throws unless `allowed`: Unauthenticated for a visitor (so the site offers to log in),
 * Forbidden for a logged-in person. For team pages asked by a visitor, throw PageNotFound instead:
 * a visitor must not learn that the page exists.
 */
export function requireAllowed(viewer: Viewer, allowed: boolean): void {
  if (allowed) return;
  if (viewer.role === 'visiteur') throw new Unauthenticated('Connectez-vous pour faire cela.');
  throw new Forbidden('Votre rôle ne permet pas de faire cela. Demandez à un·e administrateur·ice si vous en avez besoin.');
}
