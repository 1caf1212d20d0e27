/**
 * Checks a Yjs update from a client before the live document sees it.
 *
 * Why: `Y.applyUpdate` trusts its input. Crafted updates have made Yjs spin or stall in the past
 * (yjs#479, yjs#498, yjs#687: clocks and lengths near 2^53, items that reference themselves,
 * dependency chains that never resolve). Decoding is bounded by the message size (every struct
 * reads at least one byte, and lib0 throws at the end of the buffer), so we decode first with
 * `Y.decodeUpdate` — on a copy, never touching the live document — and refuse any update whose
 * numbers no honest editor can produce: clocks beyond `maxClock` (4 billion characters typed by
 * one browser tab), more structs than `maxStructsPerUpdate`, delete ranges beyond `maxClock`, and
 * references from an item to an id of its own client that was not created before it.
 * The caller also applies the update under a stopwatch and reports slow ones.
 */
import * as Y from 'yjs';
import { InvalidInput } from '../errors.ts';
import type { PadLimits } from './pad-limits.ts';

/** An update refused by the guard; maps to close code 4400 like any malformed message. */
export class HostileUpdate extends InvalidInput {}

const refuse = (why: string): never => {
  throw new HostileUpdate(`Modification refusée (${why}) : rechargez la page du pad pour repartir d’un état sain.`);
};

const isCount = (n: number, max: number): boolean => Number.isSafeInteger(n) && n >= 0 && n <= max;

/** Throws HostileUpdate unless `update` decodes and stays within sane bounds; false when it carries nothing (an empty sync answer). */
export function assertSaneUpdate(update: Uint8Array, limits: Pick<PadLimits, 'maxClock' | 'maxStructsPerUpdate'>): boolean {
  if (update.length === 0) refuse('mise à jour vide');
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch (cause) {
    throw new HostileUpdate('Modification illisible : rechargez la page du pad.', { cause });
  }
  const { maxClock, maxStructsPerUpdate } = limits;
  if (decoded.structs.length > maxStructsPerUpdate) refuse('trop d’éléments');
  for (const struct of decoded.structs) {
    const { client, clock } = struct.id;
    if (!isCount(client, Number.MAX_SAFE_INTEGER) || !isCount(clock, maxClock)) refuse('horloge hors limites');
    if (!isCount(struct.length, maxClock) || clock + struct.length > maxClock) refuse('longueur hors limites');
    if (!(struct instanceof Y.Item)) continue;
    const refs = [struct.origin, struct.rightOrigin, struct.parent instanceof Y.ID ? struct.parent : null];
    for (const ref of refs) {
      if (ref === null) continue;
      if (!isCount(ref.client, Number.MAX_SAFE_INTEGER) || !isCount(ref.clock, maxClock)) refuse('référence hors limites');
      // An item can only point at what existed when it was typed: for its own client, an earlier clock.
      if (ref.client === client && ref.clock >= clock) refuse('référence circulaire');
    }
  }
  for (const [client, ranges] of decoded.ds.clients) {
    if (!isCount(client, Number.MAX_SAFE_INTEGER)) refuse('suppression hors limites');
    for (const range of ranges) {
      if (!isCount(range.clock, maxClock) || !isCount(range.len, maxClock) || range.clock + range.len > maxClock) {
        refuse('suppression hors limites');
      }
    }
  }
  return decoded.structs.length > 0 || decoded.ds.clients.size > 0;
}
