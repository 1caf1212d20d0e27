/**
 * A contributor's save in a reviewed section: the same merge as a direct save, but the result
 * becomes a commit on the contributor's open proposal for that page (a new one on main's HEAD
 * when there is none), and main is left alone.
 */
import { InvalidInput } from '../errors.ts';
import { readHead } from '../git/head.ts';
import { cleanMessage, quoteTitle } from '../editing/commit-message.ts';
import { authorOf, loadWritablePage, requireSave } from '../editing/page-access.ts';
import { buildPageSource, frontMatterOf, normalizeSource } from '../editing/page-source.ts';
import type { SavePageOptions } from '../editing/save-page.ts';
import { mergeEdit, requireBaseVersion } from '../editing/merge-edit.ts';
import { readFileAtCommit } from '../git/read-version.ts';
import { parsePage } from '../wiki/parse-page.ts';
import { listProposals, readProposal, type ProposalWithSource } from './proposal-read.ts';
import { formatProposalMessage, newProposalId, proposalRef } from './proposal-refs.ts';
import { moveRef } from '../git/refs.ts';
import { writeDetachedCommit } from '../git/detached-commit.ts';

/** What a reviewed save or creation answers. */
export interface ProposalAnswer {
  /** The proposal written to (undefined: nothing differed, nothing written). */
  proposal: { id: string; url: string } | undefined;
  /** Page path. */
  path: string;
  /** Commit a next save may start from: the proposal's latest commit (or main's HEAD when nothing was proposed). */
  version: string | undefined;
  /** True when the edit was merged with a change made meanwhile. */
  merged: boolean;
  /** True when a proposal commit was written. */
  changed: boolean;
}

/** Options of `proposeSave`: those of a direct save; `baseVersion` may also be the proposal's latest commit. */
export type ProposeSaveOptions = SavePageOptions;

const maxAttempts = 8;

/** The contributor's open proposal for a page, if any. */
export async function findOpenProposal({ dir, path, email }: { dir: string; path: string; email: string }): Promise<ProposalWithSource | undefined> {
  const open = await listProposals({ dir, states: ['pending'] });
  const mine = open.find((p) => p.path === path && p.author.email.toLowerCase() === email.toLowerCase());
  return mine ? readProposal({ dir, id: mine.id }) : undefined;
}

/** Records a contributor's edit of an existing page as a proposal; overlapping edits throw SaveConflict. */
export async function proposeSave(options: ProposeSaveOptions): Promise<ProposalAnswer> {
  const { deps, viewer, fields, body, baseVersion } = options;
  const { dir } = deps;
  requireBaseVersion(baseVersion);
  const author = authorOf(viewer);
  for (let attempt = 1; ; attempt++) {
    const head = await readHead(dir);
    if (!head) throw new InvalidInput('Le wiki est vide : la page ne peut pas encore être proposée.');
    const stored = await loadWritablePage({ dir, head, path: options.path, viewer });
    const open = await findOpenProposal({ dir, path: stored.path, email: author.email });
    const startSource = open ? open.source : stored.source;
    const startVersion = open ? open.proposal.tip : head;
    const mine = buildPageSource({ fields, body, keep: frontMatterOf(startSource) });
    const current = normalizeSource(startSource);
    const { final, merged } = await mergeEdit({
      mine,
      theirs: startSource,
      baseVersion,
      currentVersion: startVersion,
      readBase: async () => (await readFileAtCommit({ dir, oid: baseVersion, path: stored.path }).catch(() => undefined)) ?? '',
      labels: open ? { theirs: 'votre proposition en attente' } : undefined,
      conflictMessage: 'La page a changé pendant que vous l’éditiez, aux mêmes endroits. Rien n’a été enregistré : comparez les deux versions, gardez ce qu’il faut, puis enregistrez à nouveau.',
    });
    requireSave(viewer, stored.page.meta, parsePage({ path: stored.path, source: final, settings: stored.settings }).meta);
    const link = open ? { id: open.proposal.id, url: open.proposal.url } : undefined;
    if (final === startSource || final === current) return { proposal: link, path: stored.path, version: startVersion, merged: false, changed: false };
    const id = open?.proposal.id ?? newProposalId(fields.title, deps.now());
    const subject = cleanMessage(options.message, `Modification de ${quoteTitle(fields.title)}`);
    const trailers = { id, page: stored.path, base: open?.proposal.base ?? head, action: open?.proposal.action ?? ('modification' as const) };
    const oid = await writeDetachedCommit({ dir, parent: startVersion, files: [{ path: stored.path, content: final }], author, message: formatProposalMessage(subject, trailers), now: deps.now() });
    if (await moveRef({ dir, ref: proposalRef('pending', id), expected: open?.proposal.tip, value: oid })) {
      return { proposal: { id, url: `/propositions/${id}` }, path: stored.path, version: oid, merged, changed: true };
    }
    // Another save of the same proposal landed first: decide again on top of it.
    if (attempt >= maxAttempts) throw new InvalidInput('La proposition est modifiée ailleurs en même temps : réessayez dans un instant.');
  }
}
