/**
 * The pad's connection status, told honestly. A socket can stay « open » for a long time after
 * the server or the network is gone (no close frame ever arrives, and y-websocket waits 30 s
 * before giving up), so the provider asks the server for its state every `HEARTBEAT_MS`
 * (`resyncInterval`, answered by every server) and the link counts as lost when nothing came back
 * for `SILENCE_MS`: the page says « Hors ligne » and reconnects at once. « Connecté » is shown
 * only once the server has answered (synced), not when a socket merely opens.
 */
import type { WebsocketProvider } from 'y-websocket';
import { showStatus } from './pad-presence.ts';

/** How often the provider asks the server for its state (pass as `resyncInterval`). */
export const HEARTBEAT_MS = 400;
/** Silence after which the link counts as lost; with the tick below, « Hors ligne » shows within 2 s. */
const SILENCE_MS = 1500;
/** A socket still opening after this long is dropped and tried again. */
const OPENING_MS = 4000;
const TICK_MS = 100;

/** Options of watchLink. */
export interface WatchLinkOptions {
  /** The pad's provider, created with `resyncInterval: HEARTBEAT_MS`. */
  provider: WebsocketProvider;
  /** The `role="status"` element. */
  status: HTMLElement;
}

/** Keeps `status` true to the link; returns a function that stops watching. */
export function watchLink({ provider, status }: WatchLinkOptions): () => void {
  const refused = (): boolean => status.dataset['state'] === 'refused';
  const offline = (): void => {
    if (!refused()) showStatus(status, 'offline');
  };
  showStatus(status, 'connecting');
  provider.on('sync', (synced: boolean) => {
    if (synced && !refused()) showStatus(status, 'connected');
  });
  provider.on('status', ({ status: s }: { status: string }) => {
    if (s === 'disconnected') offline();
  });
  provider.on('connection-close', (event: CloseEvent | null) => {
    // 4401/4403: the server refused this session; retrying will not help until the person logs in again.
    if (event && (event.code === 4401 || event.code === 4403)) {
      provider.disconnect();
      showStatus(status, 'refused');
      // A 4403 names why (the pad was taken back by the team…): the server's French reason says it better.
      if (event.code === 4403 && event.reason) status.textContent = `Accès refusé — ${event.reason}`;
    } else {
      offline();
    }
  });
  provider.on('connection-error', offline);
  window.addEventListener('offline', offline);

  let openingSince: number | undefined;
  const reconnect = (): void => {
    // disconnect() drops the socket at once (awareness of the others included); connect() retries now.
    provider.disconnect();
    provider.connect();
  };
  const timer = setInterval(() => {
    if (refused() || !provider.shouldConnect) return;
    const now = Date.now();
    if (provider.wsconnected) {
      openingSince = undefined;
      if (now - provider.wsLastMessageReceived > SILENCE_MS) {
        offline();
        reconnect();
      }
    } else if (provider.wsconnecting) {
      openingSince ??= now;
      if (now - openingSince > OPENING_MS) {
        openingSince = undefined;
        reconnect();
      }
    } else {
      openingSince = undefined;
    }
  }, TICK_MS);
  return () => clearInterval(timer);
}
