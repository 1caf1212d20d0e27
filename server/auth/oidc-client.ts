/**
 * The hub as an OpenID Connect relying party (openid-client v6): discovery, authorization code
 * with PKCE, state and nonce, the ID token's signature and claims checked, then userinfo.
 */
import * as client from 'openid-client';
import { SsoRefused, SsoUnavailable } from './oidc-errors.ts';
import type { OidcSettings } from './oidc-settings.ts';

/** A login about to leave for the provider: where to send the browser, and what to keep for the callback. */
export interface StartedLogin {
  /** Authorization URL at the provider. */
  url: URL;
  /** `state` sent. */
  state: string;
  /** `nonce` sent. */
  nonce: string;
  /** PKCE verifier (its S256 challenge was sent). */
  codeVerifier: string;
}

/** A login the provider vouched for. */
export interface FinishedLogin {
  /** ID token claims, completed by userinfo when the provider has it. */
  claims: Record<string, unknown>;
  /** The raw ID token, kept for the logout's `id_token_hint`. */
  idToken: string | undefined;
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/** Short description of a library error for the logs: its class and code, never a token or a response body. */
export function describeOidcError(error: unknown): string {
  if (!(error instanceof Error)) return 'erreur inconnue';
  const code = (error as { code?: unknown; error?: unknown }).error ?? (error as { code?: unknown }).code;
  return `${error.name}${typeof code === 'string' ? ` ${code}` : ''}: ${error.message}`;
}

/** Creates the relying party; discovery happens at the first login (a provider down at start does not stop the hub). */
export function createOidcClient({ settings, timeoutSeconds = 10 }: { settings: OidcSettings; timeoutSeconds?: number }) {
  let configuration: Promise<client.Configuration> | undefined;
  const unavailable = (cause: unknown) =>
    new SsoUnavailable(`${settings.label} ne répond pas pour le moment. Réessayez dans quelques minutes ; si cela dure, prévenez un·e administrateur·ice.`, { cause });

  async function discover(): Promise<client.Configuration> {
    const server = new URL(settings.issuer);
    // Plain HTTP only towards this machine (a test or development provider), never over a network.
    const insecure = server.protocol === 'http:' && isLoopback(server.hostname) ? [client.allowInsecureRequests] : [];
    const auth = settings.clientSecret === undefined ? client.None() : client.ClientSecretPost(settings.clientSecret);
    try {
      return await client.discovery(server, settings.clientId, settings.clientSecret, auth, {
        timeout: timeoutSeconds,
        // The ID token's signature is checked against the provider's keys, not only its claims.
        execute: [...insecure, client.enableNonRepudiationChecks],
      });
    } catch (error) {
      throw unavailable(error);
    }
  }

  function config(): Promise<client.Configuration> {
    // A failed discovery is forgotten, so the next click tries again.
    configuration ??= discover().catch((error: unknown) => {
      configuration = undefined;
      throw error;
    });
    return configuration;
  }

  function refuse(error: unknown): never {
    if (error instanceof SsoUnavailable || error instanceof SsoRefused) throw error;
    if (error instanceof client.AuthorizationResponseError) {
      const what = error.error === 'access_denied' ? 'La connexion a été annulée ou refusée' : `${settings.label} a refusé la connexion (${error.error})`;
      throw new SsoRefused(`${what}. Recommencez avec le bouton « Se connecter avec ${settings.label} ».`, { cause: error });
    }
    if (error instanceof client.ResponseBodyError) {
      throw new SsoRefused(`Le code de connexion a expiré ou a déjà servi (${error.error}). Recommencez avec le bouton « Se connecter avec ${settings.label} ».`, { cause: error });
    }
    if (error instanceof TypeError || (error instanceof client.ClientError && /TIMEOUT|ABORT|RESPONSE_IS_NOT/.test(String(error.code)))) throw unavailable(error);
    throw new SsoRefused(`La réponse de ${settings.label} n’a pas pu être vérifiée. Recommencez avec le bouton « Se connecter avec ${settings.label} » ; si cela se répète, prévenez un·e administrateur·ice.`, { cause: error });
  }

  return {
    /** Prepares a login: fresh state, nonce and PKCE verifier, and the provider's authorization URL. */
    async startLogin({ redirectUri }: { redirectUri: string }): Promise<StartedLogin> {
      const c = await config();
      const codeVerifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const nonce = client.randomNonce();
      const url = client.buildAuthorizationUrl(c, {
        redirect_uri: redirectUri,
        scope: settings.scopes,
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      return { url, state, nonce, codeVerifier };
    },

    /** Checks the provider's answer at the callback and exchanges the code; throws SsoRefused or SsoUnavailable. */
    async finishLogin({ currentUrl, flow }: { currentUrl: URL; flow: Pick<StartedLogin, 'state' | 'nonce' | 'codeVerifier'> }): Promise<FinishedLogin> {
      const c = await config();
      try {
        const tokens = await client.authorizationCodeGrant(c, currentUrl, {
          pkceCodeVerifier: flow.codeVerifier,
          expectedState: flow.state,
          expectedNonce: flow.nonce,
          idTokenExpected: true,
        });
        const idClaims = tokens.claims() as Record<string, unknown> & { sub: string };
        // ProConnect and others put most claims in userinfo only; the ID token's own claims win.
        const userinfo = c.serverMetadata().userinfo_endpoint !== undefined && tokens.access_token
          ? await client.fetchUserInfo(c, tokens.access_token, idClaims.sub)
          : {};
        return { claims: { ...userinfo, ...idClaims }, idToken: tokens.id_token };
      } catch (error) {
        refuse(error);
      }
    },

    /** The provider's logout address for this ID token, or undefined when it has none (or cannot be reached). */
    async endSessionUrl({ idToken, postLogoutRedirectUri }: { idToken: string; postLogoutRedirectUri: string }): Promise<URL | undefined> {
      try {
        const c = await config();
        if (c.serverMetadata().end_session_endpoint === undefined) return undefined;
        return client.buildEndSessionUrl(c, { id_token_hint: idToken, post_logout_redirect_uri: postLogoutRedirectUri, client_id: settings.clientId });
      } catch {
        return undefined;
      }
    },
  };
}

/** The relying party. */
export type OidcClient = ReturnType<typeof createOidcClient>;
