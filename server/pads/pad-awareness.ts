/**
 * Awareness (who is here, cursors) with ownership: each awareness client id belongs to the
 * connection that first announced it, so one connection can neither overwrite nor erase the
 * presence of another, nor flood the pad with thousands of fake users. And the identity in it is
 * the server's: every state relayed carries the `user` of the authenticated account, whatever the
 * client wrote there, so nobody shows up under someone else's name or colour.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { encodeAwareness } from './pad-protocol.ts';
import type { PadUser } from './pad-meta-store.ts';
import { personColor } from './person-color.ts';

/** The `user` field of awareness as y-codemirror.next reads it (name and colours of a cursor). */
export interface VouchedUser {
  /** The account's display name. */
  name: string;
  /** `#rrggbb`. */
  color: string;
  /** The colour of selections: `color` at 20 % opacity. */
  colorLight: string;
}

/** The identity the server vouches for in awareness: the account's name and its stable colour. */
export function vouchedUser(user: PadUser): VouchedUser {
  const color = user.color !== undefined && /^#[0-9a-f]{6}$/i.test(user.color) ? user.color : personColor(user.id);
  return { name: user.name, color, colorLight: `${color}33` };
}

/** `state` (awareness JSON) with its `user` replaced by `peer`'s; undefined when it is not an object. */
function withVouchedUser(state: string, peer: AwarenessPeer): string | undefined {
  const parsed: unknown = JSON.parse(state); // malformed JSON would otherwise throw inside y-protocols, half-applied
  if (parsed === null) return 'null';
  if (typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  return JSON.stringify({ ...parsed, user: vouchedUser(peer.user) });
}

/** What the awareness bookkeeping needs to know about a connection. */
export interface AwarenessPeer {
  /** The authenticated user. */
  readonly user: PadUser;
  /** Awareness client ids this connection announced. */
  readonly awarenessIds: Set<number>;
}

/** Presence of one pad. */
export interface Presence {
  /** The y-protocols awareness instance (the server itself has no state in it). */
  readonly awareness: awarenessProtocol.Awareness;
  /** Applies the entries of `update` that `peer` may send (throws on a malformed update). */
  apply(update: Uint8Array, peer: AwarenessPeer): void;
  /** Removes the states of a peer that left. */
  remove(peer: AwarenessPeer): void;
  /** Applies an awareness update another instance relayed (its states were vouched for there). */
  applyRemote(update: Uint8Array): void;
  /** The states of this instance's own connections, for another instance that asks; undefined if none. */
  localStates(): Uint8Array | undefined;
  /** Identities shown by the connections of other instances (their vouched `user` fields). */
  remoteUsers(): VouchedUser[];
  /** Stops the outdated-state timer. */
  destroy(): void;
}

/** Options of createPresence. */
export interface PresenceOptions {
  /** The pad's document. */
  doc: Y.Doc;
  /** Awareness client ids one connection may announce. */
  maxIdsPerPeer: number;
  /** Sends a ready awareness message to this instance's connections. */
  broadcast: (message: Uint8Array) => void;
  /** Hands a change of this instance's connections to the other instances (Redis), if any. */
  publish?: ((update: Uint8Array) => void) | undefined;
}

/** Creates the presence of a pad; every change is handed to `broadcast` as a ready message. */
export function createPresence(options: PresenceOptions): Presence {
  const awareness = new awarenessProtocol.Awareness(options.doc);
  awareness.setLocalState(null);
  const owners = new Map<number, AwarenessPeer>();
  // Owner of the states other instances relay: no local connection may overwrite or erase them.
  // They leave when their instance relays the removal, or after y-protocols' 30 s without renewal
  // (browsers renew every 15 s), which is how the cursors of a dead instance's users go away.
  const remote: AwarenessPeer = { user: { id: 'instance-distante', name: '' }, awarenessIds: new Set() };
  const isPeer = (origin: unknown): origin is AwarenessPeer => typeof origin === 'object' && origin !== null && 'awarenessIds' in origin;
  awareness.on('update', (change: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
    for (const id of [...change.added, ...change.updated]) {
      if (isPeer(origin) && !owners.has(id)) {
        owners.set(id, origin);
        origin.awarenessIds.add(id);
      }
    }
    for (const id of change.removed) {
      owners.get(id)?.awarenessIds.delete(id);
      owners.delete(id);
    }
    const ids = [...change.added, ...change.updated, ...change.removed];
    options.broadcast(encodeAwareness(awareness, ids));
    // Timeouts happen on every instance by itself; relayed states are not sent back.
    if (options.publish && origin !== remote && origin !== 'timeout') options.publish(awarenessProtocol.encodeAwarenessUpdate(awareness, ids));
  });

  return {
    awareness,
    apply(update, peer) {
      const decoder = decoding.createDecoder(update);
      const count = decoding.readVarUint(decoder);
      const kept: { clientId: number; clock: number; state: string }[] = [];
      let owned = peer.awarenessIds.size;
      for (let i = 0; i < count; i++) {
        const clientId = decoding.readVarUint(decoder);
        const clock = decoding.readVarUint(decoder);
        const state = withVouchedUser(decoding.readVarString(decoder), peer);
        if (state === undefined) continue;
        const owner = owners.get(clientId);
        if (owner === peer) kept.push({ clientId, clock, state });
        else if ((owner === undefined || (owner === remote && clock > (awareness.meta.get(clientId)?.clock ?? 0))) && owned < options.maxIdsPerPeer && state !== 'null') {
          // An id a relayed state holds is taken back by the browser itself, moved here from another
          // instance, with a newer state: browsers echo the states they receive, with the same clock.
          owners.delete(clientId);
          remote.awarenessIds.delete(clientId);
          owned += 1;
          kept.push({ clientId, clock, state });
        }
      }
      if (kept.length === 0) return;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, kept.length);
      for (const entry of kept) {
        encoding.writeVarUint(encoder, entry.clientId);
        encoding.writeVarUint(encoder, entry.clock);
        encoding.writeVarString(encoder, entry.state);
      }
      awarenessProtocol.applyAwarenessUpdate(awareness, encoding.toUint8Array(encoder), peer);
    },
    remove(peer) {
      awarenessProtocol.removeAwarenessStates(awareness, [...peer.awarenessIds], null);
    },
    applyRemote(update) {
      awarenessProtocol.applyAwarenessUpdate(awareness, update, remote);
    },
    localStates() {
      const ids = [...owners].filter(([id, owner]) => owner !== remote && awareness.getStates().has(id)).map(([id]) => id);
      return ids.length === 0 ? undefined : awarenessProtocol.encodeAwarenessUpdate(awareness, ids);
    },
    remoteUsers() {
      const users: VouchedUser[] = [];
      for (const id of remote.awarenessIds) {
        const user: unknown = awareness.getStates().get(id)?.['user'];
        if (typeof user === 'object' && user !== null && typeof (user as VouchedUser).name === 'string') users.push(user as VouchedUser);
      }
      return users;
    },
    destroy() {
      awareness.destroy();
    },
  };
}
