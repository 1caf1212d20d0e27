/**
 * Former names of the rules, kept while callers move to `can()` (server/access/policy.ts), which
 * holds every rule.
 */
import type { Visibility } from '../wiki/schema.ts';
import { can } from '../access/policy.ts';
import type { Viewer } from './viewer.ts';

export { requireAllowed } from '../access/policy.ts';

/** True when the viewer may edit a page of this visibility. */
export function canWritePage({ viewer, visibility }: { viewer: Viewer; visibility: Visibility }): boolean {
  return can(viewer, 'page.write', { visibility });
}

/** True when the viewer may save a page that had visibility `before` and will have `after`. */
export function canSavePage({ viewer, before, after }: { viewer: Viewer; before: Visibility | undefined; after: Visibility }): boolean {
  return can(viewer, 'page.save', { before, after });
}

/** True when the viewer may manage people. */
export function canManagePeople(viewer: Viewer): boolean {
  return can(viewer, 'people.manage');
}

/** True when the viewer may type in a pad of this visibility. */
export function canUsePad(viewer: Viewer, padVisibility: Visibility): boolean {
  return can(viewer, 'pad.write', { visibility: padVisibility });
}

/** True when the viewer may see a pad of this visibility. */
export function canReadPad(viewer: Viewer, padVisibility: Visibility): boolean {
  return can(viewer, 'pad.read', { visibility: padVisibility });
}

/** True when the viewer may manage pads. */
export function canManagePads(viewer: Viewer): boolean {
  return can(viewer, 'pad.manage');
}

/** True when the viewer may publish a pad into a page of this visibility. */
export function canPublishPad(viewer: Viewer, visibility: Visibility): boolean {
  return can(viewer, 'pad.publish', { visibility });
}

/** True when the viewer may upload attachments. */
export function canUpload(viewer: Viewer): boolean {
  return can(viewer, 'file.upload');
}
