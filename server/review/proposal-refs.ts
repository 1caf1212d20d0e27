/**
 * Where proposals live in git. A pending proposal is a branch `propositions/<id>` whose first
 * commit's parent is the main commit it was made against; each later edit adds a commit on it.
 * A decided proposal is kept, never deleted, under `propositions-acceptees/<id>` or
 * `propositions-refusees/<id>`, pointing at a marker commit (same tree) that names who decided.
 * Facts about a proposal are trailers of its commits' messages (`Gare-Page: ressources/visio.md`).
 */
import { randomBytes } from 'node:crypto';
import { listRefNames, resolveRefOid } from '../git/refs.ts';
import { slugify } from '../wiki/paths.ts';

/** The three states of a proposal. */
export const proposalStates = ['pending', 'accepted', 'rejected'] as const;
/** A proposal's state. */
export type ProposalState = (typeof proposalStates)[number];

/** Branch folder of each state. */
export const stateFolders: Readonly<Record<ProposalState, string>> = {
  pending: 'refs/heads/propositions',
  accepted: 'refs/heads/propositions-acceptees',
  rejected: 'refs/heads/propositions-refusees',
};

/** Full ref name of a proposal in a state. */
export function proposalRef(state: ProposalState, id: string): string {
  return `${stateFolders[state]}/${id}`;
}

const idPattern = /^[a-z0-9][a-z0-9-]{0,79}$/;

/** True for a well-formed proposal id (ids come from URLs: nothing else reaches a ref name). */
export function isProposalId(id: string): boolean {
  return idPattern.test(id);
}

/** A new id: date, a few words of the title, and random letters (`2026-03-12-visio-3f9a`). */
export function newProposalId(title: string, now: Date): string {
  return `${now.toISOString().slice(0, 10)}-${slugify(title, 30)}-${randomBytes(3).toString('hex')}`;
}

/** Facts a proposal commit carries as trailers. */
export interface ProposalTrailers {
  /** Proposal id. */
  id: string;
  /** Page path. */
  page: string;
  /** Main commit the proposal was made against (the merge base when accepted). */
  base: string;
  /** New page or change of an existing one. */
  action: 'creation' | 'modification';
  /** Main commit that took the proposal in (accepted marker only). */
  commit?: string | undefined;
}

const keys: Readonly<Record<keyof ProposalTrailers, string>> = { id: 'Gare-Proposition', page: 'Gare-Page', base: 'Gare-Base', action: 'Gare-Action', commit: 'Gare-Commit' };

/** A commit message: subject, optional free text, then the trailers paragraph. */
export function formatProposalMessage(subject: string, trailers: ProposalTrailers, text?: string): string {
  const lines = (Object.keys(keys) as (keyof ProposalTrailers)[])
    .filter((k) => trailers[k] !== undefined)
    .map((k) => `${keys[k]}: ${String(trailers[k]).replace(/\s+/g, ' ')}`);
  const middle = text?.trim() ? `\n\n${text.trim()}` : '';
  return `${subject.replace(/\s+/g, ' ').trim()}${middle}\n\n${lines.join('\n')}\n`;
}

/** The trailers of a message, from its last paragraph only (a typed subject cannot forge them). */
export function parseProposalMessage(message: string): ProposalTrailers | undefined {
  const paragraphs = message.trim().split(/\n\s*\n/);
  if (paragraphs.length < 2) return undefined;
  const found = new Map<string, string>();
  for (const line of (paragraphs.at(-1) ?? '').split('\n')) {
    const m = /^(Gare-[A-Za-z]+):\s*(.*)$/.exec(line.trim());
    if (m?.[1] && m[2] !== undefined) found.set(m[1], m[2].trim());
  }
  const id = found.get(keys.id);
  const page = found.get(keys.page);
  const base = found.get(keys.base);
  const action = found.get(keys.action);
  if (!id || !page || !base || (action !== 'creation' && action !== 'modification')) return undefined;
  return { id, page, base, action, commit: found.get(keys.commit) };
}

/** Ids of the proposals in a state. */
export async function listProposalIds({ dir, state }: { dir: string; state: ProposalState }): Promise<string[]> {
  const names = await listRefNames({ dir, folder: stateFolders[state] });
  return names.filter(isProposalId);
}

/** Commit a proposal ref points at, if it exists. */
export async function resolveProposal({ dir, state, id }: { dir: string; state: ProposalState; id: string }): Promise<string | undefined> {
  return resolveRefOid({ dir, ref: proposalRef(state, id) });
}
