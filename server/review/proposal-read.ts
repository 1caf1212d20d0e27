/** Reading proposals back from their refs: one record per proposal, everything derived from git. */
import { normalizeSource } from '../editing/page-source.ts';
import { logCommits, readCommitEntry } from '../git/commit-read.ts';
import { gitTimeToIso, type GitPerson } from '../git/git-time.ts';
import { diffTexts, readFileAtCommit } from '../git/read-version.ts';
import { parsePage } from '../wiki/parse-page.ts';
import { emptySettings } from '../wiki/repo-settings.ts';
import { isPagePath, pathToSlug, slugToUrl } from '../wiki/paths.ts';
import { listProposalIds, parseProposalMessage, proposalStates, resolveProposal, type ProposalState } from './proposal-refs.ts';

/** A proposal as lists and the review page show it. */
export interface Proposal {
  /** Proposal id. */
  id: string;
  /** Where it stands. */
  state: ProposalState;
  /** Page path. */
  path: string;
  /** Page title as proposed. */
  title: string;
  /** New page or change of an existing one. */
  action: 'creation' | 'modification';
  /** The contributor (author of the proposal commits). */
  author: GitPerson;
  /** ISO date of the latest edit of the proposal. */
  date: string;
  /** ISO date of its first edit. */
  createdAt: string;
  /** First line of the latest edit's message. */
  message: string;
  /** Number of edits (commits) in the proposal. */
  versions: number;
  /** Main commit it was made against. */
  base: string;
  /** Latest proposal commit (the text proposed). */
  tip: string;
  /** Lines added and removed with respect to the base version. */
  changes: { added: number; removed: number };
  /** Who accepted or rejected it, when, why, and (accepted) the main commit. */
  decision?: { by: string; date: string; reason?: string | undefined; commit?: string | undefined } | undefined;
  /** Review page URL. */
  url: string;
  /** URL the page has (or will have) once accepted. */
  pageUrl: string;
}

/** A proposal with the text it proposes. */
export interface ProposalWithSource {
  /** The record. */
  proposal: Proposal;
  /** File proposed (front matter and body). */
  source: string;
  /** File at the base commit (empty for a new page). */
  baseSource: string;
}

const subjectOf = (message: string): string => message.split('\n', 1)[0]?.trim() ?? '';

/** Free text of a marker commit (the rejection reason): between the subject and the trailers. */
function reasonOf(message: string): string | undefined {
  const paragraphs = message.trim().split(/\n\s*\n/);
  const text = paragraphs.slice(1, -1).join('\n\n').trim();
  return text || undefined;
}

/** Reads one proposal in one state, or undefined. */
async function readIn(dir: string, state: ProposalState, id: string): Promise<ProposalWithSource | undefined> {
  const ref = await resolveProposal({ dir, state, id });
  if (!ref) return undefined;
  const head = await readCommitEntry({ dir, oid: ref });
  const headFacts = parseProposalMessage(head.commit.message);
  if (!headFacts || headFacts.id !== id || !isPagePath(headFacts.page)) return undefined;
  const marker = state === 'pending' ? undefined : head;
  const tip = marker ? (marker.commit.parent[0] ?? ref) : ref;
  const edits = [];
  for (const entry of await logCommits({ dir, ref: tip, depth: 200 })) {
    if (entry.oid === headFacts.base || parseProposalMessage(entry.commit.message)?.id !== id) break;
    edits.push(entry);
  }
  const latest = edits[0];
  const first = edits.at(-1);
  if (!latest || !first) return undefined;
  const path = headFacts.page;
  const source = (await readFileAtCommit({ dir, oid: tip, path })) ?? '';
  const baseSource = (await readFileAtCommit({ dir, oid: headFacts.base, path }).catch(() => undefined)) ?? '';
  const { added, removed } = diffTexts({ before: normalizeSource(baseSource), after: normalizeSource(source) });
  const proposal: Proposal = {
    id,
    state,
    path,
    // The title does not depend on the repository's settings.
    title: parsePage({ path, source, settings: emptySettings }).meta.title,
    action: headFacts.action,
    author: { name: latest.commit.author.name, email: latest.commit.author.email },
    date: gitTimeToIso(latest.commit.author.timestamp),
    createdAt: gitTimeToIso(first.commit.author.timestamp),
    message: subjectOf(latest.commit.message),
    versions: edits.length,
    base: headFacts.base,
    tip,
    changes: { added, removed },
    decision: marker
      ? { by: marker.commit.author.name, date: gitTimeToIso(marker.commit.author.timestamp), reason: reasonOf(marker.commit.message), commit: headFacts.commit }
      : undefined,
    url: `/propositions/${id}`,
    pageUrl: slugToUrl(pathToSlug(path)),
  };
  return { proposal, source, baseSource };
}

/** The proposal with this id, whatever its state; undefined when there is none. */
export async function readProposal({ dir, id }: { dir: string; id: string }): Promise<ProposalWithSource | undefined> {
  for (const state of proposalStates) {
    const found = await readIn(dir, state, id);
    if (found) return found;
  }
  return undefined;
}

/** Every proposal in the given states (each id once, states in `proposalStates` order), newest first. */
export async function listProposals({ dir, states }: { dir: string; states: readonly ProposalState[] }): Promise<Proposal[]> {
  const out: Proposal[] = [];
  const seen = new Set<string>();
  for (const state of proposalStates.filter((s) => states.includes(s))) {
    for (const id of await listProposalIds({ dir, state })) {
      // Edited again while it was being accepted: the pending part is what matters.
      if (seen.has(id)) continue;
      seen.add(id);
      const found = await readIn(dir, state, id).catch((error: unknown) => console.error(`[relecture] proposition ${id} illisible`, error));
      if (found) out.push(found.proposal);
    }
  }
  return out.sort((a, b) => b.date.localeCompare(a.date));
}
