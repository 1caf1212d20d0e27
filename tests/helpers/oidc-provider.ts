/**
 * A certified OpenID provider (oidc-provider) on a loopback port, with its own minimal login
 * page, accounts with ProConnect- and Keycloak-style claims, and switches to misbehave on purpose
 * (an ID token for another audience, expired codes). Plus a hub started against it.
 */
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Provider, { type Adapter, type AdapterPayload, type ClientMetadata } from 'oidc-provider';
import { ConfigSchema, type Config } from '../../server/config.ts';
import { readSsoConfig } from '../../server/auth/oidc-settings.ts';
import { startGare } from '../../server/main.ts';
import { root, type TestHub } from './start-hub.ts';

/** A person known to the provider. */
export interface ProviderAccount {
  /** Login typed on the provider's form; also the `sub`. */
  login: string;
  /** Password typed on the form. */
  password: string;
  /** Claims released (by scope) besides `sub`. */
  claims: Record<string, unknown>;
}

/** The running provider. */
export interface TestProvider {
  /** Issuer URL (`http://127.0.0.1:<port>`). */
  issuer: string;
  /** Registers a client (a hub). */
  addClient(metadata: ClientMetadata): void;
  /** The next ID token from the token endpoint is re-signed (with the provider's key) after `change`. */
  tamperNextIdToken(change: (payload: Record<string, unknown>) => Record<string, unknown>): void;
  /** Every authorization code issued so far is now past its expiry. */
  expireAuthorizationCodes(): void;
  /** Logs in at the provider without a browser: follows `authorizationUrl`, posts the form, returns the callback URL it sends back to. */
  authorize(authorizationUrl: string, login: string, password?: string): Promise<URL>;
  /** Stops the server. */
  stop(): Promise<void>;
}

/** Sample people: a ProConnect-style agent, a Keycloak-style member with groups and roles. */
export const sampleAccounts: ProviderAccount[] = [
  {
    login: 'camille',
    password: 'mot-de-passe-camille',
    claims: { given_name: 'Camille', usual_name: 'Durand', email: 'camille.durand@mairie.example', uid: 'cd-123', siret: '21750001600019' },
  },
  {
    login: 'sami',
    password: 'mot-de-passe-sami',
    claims: {
      name: 'Sami Benali', given_name: 'Sami', family_name: 'Benali', email: 'sami.benali@mairie.example', email_verified: true,
      groups: ['/Accompagnement', '/Direction des sports'], roles: ['gare-equipe'],
    },
  },
];

function b64url(data: string | Buffer): string {
  return Buffer.from(data).toString('base64url');
}

function resign(token: string, key: KeyObject, change: (p: Record<string, unknown>) => Record<string, unknown>): string {
  const [header = '', payload = ''] = token.split('.');
  const claims = change(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>);
  const input = `${header}.${b64url(JSON.stringify(claims))}`;
  return `${input}.${b64url(sign('sha256', Buffer.from(input), key))}`;
}

/** An in-memory adapter whose entries the test can reach (to expire codes, to add clients). */
function createStore() {
  const entries = new Map<string, AdapterPayload>();
  const key = (model: string, id: string) => `${model}:${id}`;
  class MapAdapter implements Adapter {
    private readonly model: string;
    constructor(model: string) {
      this.model = model;
    }
    async upsert(id: string, payload: AdapterPayload): Promise<void> {
      entries.set(key(this.model, id), { ...payload });
    }
    async find(id: string): Promise<AdapterPayload | undefined> {
      return entries.get(key(this.model, id));
    }
    async findByUid(uid: string): Promise<AdapterPayload | undefined> {
      return [...entries.entries()].find(([k, p]) => k.startsWith(`${this.model}:`) && p.uid === uid)?.[1];
    }
    async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
      return [...entries.entries()].find(([k, p]) => k.startsWith(`${this.model}:`) && p.userCode === userCode)?.[1];
    }
    async consume(id: string): Promise<void> {
      const p = entries.get(key(this.model, id));
      if (p) p.consumed = Math.floor(Date.now() / 1000);
    }
    async destroy(id: string): Promise<void> {
      entries.delete(key(this.model, id));
    }
    async revokeByGrantId(grantId: string): Promise<void> {
      for (const [k, p] of entries) if (p.grantId === grantId) entries.delete(k);
    }
  }
  return { entries, MapAdapter, key };
}

