/**
 * Proposals as a given viewer may see them: the team sees all of them, a contributor only their
 * own, a visitor none (never, not even a count). Used by the API and by the site's pages.
 */
import { can } from '../access/policy.ts';
import { Unauthenticated } from '../errors.ts';
import { type Viewer } from '../access/viewer.ts';
import { readAtHead, readHead } from '../git/head.ts';
import { normalizeSource } from '../editing/page-source.ts';
import { mergeText } from '../git/merge-text.ts';
import { diffTexts, type TextDiff } from '../git/read-version.ts';
import { parsePage } from '../wiki/parse-page.ts';
import { settingsAt } from '../git/settings-at.ts';
import type { PagePath } from '../wiki/paths.ts';
import { listProposals, readProposal, type Proposal } from './proposal-read.ts';
import { isProposalId, proposalStates, type ProposalState } from './proposal-refs.ts';
import { ProposalNotFound } from './review-errors.ts';

/** True when the viewer is the proposal's author. */
function isAuthor(viewer: Viewer, proposal: Proposal): boolean {
  return viewer.person !== undefined && viewer.person.email.toLowerCase() === proposal.author.email.toLowerCase();
}

/**
 * True when a reviewer may see a proposal: they may read its page as it is now and as proposed
 * (groups included: a team member outside a group reviews none of its pages). Its author always may.
 */
async function mayReview(dir: string, viewer: Viewer, proposal: Proposal, proposed?: string): Promise<boolean> {
  if (isAuthor(viewer, proposal)) return true;
  const head = await readHead(dir);
  const settings = await settingsAt(dir, head);
  const source = proposed ?? (await readProposal({ dir, id: proposal.id }))?.source;
  const main = await readAtHead(dir, head, proposal.path);
  return [source, main].every((text) => text === undefined || can(viewer, 'page.read', parsePage({ path: proposal.path as PagePath, source: text, settings }).meta));
}

const notFound = (): ProposalNotFound => new ProposalNotFound('Cette proposition n’existe pas, ou elle ne vous est pas visible. Vérifiez l’adresse ou retournez à la liste des propositions.');

/** Options of `listProposalsFor`. */
export interface ListProposalsForOptions {
  /** Content repository. */
  dir: string;
  /** Who asks. */
  viewer: Viewer;
  /** Only the viewer's own proposals (always the case for a contributor). */
  mine?: boolean | undefined;
  /** States to list; default: pending for the team's list, every state for one's own. */
  states?: readonly ProposalState[] | undefined;
}

/** The proposals the viewer may see. */
export async function listProposalsFor({ dir, viewer, mine, states }: ListProposalsForOptions): Promise<Proposal[]> {
  if (!viewer.person) throw new Unauthenticated('Connectez-vous pour voir les propositions.');
  const own = mine === true || !can(viewer, 'proposals.review');
  const all = await listProposals({ dir, states: states ?? (own ? proposalStates : ['pending']) });
  if (own) return all.filter((p) => isAuthor(viewer, p));
  const seen = await Promise.all(all.map((p) => mayReview(dir, viewer, p)));
  return all.filter((_, i) => seen[i]);
}

/** One proposal with what the review page shows. */
export interface ProposalDetail {
  /** The record. */
  proposal: Proposal;
  /** File proposed. */
  source: string;
  /** Line diff: from the page as it is now on main (pending) or as it was (decided), to the proposal. */
  diff: TextDiff;
  /** What the left side of the diff is. */
  against: 'current' | 'base';
  /** Main commit read. */
  currentVersion: string | undefined;
  /** Pending, for the team: would accepting merge without overlap? */
  mergeable: boolean | undefined;
  /** True when the viewer may accept or reject it. */
  canDecide: boolean;
}

/** One proposal for the viewer (404 when absent or not theirs to see; 401 for a visitor); `context` collapses unchanged lines. */
export async function getProposalFor({ dir, viewer, id, context }: { dir: string; viewer: Viewer; id: string; context?: number | undefined }): Promise<ProposalDetail> {
  if (!viewer.person) throw new Unauthenticated('Connectez-vous pour voir cette proposition.');
  if (!isProposalId(id)) throw notFound();
  const found = await readProposal({ dir, id });
  if (!found || !(can(viewer, 'proposals.review') || isAuthor(viewer, found.proposal))) throw notFound();
  if (!(await mayReview(dir, viewer, found.proposal, found.source))) throw notFound();
  const { proposal, source, baseSource } = found;
  const head = await readHead(dir);
  const main = await readAtHead(dir, head, proposal.path);
  // A page made team-only since must not reach a contributor through their own proposal's diff.
  const visible = main !== undefined && can(viewer, 'page.read', parsePage({ path: proposal.path as PagePath, source: main, settings: await settingsAt(dir, head) }).meta);
  const useCurrent = proposal.state === 'pending' && (visible || main === undefined);
  const before = useCurrent ? (main ?? '') : baseSource;
  const pending = proposal.state === 'pending';
  const mergeable =
    pending && can(viewer, 'proposals.review')
      ? mergeText({ base: normalizeSource(baseSource), ours: normalizeSource(main ?? ''), theirs: normalizeSource(source) }).clean
      : undefined;
  return {
    proposal,
    source,
    // Compared the way the hub writes files, so YAML style differences do not hide the real changes.
    diff: diffTexts({ before: normalizeSource(before), after: normalizeSource(source), context }),
    against: useCurrent ? 'current' : 'base',
    currentVersion: head,
    mergeable,
    canDecide: pending && can(viewer, 'proposals.review'),
  };
}
