/**
 * The one place the direct-save path asks « must this wait for review? ». Only contributors'
 * changes to pages of a reviewed section are diverted; everyone else saves as before.
 */
import { can } from '../access/policy.ts';
import { Forbidden } from '../errors.ts';
import type { Viewer } from '../access/viewer.ts';
import type { EditingService } from '../editing/editing-service.ts';
import type { NewPageInput } from '../editing/new-page.ts';
import { cleanSection, pagePathOf, sectionForType } from '../editing/page-locations.ts';
import { toPagePath } from '../editing/page-access.ts';
import type { Visibility } from '../wiki/schema.ts';
import { proposeCreate } from './propose-create.ts';
import { proposeSave, type ProposalAnswer } from './propose-save.ts';
import { needsReview, readReviewSettings } from './review-settings.ts';

/** A save or creation request, as the page-writing routes receive it. */
export interface PageWriteRequest extends NewPageInput {
  /** Existing page path; absent for a new page. */
  path?: string | undefined;
  /** Visibility (required for a save, optional for a creation). */
  visibility?: Visibility | undefined;
  /** Folder of a new page instead of its type's one. */
  section?: string | undefined;
  /** Commit the edit started from. */
  baseVersion?: string | undefined;
}

/** Records the request as a proposal when it must be reviewed; undefined when it may be saved directly. */
export async function proposeIfReviewed({ deps, viewer, request }: { deps: EditingService; viewer: Viewer; request: PageWriteRequest }): Promise<ProposalAnswer | undefined> {
  if (!can(viewer, 'proposals.submit')) return undefined;
  const settings = await readReviewSettings({ dir: deps.dir });
  const { title, type, tags, summary, message } = request;
  if (request.path !== undefined) {
    const path = toPagePath(request.path);
    if (!needsReview({ settings, viewer, path })) return undefined;
    const visibility = request.visibility ?? 'public';
    const fields = { title, type, tags, visibility, summary };
    // Under the edit lock: two saves of one page at once land one after the other on one proposal
    // (and, with several instances, under the shared lock, the branches settled with the forge).
    return told(deps, viewer, await deps.proposals(() => deps.exclusive(() => proposeSave({ deps, viewer, path, fields, body: request.body ?? '', baseVersion: request.baseVersion ?? '', message }))));
  }
  const section = request.section ? cleanSection(request.section) : sectionForType(type);
  if (!needsReview({ settings, viewer, path: pagePathOf(section, 'nouvelle-page') })) return undefined;
  const { visibility, body, template } = request;
  return told(deps, viewer, await deps.proposals(() => deps.exclusive(() => proposeCreate({ deps, viewer, section, title, type, tags, visibility, summary, body, template, message }))));
}

/** Tells the event bus of a proposal written (webhooks, notifications of reviewers). */
function told(deps: EditingService, viewer: Viewer, answer: ProposalAnswer): ProposalAnswer {
  if (answer.proposal && viewer.person) void deps.events.emit('proposal.created', { id: answer.proposal.id, path: toPagePath(answer.path), by: viewer.person });
  return answer;
}

/** Refuses a contributor's rename or deletion touching a reviewed section: those cannot wait as a proposal. */
export async function requireDirectChange({ deps, viewer, paths }: { deps: EditingService; viewer: Viewer; paths: readonly string[] }): Promise<void> {
  if (!can(viewer, 'proposals.submit')) return;
  const settings = await readReviewSettings({ dir: deps.dir });
  if (paths.some((path) => needsReview({ settings, viewer, path }))) {
    throw new Forbidden('Dans cette section, les changements des contributeur·ices sont relus par l’équipe : renommer, supprimer ou restaurer une page et y joindre des fichiers est réservé à l’équipe. Demandez-le à un membre de l’équipe, ou proposez une modification du texte.');
  }
}
