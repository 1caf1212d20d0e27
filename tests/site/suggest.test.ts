import { describe, expect, it } from 'vitest';
import { similarPages } from '../../site/lib/suggest.ts';
import type { WikiReader } from '../../server/reading/wiki-reader.ts';
import type { Page } from '../../server/wiki/page.ts';

const page = (slug: string, title: string, aliases: string[] = []) => ({ slug, meta: { title, aliases } }) as unknown as Page;

/** A reader over `pages` whose `remember` keeps one value per name, as one index version does. */
function readerOf(pages: Page[]) {
  const kept = new Map<string, unknown>();
  let listed = 0;
  const reader = {
    pages: () => (listed++, pages),
    remember: <T>(name: string, compute: () => T): T => {
      if (!kept.has(name)) kept.set(name, compute());
      return kept.get(name) as T;
    },
  } as unknown as WikiReader;
  return { reader, listed: () => listed };
}

describe('« Vouliez-vous dire… » for a missing page', () => {
  const pages = [
    page('ressources/visioconference', 'Visioconférence avec Jitsi'),
    page('ressources/visites', 'Visites de chantier'),
    page('agenda/assemblee-generale', 'Assemblée générale 2026', ['AG']),
    page('tutoriels/tableur', 'Partager un tableur'),
  ];

  it('suggests pages sharing a word or its first four letters, best first', () => {
    const { reader } = readerOf(pages);
    expect(similarPages(reader, 'visioconference jitsi').map((p) => p.slug)).toEqual(['ressources/visioconference', 'ressources/visites']);
    expect(similarPages(reader, 'visiteurs').map((p) => p.slug).sort()).toEqual(['ressources/visioconference', 'ressources/visites']);
    expect(similarPages(reader, 'ag').map((p) => p.slug)).toEqual(['agenda/assemblee-generale']);
    expect(similarPages(reader, 'le de la')).toEqual([]);
  });

  it('reads the pages once per index version, not at every missing page', () => {
    const { reader, listed } = readerOf(pages);
    for (let i = 0; i < 20; i++) similarPages(reader, `page perdue ${i}`);
    expect(listed()).toBe(1);
  });
});
