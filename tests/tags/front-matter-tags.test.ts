import { describe, expect, it } from 'vitest';
import { readTagList, renameInList, replaceTags } from '../../server/tags/front-matter-tags.ts';
import { tagKey } from '../../server/wiki/paths.ts';

const from = tagKey('Pôle Emploi');

describe('renaming a tag inside a list', () => {
  it.each([
    [['CAE', 'Pôle Emploi', 'RGPD'], ['CAE', 'France Travail', 'RGPD']],
    [['pole emploi'], ['France Travail']],
    [['Pôle-Emploi', 'CAE'], ['France Travail', 'CAE']],
    [['Pôle Emploi', 'France Travail', 'RGPD'], ['France Travail', 'RGPD']],
    [['france travail', 'CAE', 'POLE EMPLOI'], ['France Travail', 'CAE']],
  ])('turns %j into %j (every spelling counts, the target is written once)', (tags, expected) => {
    expect(renameInList({ tags, from, to: 'France Travail' })).toEqual(expected);
  });

  it('leaves a page without the tag alone', () => {
    expect(renameInList({ tags: ['France Travail', 'CAE'], from, to: 'France Travail' })).toBeUndefined();
  });

  it('reads tags written as a list or as comma-separated text', () => {
    expect(readTagList(['a', 2, ' b '])).toEqual(['a', '2', 'b']);
    expect(readTagList('a, b,, c')).toEqual(['a', 'b', 'c']);
    expect(readTagList(undefined)).toEqual([]);
  });
});

describe('writing the new tags into a page file', () => {
  const body = '\n# Titre\n\nUn texte avec tags: [faux] dans le corps.\n';

  it('changes only the tags line of a flow list', () => {
    const source = `---\ntitle: "Réunion du 10 février"\ntype: reunion\ntags: [réunion d'équipe, Pôle Emploi]\ndate: 2026-02-10\nparticipants:   [Awa,  Inès]\n---\n${body}`;
    const next = replaceTags(source, ["réunion d'équipe", 'France Travail']);
    expect(next).toBe(source.replace('Pôle Emploi]', 'France Travail]'));
  });

  it('keeps a block list as a block list with its indentation', () => {
    const source = `---\ntitle: Page\ntags:\n  - Pôle Emploi\n  - CAE\n# un commentaire\nvisibility: equipe\n---\n${body}`;
    expect(replaceTags(source, ['France Travail', 'CAE'])).toBe(`---\ntitle: Page\ntags:\n  - France Travail\n  - CAE\n# un commentaire\nvisibility: equipe\n---\n${body}`);
  });

  it('handles a zero-indent block list, comma text and Windows line ends', () => {
    const block = `---\ntags:\n- Pôle Emploi\n- '1234'\ntitle: T\n---\n${body}`;
    expect(replaceTags(block, ['France Travail', '1234'])).toBe(`---\ntags:\n- France Travail\n- '1234'\ntitle: T\n---\n${body}`);
    const text = `---\ntitle: T\ntags: Pôle Emploi, CAE\n---\n${body}`;
    expect(replaceTags(text, ['France Travail', 'CAE'])).toBe(`---\ntitle: T\ntags: [France Travail, CAE]\n---\n${body}`);
    const crlf = '---\r\ntitle: T\r\ntags: [Pôle Emploi]\r\n---\r\n\r\nCorps\r\n';
    expect(replaceTags(crlf, ['France Travail'])).toBe('---\r\ntitle: T\r\ntags: [France Travail]\r\n---\r\n\r\nCorps\r\n');
  });

  it('quotes labels YAML would misread', () => {
    const source = `---\ntitle: T\ntags: [x]\n---\n${body}`;
    expect(replaceTags(source, ['a: b', '#n', 'oui'])).toBe(`---\ntitle: T\ntags: ['a: b', '#n', oui]\n---\n${body}`);
  });
});
