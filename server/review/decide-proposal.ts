/**
 * A team member's decision. Accepting merges the proposal into main (three-way: base = the file
 * at the proposal's parent, ours = main now, theirs = the proposal) in a commit authored by the
 * contributor; rejecting changes nothing on main. Either way the proposal is kept, renamed under
 * `propositions-acceptees/` or `propositions-refusees/` with a marker commit naming who decided.
 */
import { can, requireAllowed } from '../access/policy.ts';
import type { Viewer } from '../access/viewer.ts';
import { readAtHead } from '../git/head.ts';
import type { EditingService } from '../editing/editing-service.ts';
import { authorOf } from '../editing/page-access.ts';
import { normalizeSource } from '../editing/page-source.ts';
import { mergeText } from '../git/merge-text.ts';
import { readProposal, type ProposalWithSource } from './proposal-read.ts';
import { formatProposalMessage, isProposalId, proposalRef } from './proposal-refs.ts';
import { moveRef } from '../git/refs.ts';
import { writeDetachedCommit } from '../git/detached-commit.ts';
import { ProposalConflict, ProposalDecided, ProposalNotFound } from './review-errors.ts';

/** Options of `acceptProposal` and `rejectProposal`. */
export interface DecideProposalOptions {
  /** Editing dependencies (accepting commits on main through them). */
  deps: EditingService;
  /** The team member deciding. */
  viewer: Viewer;
  /** Proposal id. */
  id: string;
}

/** The pending proposal, or the right refusal (401/403 for non-reviewers, 404, 409 if already decided). */
async function pendingProposal({ deps, viewer, id }: DecideProposalOptions): Promise<ProposalWithSource> {
  requireAllowed(viewer, can(viewer, 'proposals.review'));
  const found = isProposalId(id) ? await readProposal({ dir: deps.dir, id }) : undefined;
  if (!found) throw new ProposalNotFound('Cette proposition n’existe pas. Retournez à la liste des propositions.');
  if (found.proposal.state !== 'pending') {
    throw new ProposalDecided(`Cette proposition a déjà été ${found.proposal.state === 'accepted' ? 'acceptée' : 'refusée'} par ${found.proposal.decision?.by ?? 'quelqu’un'} : il n’y a plus rien à décider.`);
  }
  return found;
}

/** Keeps the proposal under its decided name, then removes the pending branch if nobody added to it meanwhile. */
async function archive(deps: EditingService, found: ProposalWithSource, state: 'accepted' | 'rejected', marker: string): Promise<boolean> {
  const { id, tip } = found.proposal;
  if (!(await moveRef({ dir: deps.dir, ref: proposalRef(state, id), expected: undefined, value: marker }))) return false;
  return moveRef({ dir: deps.dir, ref: proposalRef('pending', id), expected: tip, value: undefined });
}

/** Accepts a proposal: one commit on main by the contributor; 409 ProposalConflict when main changed the same lines. */
export function acceptProposal(options: DecideProposalOptions): Promise<{ id: string; path: string; url: string; version: string | undefined; merged: boolean }> {
  // One step for the other instances: the decision sees their proposals, and they see it whole.
  return options.deps.proposals(() => accept(options));
}

/** The acceptance itself, inside the proposal round. */
async function accept(options: DecideProposalOptions): Promise<{ id: string; path: string; url: string; version: string | undefined; merged: boolean }> {
  const { deps, viewer } = options;
  const found = await pendingProposal(options);
  const reviewer = authorOf(viewer);
  const { proposal, source, baseSource } = found;
  const { value, oid } = await deps.commitAtHead(async (head) => {
      const current = await readAtHead(deps.dir, head, proposal.path);
      const ours = normalizeSource(current ?? '');
      const theirs = normalizeSource(source);
      const result =
        current === undefined && proposal.action === 'modification'
          ? { clean: false as const, text: theirs, conflicts: [{ ours: '', theirs, base: baseSource }] }
          : mergeText({ base: normalizeSource(baseSource), ours, theirs, labels: { ours: 'version actuelle', theirs: 'proposition' } });
      if (!result.clean) {
        throw new ProposalConflict(
          current === undefined
            ? 'La page a été supprimée ou renommée depuis cette proposition : rien n’a été enregistré. Recréez-la à partir du texte proposé si elle doit revenir, puis refusez la proposition.'
            : 'La page a été modifiée depuis cette proposition, aux mêmes endroits : rien n’a été enregistré et la proposition reste en attente. Reportez à la main ce qu’il faut garder dans la page, puis refusez ou acceptez la proposition.',
          { proposed: source, current: current ?? '', merged: result.text, currentVersion: head, conflicts: result.conflicts.length },
        );
      }
      const merged = result.text !== theirs;
      if (current !== undefined && result.text === ours) return { commit: undefined, value: merged };
      const message = `${proposal.message}\n\nProposition ${proposal.id}, relue et acceptée par ${reviewer.name}.`;
      return { commit: { changes: [{ path: proposal.path, content: result.text }], author: proposal.author, message }, value: merged };
    });
  const trailers = { id: proposal.id, page: proposal.path, base: proposal.base, action: proposal.action, commit: oid };
  const markerMessage = formatProposalMessage(`Proposition acceptée par ${reviewer.name}`, trailers);
  const marker = await writeDetachedCommit({ dir: deps.dir, parent: proposal.tip, files: [], author: reviewer, message: markerMessage, now: deps.now() });
  // If the contributor added an edit meanwhile, that edit stays pending: nothing of theirs is dropped.
  await archive(deps, found, 'accepted', marker);
  return { id: proposal.id, path: proposal.path, url: proposal.pageUrl, version: oid, merged: value };
}

/** Rejects a proposal; main is not touched and the proposal is kept with the reason. */
export function rejectProposal(options: DecideProposalOptions & { reason?: string | undefined }): Promise<{ id: string }> {
  return options.deps.proposals(() => reject(options));
}

/** The refusal itself, inside the proposal round. */
async function reject(options: DecideProposalOptions & { reason?: string | undefined }): Promise<{ id: string }> {
  const { deps, viewer } = options;
  const found = await pendingProposal(options);
  const reviewer = authorOf(viewer);
  const { proposal } = found;
  const reason = (options.reason ?? '').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '').trim().slice(0, 2000);
  const trailers = { id: proposal.id, page: proposal.path, base: proposal.base, action: proposal.action };
  const message = formatProposalMessage(`Proposition refusée par ${reviewer.name}`, trailers, reason);
  const marker = await writeDetachedCommit({ dir: deps.dir, parent: proposal.tip, files: [], author: reviewer, message, now: deps.now() });
  if (!(await archive(deps, found, 'rejected', marker))) {
    // Undo the half-made decision: the contributor's new edit deserves a fresh look.
    await moveRef({ dir: deps.dir, ref: proposalRef('rejected', proposal.id), expected: marker, value: undefined });
    throw new ProposalDecided('La proposition vient d’être modifiée par son auteur·ice ou décidée par quelqu’un d’autre : rechargez-la avant de décider.');
  }
  return { id: proposal.id };
}
