/** The hub: the running wiki's state (index, history, search, people, pads), built from config. */
import type { Config } from './config.ts';
import { createWikiIndex } from './wiki/wiki-index.ts';

/** Options of createHub. */
export interface HubOptions {
  /** Resolved configuration. */
  config: Config;
  /** Clock, for tests. */
  now?: () => number;
}

/** The running hub. */
export type Hub = Awaited<ReturnType<typeof createHub>>;

/** Builds the hub and loads the wiki. */
export async function createHub({ config }: HubOptions) {
  const index = createWikiIndex({ dir: config.contentDir });
  await index.refresh();
  return { config, index };
}
