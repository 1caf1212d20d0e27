/** HTTP and WebSocket clients to a running test hub, as a logged-in person or a visitor. */
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { PAD_TEXT } from '../../server/pads/pad-server.ts';
import type { TestSession } from './people.ts';
import type { TestHub } from './start-hub.ts';

/**
 * Requests and sockets to the hub `gare()` returns (a function, because tests start the hub in
 * `beforeAll`); `providers` collects the y-websocket clients for the test to destroy at the end.
 */
export function createHubClient(gare: () => TestHub) {
  const providers: WebsocketProvider[] = [];
  const cookieOf = (who?: TestSession): Record<string, string> => (who ? { cookie: who.cookie } : {});

  return {
    providers,

    /** GET without following redirects. */
    get: (p: string, who?: TestSession) => fetch(gare().url + p, { redirect: 'manual', headers: cookieOf(who) }),

    /** POST of a JSON body with the session's CSRF header (none for a visitor). */
    postJson: (p: string, body: unknown, who?: TestSession) =>
      fetch(gare().url + p, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/json', origin: gare().url, ...(who ? { cookie: who.cookie, 'x-csrf-token': who.csrf } : {}) },
        body: JSON.stringify(body),
      }),

    /** POST of a form with the session's CSRF field, as a browser without JavaScript sends it. */
    postForm: (p: string, fields: Record<string, string>, who: TestSession) =>
      fetch(gare().url + p, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: gare().url, cookie: who.cookie },
        body: new URLSearchParams({ _csrf: who.csrf, ...fields }).toString(),
      }),

    /** A real y-websocket client on pad `name`, with the session cookie of `who` or none (a visitor), sent from `origin` if given (a browser tab on that site). */
    connect(name: string, who?: TestSession, origin?: string) {
      const headers = { ...cookieOf(who), ...(origin ? { origin } : {}) };
      class CookieSocket extends WebSocket {
        constructor(url: string | URL, protocols?: string | string[]) {
          super(url, protocols, { headers });
        }
      }
      const doc = new Y.Doc();
      const provider = new WebsocketProvider(gare().url.replace('http', 'ws') + '/yjs', name, doc, { WebSocketPolyfill: CookieSocket as never, disableBc: true });
      providers.push(provider);
      const closes: number[] = [];
      provider.on('connection-close', (event: CloseEvent | null) => {
        if (!event) return;
        closes.push(event.code);
        // As the pad page does: a 44xx refusal ends the retries.
        if (event.code >= 4400 && provider.shouldConnect) provider.disconnect();
      });
      return { doc, text: doc.getText(PAD_TEXT), provider, closes };
    },

    /** Opens a raw WebSocket to a pad and resolves with the close code the server sends. */
    closeCodeOf(name: string, who?: TestSession): Promise<number> {
      return new Promise((resolve, reject) => {
        const ws = new WebSocket(`${gare().url.replace('http', 'ws')}/yjs/${name}`, { headers: cookieOf(who) });
        ws.on('close', (code) => resolve(code));
        ws.on('error', reject);
      });
    },
  };
}
