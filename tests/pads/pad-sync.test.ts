import { afterEach, describe, expect, it } from 'vitest';
import { connect, startServer, synced, tempDir, waitFor } from './helpers.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function server(dir?: string) {
  const started = await startServer({ dir: dir ?? (await tempDir()) });
  cleanups.push(() => started.close());
  return started;
}
function client(url: string, pad: string, params: Record<string, string>) {
  const c = connect(url, pad, params);
  cleanups.push(() => c.destroy());
  return c;
}

describe('pad sync', () => {
  it('two clients converge on the same text', async () => {
    const { url, pads } = await server();
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
    const { url } = await server();
    const a = client(url, 'atelier', { user: 'alice' });
    await synced(a.provider);
    a.text.insert(0, 'Premier paragraphe.\n\nSecond paragraphe.');
    const b = client(url, 'atelier', { user: 'bob' });
    await synced(b.provider);
    await waitFor(() => b.text.toString() === a.text.toString(), 5000, 'late join');
  });

  it('content survives a restart of the pad server', async () => {
    const dir = await tempDir();
    const first = await server(dir);
    const a = client(first.url, 'journal', { user: 'alice' });
    await synced(a.provider);
    a.text.insert(0, 'Ce qui a été dit reste.');
    await waitFor(async () => (await first.pads.getText('journal')) === a.text.toString(), 5000, 'server text');
    a.destroy();
    await first.close();
    const second = await server(dir);
    expect(await second.pads.getText('journal')).toBe('Ce qui a été dit reste.');
    const b = client(second.url, 'journal', { user: 'bob' });
    await synced(b.provider);
    expect(b.text.toString()).toBe('Ce qui a été dit reste.');
  });
});
