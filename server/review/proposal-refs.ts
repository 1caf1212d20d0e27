/**
 * Where proposals live in git. A pending proposal is a branch `propositions/<id>` whose first
 * commit's parent is the main commit it was made against; each later edit adds a commit on it.
 * A decided proposal is kept, never deleted, under `propositions-acceptees/<id>` or
 * `propositions-refusees/<id>`, pointing at a marker commit (same tree) that names who decided.
 * Facts about a proposal are trailers of its commits' messages (`Gare-Page: ressources/visio.md`).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import git from 'isomorphic-git';
import { acquireRepoLock } from '../git/repo-lock.ts';
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
  const names = await git.listRefs({ fs, dir, filepath: stateFolders[state] }).catch(() => [] as string[]);
  return names.filter(isProposalId);
}

/** Commit a proposal ref points at, if it exists. */
export async function resolveProposal({ dir, state, id }: { dir: string; state: ProposalState; id: string }): Promise<string | undefined> {
  return git.resolveRef({ fs, dir, ref: proposalRef(state, id) }).catch(() => undefined);
}

/** Options of `moveRef`. */
export interface MoveRefOptions {
  /** Repository. */
  dir: string;
  /** Full ref name. */
  ref: string;
  /** Where the ref must still point (undefined: must not exist). */
  expected: string | undefined;
  /** New value; undefined deletes the ref. */
  value: string | undefined;
}

/**
 * Compare-and-set of a ref under the repository lock: false (and nothing changed) when someone
 * moved it meanwhile, so two edits of one proposal never drop each other's commit.
 */
export async function moveRef({ dir, ref, expected, value }: MoveRefOptions): Promise<boolean> {
  const release = await acquireRepoLock({ dir });
  try {
    const current = await git.resolveRef({ fs, dir, ref }).catch(() => undefined);
    if (current !== expected) return false;
    if (value === undefined) await git.deleteRef({ fs, dir, ref });
    else await git.writeRef({ fs, dir, ref, value, force: true });
    return true;
  } finally {
    await release();
  }
}
