/** A contributor's new page in a reviewed section: a proposal that adds the file, at a path no page or proposal holds. */
import { InvalidInput } from '../errors.ts';
import type { Viewer } from '../access/viewer.ts';
import { readHead } from '../git/head.ts';
import type { EditingService } from '../editing/editing-service.ts';
import { prepareNewPage, type NewPageInput } from '../editing/new-page.ts';
import { uniquePagePath } from '../editing/page-locations.ts';
import { slugify } from '../wiki/paths.ts';
import { listProposals } from './proposal-read.ts';
import { formatProposalMessage, newProposalId, proposalRef } from './proposal-refs.ts';
import { moveRef } from '../git/refs.ts';
import type { ProposalAnswer } from './propose-save.ts';
import { writeDetachedCommit } from '../git/detached-commit.ts';

/** Options of `proposeCreate`. */
export interface ProposeCreateOptions extends NewPageInput {
  /** Editing dependencies. */
  deps: EditingService;
  /** The contributor. */
  viewer: Viewer;
  /** Folder of the new page (already cleaned). */
  section: string;
}

/** Records a new page as a proposal made against main's HEAD. */
export async function proposeCreate(options: ProposeCreateOptions): Promise<ProposalAnswer> {
  const { deps, viewer, title, section } = options;
  const { author, source, subject } = await prepareNewPage({ deps, viewer, input: options });
  for (let attempt = 1; attempt <= 8; attempt++) {
    const head = await readHead(deps.dir);
    if (!head) throw new InvalidInput('Le wiki est vide : la page ne peut pas encore être proposée.');
    // Two pending proposals for the same new path would collide when the second is accepted.
    const proposed = new Set((await listProposals({ dir: deps.dir, states: ['pending'] })).map((p) => p.path));
    const path = uniquePagePath({ dir: deps.dir, section, slug: slugify(title), taken: (p) => deps.index.get(p) !== undefined || proposed.has(p) });
    const id = newProposalId(title, deps.now());
    const message = formatProposalMessage(subject, { id, page: path, base: head, action: 'creation' });
    const oid = await writeDetachedCommit({ dir: deps.dir, parent: head, files: [{ path, content: source }], author, message, now: deps.now() });
    if (await moveRef({ dir: deps.dir, ref: proposalRef('pending', id), expected: undefined, value: oid })) {
      return { proposal: { id, url: `/propositions/${id}` }, path, version: oid, merged: false, changed: true };
    }
  }
  throw new InvalidInput('La proposition n’a pas pu être enregistrée : réessayez dans un instant.');
}
