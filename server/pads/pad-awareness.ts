/**
 * Awareness (who is here, cursors) with ownership: each awareness client id belongs to the
 * connection that first announced it, so one connection can neither overwrite nor erase the
 * presence of another, nor flood the pad with thousands of fake users.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { PadUser } from './pad-meta-store.ts';

/** What the awareness bookkeeping needs to know about a connection. */
export interface AwarenessPeer {
  /** The authenticated user. */
  readonly user: PadUser;
  /** Awareness client ids this connection announced. */
  readonly awarenessIds: Set<number>;
}

/**
 * Keeps the entries of an awareness update that `peer` may send: ids it owns, or new ids while
 * it stays under `maxIds`. Returns undefined when nothing is left. Throws on a malformed update.
 */
export function filterAwarenessUpdate(options: {
  update: Uint8Array;
  peer: AwarenessPeer;
  ownerOf: (clientId: number) => AwarenessPeer | undefined;
  maxIds: number;
}): Uint8Array | undefined {
  const { update, peer, ownerOf, maxIds } = options;
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const kept: { clientId: number; clock: number; state: string }[] = [];
  let owned = peer.awarenessIds.size;
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const state = decoding.readVarString(decoder);
    JSON.parse(state); // a malformed state would otherwise throw later, inside the awareness library
    const owner = ownerOf(clientId);
    if (owner === peer) kept.push({ clientId, clock, state });
    else if (owner === undefined && owned < maxIds && state !== 'null') {
      owned += 1;
      kept.push({ clientId, clock, state });
    }
  }
  if (kept.length === 0) return undefined;
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, kept.length);
  for (const entry of kept) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.state);
  }
  return encoding.toUint8Array(encoder);
}

/** The colour a peer shows in its awareness state (y-codemirror.next puts it in `user.color`). */
export function awarenessColor(awareness: awarenessProtocol.Awareness, peer: AwarenessPeer): string | undefined {
  for (const id of peer.awarenessIds) {
    const user: unknown = awareness.getStates().get(id)?.['user'];
    if (typeof user === 'object' && user !== null && 'color' in user && typeof user.color === 'string') {
      return user.color.slice(0, 32);
    }
  }
  return undefined;
}
