import { expect, it } from 'vitest';
import { describeEachStore } from '../helpers/stores.ts';
import { synced, usePadCleanups, waitFor } from './helpers.ts';

describeEachStore('pad sync', (open) => {
  // After the store opener: servers close before their stores.
  const { server, client } = usePadCleanups();

  it('two clients converge on the same text', async () => {
    const { url, pads } = await server({ store: await open() });
    const a = client(url, 'reunion-hebdo', { user: 'alice' });
    const b = client(url, 'reunion-hebdo', { user: 'bob' });
    await Promise.all([synced(a.provider), synced(b.provider)]);
    a.text.insert(0, 'Ordre du jour\n');
    b.text.insert(0, '# Réunion\n');
    await waitFor(() => a.text.toString() === b.text.toString() && a.text.length > 20, 5000, 'convergence');
    expect(a.text.toString()).toContain('Ordre du jour');
    expect(a.text.toString()).toContain('# Réunion');
    await waitFor(() => a.text.toString().length === 24);
    expect(await pads.getText('reunion-hebdo')).toBe(a.text.toString());
  });

  it('a third client joining later receives the whole text', async () => {
    const { url } = await server({ store: await open() });
    const a = client(url, 'atelier', { user: 'alice' });
    await synced(a.provider);
    a.text.insert(0, 'Premier paragraphe.\n\nSecond paragraphe.');
    const b = client(url, 'atelier', { user: 'bob' });
    await synced(b.provider);
    await waitFor(() => b.text.toString() === a.text.toString(), 5000, 'late join');
  });

  it('content survives a restart of the pad server', async () => {
    const store = await open();
    const first = await server({ store });
    const a = client(first.url, 'journal', { user: 'alice' });
    await synced(a.provider);
    a.text.insert(0, 'Ce qui a été dit reste.');
    await waitFor(async () => (await first.pads.getText('journal')) === a.text.toString(), 5000, 'server text');
    a.destroy();
    await first.close();
    const second = await server({ store });
    expect(await second.pads.getText('journal')).toBe('Ce qui a été dit reste.');
    const b = client(second.url, 'journal', { user: 'bob' });
    await synced(b.provider);
    expect(b.text.toString()).toBe('Ce qui a été dit reste.');
  });
});
