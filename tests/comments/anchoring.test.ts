import { describe, expect, it } from 'vitest';
import { compact, contextOf, locatePassage } from '../../server/comments/anchoring.ts';
import { headingsOf, htmlText } from '../../server/comments/html-text.ts';

const page = compact('Le mardi, l’équipe se réunit. On prépare l’atelier. Le mardi, on range la salle.');

describe('a commented passage', () => {
  it('is found again when text is added before and after it', () => {
    const first = locatePassage(page, { quote: 'On prépare l’atelier.' });
    expect(first).toBeDefined();
    const kept = contextOf(page, first!);
    const edited = compact('Nouvelle intro. Le mardi, l’équipe se réunit vite. On prépare l’atelier. Fin ajoutée. Le mardi, on range la salle.');
    const again = locatePassage(edited, { quote: 'On prépare l’atelier.', ...kept });
    expect(edited.slice(again!.start, again!.end)).toBe(compact('On prépare l’atelier.'));
  });

  it('tells two copies of the same words apart by the text around them', () => {
    const second = page.lastIndexOf(compact('Le mardi,'));
    const kept = contextOf(page, { start: second, end: second + compact('Le mardi,').length });
    const edited = compact('Avant. ') + page;
    expect(locatePassage(edited, { quote: 'Le mardi,', ...kept })?.occurrence).toBe(1);
    expect(locatePassage(edited, { quote: 'Le mardi,' })?.occurrence).toBe(0);
  });

  it('ignores how blanks and line breaks fall, as a browser selection across paragraphs does', () => {
    expect(locatePassage(page, { quote: 'se réunit.\n\nOn   prépare' })).toBeDefined();
  });

  it('is not found once its words are gone', () => {
    expect(locatePassage(page, { quote: 'On prépare la fête.' })).toBeUndefined();
    expect(locatePassage(page, { quote: '   ' })).toBeUndefined();
  });
});

describe('the text of rendered HTML', () => {
  it('drops tags and decodes entities', () => {
    expect(htmlText('<p>A &amp; <strong>B</strong>&nbsp;&#233;t&#xE9;</p>').replace(/\s+/g, ' ').trim()).toBe('A & B été');
  });

  it('lists headings with their ids and text', () => {
    expect(headingsOf('<h2 id="prochaines-etapes">Prochaines <em>étapes</em></h2><p>x</p><h3 id="b">B</h3>')).toEqual([
      { id: 'prochaines-etapes', text: 'Prochaines étapes' },
      { id: 'b', text: 'B' },
    ]);
  });
});
