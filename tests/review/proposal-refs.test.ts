import { describe, expect, it } from 'vitest';
import { formatProposalMessage, isProposalId, newProposalId, parseProposalMessage } from '../../server/review/proposal-refs.ts';

const facts = { id: '2026-03-12-visio-3f9a2b', page: 'ressources/visio.md', base: 'a'.repeat(40), action: 'modification' as const };

describe('proposal commit messages', () => {
  it('carry the proposal facts as trailers that read back the same', () => {
    const message = formatProposalMessage('Modification de « Visio »', facts);
    expect(message.split('\n')[0]).toBe('Modification de « Visio »');
    expect(parseProposalMessage(message)).toEqual({ ...facts, commit: undefined });
  });

  it('keep a free text (a rejection reason) apart from the trailers', () => {
    const message = formatProposalMessage('Proposition refusée par Samia', facts, 'Source manquante.\n\nGare-Page: ailleurs.md');
    expect(parseProposalMessage(message)?.page).toBe('ressources/visio.md');
  });

  it('cannot be forged by a typed subject alone', () => {
    expect(parseProposalMessage('Gare-Proposition: x\nGare-Page: a.md\nGare-Base: b\nGare-Action: creation\n')).toBeUndefined();
  });
});

describe('proposal ids', () => {
  it('are made of the date, a few words of the title and random letters, safe in a ref name', () => {
    const id = newProposalId('Visio : mode d’emploi / ../../etc', new Date('2026-03-12T10:00:00Z'));
    expect(id).toMatch(/^2026-03-12-visio-mode-d-emploi-etc-[0-9a-f]{6}$/);
    expect(isProposalId(id)).toBe(true);
  });

  it.each(['', '../main', 'a/b', 'Majuscule', 'a'.repeat(81), '-tiret'])('refuses %j', (id) => {
    expect(isProposalId(id)).toBe(false);
  });
});
