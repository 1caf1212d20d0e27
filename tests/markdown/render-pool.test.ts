import { afterEach, describe, expect, it } from 'vitest';
import { createRenderPool, type RenderPool } from '../../server/markdown/render-pool.ts';

let pool: RenderPool | undefined;
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

describe('the render pool', () => {
  it('renders in a worker and answers links from the main thread, including links the index did not know', async () => {
    pool = createRenderPool({ size: 1 });
    const asked: string[] = [];
    const rendered = await pool.render({
      source: '# Titre\n\nVoir [[Fiche connue]] et [[Fiche nouvelle]].',
      path: 'ressources/page.md',
      expected: [{ kind: 'wiki', target: 'Fiche connue' }],
      resolve: (link) => {
        asked.push(link.target);
        return { kind: 'page', url: `/wiki/${link.target.toLowerCase().replace(/\s+/g, '-')}`, title: link.target };
      },
    });
    expect(rendered.html).toContain('href="/wiki/fiche-connue"');
    expect(rendered.html).toContain('href="/wiki/fiche-nouvelle"');
    expect(asked).toEqual(['Fiche connue', 'Fiche nouvelle']);
    expect(rendered.headings[0]?.text).toBe('Titre');
  });

  it('shows a page as text with a French notice when rendering takes too long, and keeps serving', async () => {
    pool = createRenderPool({ size: 1, timeoutMs: 1 });
    const slow = await pool.render({ source: `${'[a]('.repeat(20_000)}\n\n<b>gras</b>` });
    expect(slow.problems.map((p) => p.ruleId)).toEqual(['gare:too-complex']);
    expect(slow.html).toContain('texte brut');
    expect(slow.html).toContain('&lt;b&gt;gras&lt;/b&gt;');
    await pool.close();
    pool = createRenderPool({ size: 1 });
    expect((await pool.render({ source: 'Un *mot*.' })).html).toContain('<em>mot</em>');
  });

  it('answers every request queued when it closes', async () => {
    pool = createRenderPool({ size: 1 });
    const pending = [pool.render({ source: 'a' }), pool.render({ source: 'b' }), pool.render({ source: 'c' })];
    await pool.close();
    const results = await Promise.all(pending);
    expect(results).toHaveLength(3);
  });

  it('answers a render asked after it closed (the shutdown never waits on it)', async () => {
    pool = createRenderPool({ size: 1 });
    await pool.close();
    expect((await pool.render({ source: 'Après la fermeture' })).html).toContain('le serveur s’arrête');
  });
});
