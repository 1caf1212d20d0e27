import { describe, expect, it } from 'vitest';
import { relativeHref, rewriteLinksTo, rewriteOwnLinks } from '../../server/editing/rewrite-links.ts';
import type { PagePath } from '../../server/wiki/paths.ts';

const move = { from: 'ressources/visio.md' as PagePath, to: 'outils/visioconference.md' as PagePath };
const file = 'tutoriels/debuter.md' as PagePath;

describe('rewriting links to a moved page', () => {
  it.each([
    ['[a](../ressources/visio.md)', '[a](../outils/visioconference.md)'],
    ['[a](../ressources/visio.md#reglages "titre")', '[a](../outils/visioconference.md#reglages "titre")'],
    ['[a](../ressources/visio)', '[a](../outils/visioconference)'],
    ['[a](/wiki/ressources/visio)', '[a](/wiki/outils/visioconference)'],
    ['![p](/fichiers/ressources/visio.fichiers/p.png)', '![p](/fichiers/outils/visioconference.fichiers/p.png)'],
    ['[ref]: ../ressources/visio.md', '[ref]: ../outils/visioconference.md'],
    ['[a](../ressources/visio-2.md) [[Visio]]', '[a](../ressources/visio-2.md) [[Visio]]'],
    ['[a](https://exemple.org/ressources/visio.md)', '[a](https://exemple.org/ressources/visio.md)'],
  ])('%s → %s', (source, expected) => {
    expect(rewriteLinksTo({ file, source, move })).toBe(expected);
  });

  it('leaves links inside fenced code alone', () => {
    const source = '```md\n[a](../ressources/visio.md)\n```\n[b](../ressources/visio.md)\n';
    expect(rewriteLinksTo({ file, source, move })).toBe('```md\n[a](../ressources/visio.md)\n```\n[b](../outils/visioconference.md)\n');
  });

  it('recomputes the moved page’s own relative links from its new folder', () => {
    const source = '[x](../accompagnements/a.md) ![p](visio.fichiers/p.png) [y](/wiki/z)\n';
    const deeper = { from: 'visio.md' as PagePath, to: 'outils/visio.md' as PagePath };
    expect(rewriteOwnLinks({ source, move })).toBe('[x](../accompagnements/a.md) ![p](visioconference.fichiers/p.png) [y](/wiki/z)\n');
    expect(rewriteOwnLinks({ source: '[x](accompagnements/a.md)', move: deeper })).toBe('[x](../accompagnements/a.md)');
  });

  it.each([
    ['a/b.md', 'a/c.md', 'c.md'],
    ['a/b.md', 'd/c.md', '../d/c.md'],
    ['b.md', 'd/c.md', 'd/c.md'],
    ['a/x/b.md', 'a/c.md', '../c.md'],
  ])('relative href from %s to %s is %s', (from, to, expected) => {
    expect(relativeHref(from, to)).toBe(expected);
  });
});
