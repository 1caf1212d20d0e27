/** Who is in the pad (from awareness) and the connection status, written for screen readers too. */
import type { Awareness } from 'y-protocols/awareness';

/** Someone's awareness `user` field. */
export interface PadPeer {
  /** Display name. */
  name: string;
  /** Cursor colour. */
  color: string;
}

function peerOf(state: Record<string, unknown>): PadPeer | undefined {
  const user = state['user'];
  if (!user || typeof user !== 'object') return undefined;
  const { name, color } = user as Record<string, unknown>;
  return typeof name === 'string' ? { name, color: typeof color === 'string' ? color : '#545b63' } : undefined;
}

/** Renders the list of people present into `list` whenever awareness changes. */
export function showPresence({ awareness, list, count }: { awareness: Awareness; list: HTMLElement; count: HTMLElement | null }): void {
  const render = (): void => {
    const mine = awareness.clientID;
    const people = new Map<string, PadPeer & { me: boolean }>();
    for (const [clientId, state] of awareness.getStates()) {
      const peer = peerOf(state);
      if (!peer) continue;
      const me = clientId === mine;
      // One person in two tabs is listed once; « vous » wins over the other tab.
      if (!people.has(peer.name) || me) people.set(peer.name, { ...peer, me });
    }
    const items = [...people.values()].sort((a, b) => Number(b.me) - Number(a.me) || a.name.localeCompare(b.name, 'fr'));
    list.replaceChildren(
      ...items.map((p) => {
        const li = document.createElement('li');
        const dot = document.createElement('span');
        dot.className = 'pad-dot';
        dot.setAttribute('aria-hidden', 'true');
        dot.style.backgroundColor = p.color;
        li.append(dot, document.createTextNode(p.me ? `${p.name} (vous)` : p.name));
        return li;
      }),
    );
    if (count) count.textContent = items.length <= 1 ? 'Vous êtes seul·e dans ce pad.' : `${items.length} personnes dans ce pad.`;
  };
  awareness.on('change', render);
  render();
}

/** Connection states the page shows. */
export type PadStatus = 'connecting' | 'connected' | 'offline' | 'refused';

const statusText: Record<PadStatus, string> = {
  connecting: 'Connexion…',
  connected: 'Connecté',
  offline: 'Hors ligne — vos modifications sont gardées et seront envoyées au retour du réseau',
  refused: 'Accès refusé — votre session a peut-être expiré : reconnectez-vous, vos modifications sont gardées sur cet appareil',
};

/** Writes a connection state into the status element (a `role="status"` region). */
export function showStatus(element: HTMLElement, status: PadStatus): void {
  if (element.dataset['state'] === status) return;
  element.dataset['state'] = status;
  element.textContent = statusText[status];
}
