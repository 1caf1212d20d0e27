/**
 * Hands the running hub to the Astro site. The site is bundled separately by Astro, so module
 * state is not shared: the one running hub is registered under a global symbol at start.
 */
import type { Hub } from './hub.ts';

const key = Symbol.for('gare-centrale.hub');

/** Registers the running hub (called once by the composition root). */
export function setSiteHub(hub: Hub | undefined): void {
  (globalThis as Record<symbol, unknown>)[key] = hub;
}

/** The running hub; throws when the site is rendered without one (e.g. `astro dev`). */
export function getSiteHub(): Hub {
  const hub = (globalThis as Record<symbol, unknown>)[key] as Hub | undefined;
  if (!hub) throw new Error('Gare centrale : le site doit être servi par `npm start` (aucun hub enregistré).');
  return hub;
}
