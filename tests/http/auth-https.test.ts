import { afterAll, beforeAll, expect, it } from 'vitest';
import { browser, csrfIn, startAuthHub, type AuthTestHub } from './auth-helpers.ts';

let gare: AuthTestHub;
beforeAll(async () => {
  gare = await startAuthHub({ publicUrl: 'https://gare.exemple.org/' });
});
afterAll(() => gare?.stop());

it('marks cookies Secure and hands out links on the public HTTPS address when the hub is public over HTTPS', async () => {
  const admin = browser(gare.url);
  const token = (await gare.hub.accounts.createFirstAdminToken())!;
  const created = await admin.postForm('/api/first-admin', { token, name: 'Alice Admin', email: 'alice@exemple.fr', password: 'une gare bien tenue' });
  expect(created.headers.getSetCookie().find((c) => c.startsWith('gare_session='))).toMatch(/;\s*Secure/i);

  const csrf = csrfIn(await (await admin.get('/admin')).text());
  const invited = await admin.postForm('/api/invitations', { _csrf: csrf, role: 'equipe' });
  const linkCookie = invited.headers.getSetCookie().find((c) => c.startsWith('gare_lien='));
  expect(linkCookie).toMatch(/;\s*Secure/i);
  expect(linkCookie).toMatch(/;\s*Path=\/admin/i);
  expect(await (await admin.get('/admin')).text()).toContain('value="https://gare.exemple.org/invitation?jeton=');
});
