/** Creates accounts and sessions straight in the store, for tests that need a logged-in person. */
import type { Hub } from '../../server/hub/create-hub.ts';
import type { Role } from '../../server/access/viewer.ts';

/** A logged-in test person: the cookie header to send and the CSRF token of the session. */
export interface TestSession {
  /** `gare_session=…` */
  cookie: string;
  /** CSRF token to send as X-CSRF-Token. */
  csrf: string;
  /** Account id. */
  id: string;
  /** Display name. */
  name: string;
  /** E-mail. */
  email: string;
}

let counter = 0;

/** Makes sure an admin exists and returns its session. */
async function ensureAdmin(hub: Hub): Promise<TestSession> {
  const token = await hub.accounts.createFirstAdminToken();
  const email = `admin${++counter}@exemple.org`;
  if (token) {
    const account = await hub.accounts.acceptInvitation({ token, name: 'Alice Admin', email, password: 'correct horse battery' });
    return sessionOf(hub, account.person);
  }
  const admin = (await hub.accounts.listPeople()).find((p) => p.role === 'admin' && p.active);
  if (!admin) throw new Error('no admin');
  return sessionOf(hub, admin);
}

async function sessionOf(hub: Hub, person: { id: string; name: string; email: string }): Promise<TestSession> {
  const s = await hub.accounts.createSession({ userId: person.id });
  return { cookie: `gare_session=${s.sessionId}`, csrf: s.csrf, id: person.id, name: person.name, email: person.email };
}

/** Creates a person with `role` (through an admin's invitation) and logs them in. */
export async function signIn(hub: Hub, role: Exclude<Role, 'visiteur'>, name = `Personne ${++counter}`): Promise<TestSession> {
  const admin = await ensureAdmin(hub);
  if (role === 'admin' && name.startsWith('Personne')) return admin;
  const { token } = await hub.accounts.createInvitation({ role, invitedBy: admin.id });
  const email = `p${++counter}-${role}@exemple.org`;
  const account = await hub.accounts.acceptInvitation({ token, name, email, password: 'un mot de passe solide' });
  return sessionOf(hub, account.person);
}