function page(body: string): string {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Fournisseur d’identité de test</title></head><body>${body}</body></html>`;
}

function loginForm(uid: string, error = ''): string {
  return page(`<h1>Fournisseur d’identité de test</h1>${error ? `<p role="alert">${error}</p>` : ''}
<form method="post" action="/interaction/${uid}/login">
<label for="login">Identifiant</label> <input id="login" name="login" autocomplete="username">
<label for="password">Mot de passe</label> <input id="password" name="password" type="password">
<button type="submit">Valider</button></form>`);
}

async function readForm(req: http.IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/** Starts the provider on 127.0.0.1 with `accounts` (the sample ones by default). */
export async function startTestProvider({ accounts = sampleAccounts }: { accounts?: ProviderAccount[] } = {}): Promise<TestProvider> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const issuer = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: createHash('sha256').update(issuer).digest('hex').slice(0, 16), alg: 'RS256', use: 'sig' };
  const store = createStore();
  const byLogin = new Map(accounts.map((a) => [a.login, a]));
  let tamper: ((p: Record<string, unknown>) => Record<string, unknown>) | undefined;

  const provider = new Provider(issuer, {
    adapter: store.MapAdapter,
    jwks: { keys: [jwk] },
    cookies: { keys: ['cle-de-test-des-cookies'] },
    pkce: { required: () => true },
    ttl: { AuthorizationCode: 60, AccessToken: 600, IdToken: 600, Interaction: 600, Grant: 3600, Session: 3600 },
    acrValues: ['eidas1'],
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'given_name', 'family_name'],
      given_name: ['given_name'],
      usual_name: ['usual_name'],
      uid: ['uid'],
      siret: ['siret'],
      groups: ['groups'],
      roles: ['roles'],
    },
    features: {
      devInteractions: { enabled: false },
      jwtUserinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => {
          ctx.body = page(`<h1>Se déconnecter du fournisseur ?</h1>${form}<button type="submit" form="op.logoutForm" value="yes" name="logout">Oui, me déconnecter</button>`);
        },
      },
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx, sub) => {
      const account = byLogin.get(sub);
      return account && { accountId: sub, claims: () => ({ sub, ...account.claims }) };
    },
  });
  provider.use(async (ctx, next) => {
    await next();
    const body = ctx.body as { id_token?: unknown } | undefined;
    if (ctx.path === '/token' && tamper && body && typeof body.id_token === 'string') {
      ctx.body = { ...body, id_token: resign(body.id_token, privateKey, tamper) };
      tamper = undefined;
    }
  });
  const callback = provider.callback();

  server.on('request', (req, res) => {
    const m = /^\/interaction\/([\w-]+)(\/login)?$/.exec(new URL(req.url ?? '/', issuer).pathname);
    if (!m) return void callback(req, res);
    void (async () => {
      const details = await provider.interactionDetails(req, res);
      if (!m[2]) return void res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(loginForm(details.uid));
      const form = await readForm(req);
      const account = byLogin.get(form.get('login') ?? '');
      if (!account || account.password !== form.get('password')) {
        return void res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(loginForm(details.uid, 'Identifiant ou mot de passe incorrect.'));
      }
      const grant = new provider.Grant({ accountId: account.login, clientId: String(details.params['client_id']) });
      grant.addOIDCScope(String(details.params['scope']));
      const grantId = await grant.save();
      await provider.interactionFinished(req, res, { login: { accountId: account.login, acr: 'eidas1' }, consent: { grantId } }, { mergeWithLastSubmission: false });
    })().catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(error));
    });
  });

  return {
    issuer,
    addClient(metadata) {
      store.entries.set(store.key('Client', metadata.client_id), { ...metadata });
    },
    tamperNextIdToken(change) {
      tamper = change;
    },
    expireAuthorizationCodes() {
      for (const [k, p] of store.entries) if (k.startsWith('AuthorizationCode:')) p.exp = Math.floor(Date.now() / 1000) - 60;
    },
    async authorize(authorizationUrl, login, password) {
      const jar = new Map<string, string>();
      let url = new URL(authorizationUrl);
      let init: RequestInit = {};
      for (let hops = 0; hops < 10; hops++) {
        const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
        const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie } });
        for (const set of res.headers.getSetCookie()) {
          const [pair = ''] = set.split(';');
          const eq = pair.indexOf('=');
          jar.set(pair.slice(0, eq), pair.slice(eq + 1));
        }
        const location = res.headers.get('location');
        if (location === null) {
          // The login form: post it.
          if (!/\/interaction\/[\w-]+$/.test(url.pathname)) throw new Error(`provider stopped at ${url.pathname} (${res.status})`);
          const body = new URLSearchParams({ login, password: password ?? byLogin.get(login)?.password ?? '' });
          init = { method: 'POST', body: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
          url = new URL(`${url.pathname}/login`, issuer);
          continue;
        }
        await res.arrayBuffer();
        const next = new URL(location, url);
        if (next.origin !== new URL(issuer).origin) return next;
        url = next;
        init = {};
      }
      throw new Error('too many redirects at the provider');
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Starts a hub (sample wiki) whose single sign-on points at `issuer`; `env` holds other GARE_OIDC_* / GARE_LOCAL_LOGIN values. */
export async function startSsoHub({ issuer, env = {} }: { issuer: string; env?: Record<string, string> }): Promise<TestHub> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'gare-sso-'));
  const raw = ConfigSchema.parse({ GARE_OIDC_ISSUER: issuer, GARE_OIDC_CLIENT_ID: 'gare', GARE_OIDC_CLIENT_SECRET: 'secret-du-hub-de-test', ...env });
  const config: Config = {
    port: 0,
    host: '127.0.0.1',
    dataDir,
    contentDir: path.join(dataDir, 'wiki'),
    seedContent: true,
    publicUrl: undefined,
    remote: undefined,
    ...readSsoConfig(raw),
  };
  const gare = await startGare({ config, root });
  await gare.hub.historyReady;
  return {
    ...gare,
    dataDir,
    async stop() {
      await gare.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Client metadata of a hub at the provider (secret as in `startSsoHub`). */
export function hubClient(hubUrl: string, extra: Partial<ClientMetadata> = {}): ClientMetadata {
  return {
    client_id: 'gare',
    client_secret: 'secret-du-hub-de-test',
    token_endpoint_auth_method: 'client_secret_post',
    redirect_uris: [`${hubUrl}/api/sso/callback`],
    post_logout_redirect_uris: [`${hubUrl}/api/sso/logged-out`],
    ...extra,
  };
}
