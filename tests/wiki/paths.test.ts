import { describe, expect, it } from 'vitest';
import { foldText, isPagePath, resolveRelative, slugify, slugToUrl, tagKey, urlToSlug } from '../../server/wiki/paths.ts';
import type { PageSlug } from '../../server/wiki/paths.ts';

describe('slugs and paths', () => {
  it.each([
    ['Compte-rendu — entretien du 12 mars', 'compte-rendu-entretien-du-12-mars'],
    ['L’écriture à plusieurs', 'l-ecriture-a-plusieurs'],
    ['Œuvres & cœur', 'oeuvres-coeur'],
    ['../../etc/passwd', 'etc-passwd'],
    ['<script>alert(1)</script>', 'script-alert-1-script'],
    ['!!!', 'page'],
  ])('slugify(%j) is %j', (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });

  it.each([
    ['ressources/visio.md', true],
    ['visio.md', true],
    ['../visio.md', false],
    ['ressources/../visio.md', false],
    ['.git/config.md', false],
    ['_modeles/reunion.md', false],
    ['ressources/visio.txt', false],
    ['a//b.md', false],
  ])('isPagePath(%j) is %s', (path, ok) => {
    expect(isPagePath(path)).toBe(ok);
  });

  it('compares tags without case, accents or punctuation', () => {
    expect(tagKey('Pôle Emploi')).toBe(tagKey('pole-emploi'));
    expect(tagKey('PÔLE   EMPLOI')).toBe('pole-emploi');
    expect(foldText('Écriture collaborative')).toBe('ecriture collaborative');
  });

  it('round-trips page URLs and refuses traversal', () => {
    const slug = 'ressources/réunion d’équipe' as PageSlug;
    const url = slugToUrl(slug);
    expect(url).toBe('/wiki/ressources/r%C3%A9union%20d%E2%80%99%C3%A9quipe');
    expect(urlToSlug(url.slice('/wiki/'.length))).toBe(slug);
    expect(urlToSlug('..%2F..%2Fsecret')).toBeUndefined();
    expect(urlToSlug('%E0%A4%A')).toBeUndefined();
  });

  it('resolves relative links inside the repository only', () => {
    expect(resolveRelative('ressources/a.md' as never, '../outils/visio.md')).toBe('outils/visio.md');
    expect(resolveRelative('ressources/a.md' as never, './b.md')).toBe('ressources/b.md');
    expect(resolveRelative('a.md' as never, '../../x.md')).toBeUndefined();
  });
});
