/** Who may rename and alias tags: the team, since a rename rewrites team pages too. No `node:` import. */
import { requireAllowed } from '../auth/policy.ts';
import type { Viewer } from '../auth/viewer.ts';

/** True when the viewer may rename tags and manage aliases (équipe and admins). */
export function canManageTags(viewer: Viewer): boolean {
  return viewer.role === 'equipe' || viewer.role === 'admin';
}

/** Throws Unauthenticated for a visitor, Forbidden for a contributor. */
export function requireTagManager(viewer: Viewer): void {
  requireAllowed(viewer, canManageTags(viewer));
}
