import { describe, expect, it } from 'vitest';
import { safeReturn, withQuery } from '../../server/http/api/auth-urls.ts';

describe('the page a login goes back to', () => {
  it.each([
    ['/admin', '/admin'],
    ['/wiki/accueil?x=1#haut', '/wiki/accueil?x=1#haut'],
    ['//evil.example/x', '/'],
    ['/\\evil.example', '/'],
    ['/\tevil', '/'],
    ['https://evil.example', '/'],
    ['javascript:alert(1)', '/'],
    ['', '/'],
    [undefined, '/'],
    [42, '/'],
  ])('sends %j to %j', (asked, expected) => {
    expect(safeReturn(asked)).toBe(expected);
  });
});

describe('messages carried back to a page', () => {
  it('adds French text to the query, keeps existing parameters and skips empty values', () => {
    const url = withQuery('/connexion?retour=/admin', { erreur: 'Mot de passe incorrect : réessayez.', ok: undefined, jeton: '' });
    const parsed = new URL(url, 'http://x');
    expect(parsed.pathname).toBe('/connexion');
    expect(parsed.searchParams.get('retour')).toBe('/admin');
    expect(parsed.searchParams.get('erreur')).toBe('Mot de passe incorrect : réessayez.');
    expect(parsed.searchParams.has('ok')).toBe(false);
    expect(parsed.searchParams.has('jeton')).toBe(false);
  });
});
