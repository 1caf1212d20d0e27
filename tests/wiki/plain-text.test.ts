import { describe, expect, it } from 'vitest';
import { excerpt, markdownToText, markdownToTextCounted } from '../../server/wiki/plain-text.ts';
import { pathologicalBodies } from './pathological-inputs.ts';

describe('markdownToText', () => {
  it('keeps the words of links, images, wiki links and drops the syntax', () => {
    const body = '# Titre\n\nVoir [la doc](a.md), ![un schéma](s.png), [[Statuts|les statuts]] et [[Charte]].\n\n- [ ] **gras** <b>x</b>';
    expect(markdownToText(body)).toBe('Titre\nVoir la doc, un schéma, les statuts et Charte.\n gras x');
  });

  it('keeps brackets that open nothing', () => {
    expect(markdownToText('[a [b](c) [[d] e]] [f|]] ![g')).toBe('a [b [[d] e]] [f ]] ![g');
  });

  // Each of these once rescanned the rest of the line from every `[`: 40,000 `[` took seconds.
  it.each(pathologicalBodies())('takes steps linear in the length for $name ($size characters)', ({ body }) => {
    const { steps } = markdownToTextCounted(body);
    expect(steps).toBeLessThanOrEqual(20 * body.length);
  });

  it('gives an excerpt of a pathological body promptly, cut at the length asked', () => {
    const body = '['.repeat(200_000);
    expect(excerpt(body, 160).length).toBeLessThanOrEqual(162);
    expect(excerpt(`# Titre\nUn texte [avec](lien.md) des mots.`, 160)).toBe('Un texte avec des mots.');
  });
});
