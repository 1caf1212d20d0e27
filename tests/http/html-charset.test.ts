/** Issue 9: every HTML answer names its charset, or a browser may guess the encoding of a page. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type TestSession } from '../helpers/people.ts';
import { startTestHub, type TestHub } from '../helpers/start-hub.ts';

let gare: TestHub;
let contributor: TestSession;

beforeAll(async () => {
  gare = await startTestHub();
  contributor = await signIn(gare.hub, 'contributeur', 'Léa Contributrice');
});
afterAll(() => gare?.stop());

async function contentType(pathname: string, cookie?: string): Promise<{ status: number; type: string | null }> {
  const res = await fetch(new URL(pathname, gare.url), { redirect: 'manual', headers: cookie ? { cookie } : {} });
  await res.arrayBuffer();
  return { status: res.status, type: res.headers.get('content-type') };
}

describe('the content type of HTML answers', () => {
  it('says utf-8 on a page', async () => {
    expect(await contentType('/')).toEqual({ status: 200, type: 'text/html; charset=utf-8' });
    expect(await contentType('/sommaire')).toEqual({ status: 200, type: 'text/html; charset=utf-8' });
  });

  it('says utf-8 on a missing page', async () => {
    expect(await contentType('/wiki/cette-page-n-existe-pas')).toEqual({ status: 404, type: 'text/html; charset=utf-8' });
    expect(await contentType('/historique/cette-page-n-existe-pas')).toEqual({ status: 404, type: 'text/html; charset=utf-8' });
  });

  it('says utf-8 on an error page', async () => {
    expect(await contentType('/admin', contributor.cookie)).toEqual({ status: 403, type: 'text/html; charset=utf-8' });
  });

  it('leaves other types alone', async () => {
    const res = await fetch(new URL('/api/search?q=x', gare.url));
    await res.arrayBuffer();
    expect(res.headers.get('content-type')).not.toMatch(/^text\/html/);
  });
});
