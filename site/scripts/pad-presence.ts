/** Who is in the pad (from awareness) and the connection status, written for screen readers too. */
import type { Awareness } from 'y-protocols/awareness';

/** Someone's awareness `user` field, as the server vouches for it. */
export interface PadPeer {
  /** Display name of the account. */
  name: string;
  /** Cursor colour, `#rrggbb`. */
  color: string;
}

/**
 * The person behind an awareness state, or undefined when the state does not carry the shape the
 * server writes: the server replaces `user` in every state it relays with the account's name and
 * colour, so anything else (a hand-made colour, an unnamed state) did not come from it.
 */
export function peerOf(state: Record<string, unknown>): PadPeer | undefined {
  const user = state['user'];
  if (!user || typeof user !== 'object') return undefined;
  const { name, color } = user as Record<string, unknown>;
  if (typeof name !== 'string' || name.trim() === '' || typeof color !== 'string' || !/^#[0-9a-f]{6}$/i.test(color)) return undefined;
  return { name, color };
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
  offline: 'Hors ligne — ce que vous tapez est gardé et sera envoyé au retour',
  refused: 'Accès refusé — votre session a peut-être expiré : reconnectez-vous, vos modifications sont gardées sur cet appareil',
};

/** Writes a connection state into the status element (a `role="status"` region). */
export function showStatus(element: HTMLElement, status: PadStatus): void {
  if (element.dataset['state'] === status) return;
  element.dataset['state'] = status;
  element.textContent = statusText[status];
}
