/** French words for proposals, shared by the API messages and the site. No `node:` import. */
import type { ProposalState } from './proposal-refs.ts';

/** State labels. */
export const proposalStateLabels: Readonly<Record<ProposalState, string>> = {
  pending: 'En attente de relecture',
  accepted: 'Acceptée',
  rejected: 'Refusée',
};

/** The states as they appear in the site's URLs (`/propositions?etat=refusees`). */
export const stateSlugs: Readonly<Record<string, ProposalState | 'all'>> = {
  'en-attente': 'pending',
  acceptees: 'accepted',
  refusees: 'rejected',
  toutes: 'all',
};
