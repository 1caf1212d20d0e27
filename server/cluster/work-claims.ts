/**
 * Work done once per hub, whatever the number of instances (issue 13). Every instance follows the
 * repository and sees each page change; every instance runs the daily digest. A claim in the
 * shared store decides which one acts: the first to claim a key does the work, the others skip it.
 * The hub claims only on a shared database (`GARE_DATABASE_URL`); one instance on SQLite does all.
 */
import { createHash } from 'node:crypto';
import type { PageChange } from '../events/hub-events.ts';
import type { Sql } from '../store/sql.ts';

/** Options of `createWorkClaims`. */
export interface WorkClaimsOptions {
  /** The accounts store (table `work_claims`). */
  sql: Sql;
  /** Clock (epoch ms). */
  now: () => number;
}

const day = 24 * 3600 * 1000;

/** Creates the claims. */
export function createWorkClaims({ sql, now }: WorkClaimsOptions) {
  let sincePrune = 0;
  return {
    /**
     * True when this instance is the first to claim `key` within `windowMs`: a claim older than
     * that can be taken again (the same page change made again later is new work).
     */
    async claim(key: string, windowMs: number): Promise<boolean> {
      const at = now();
      if (++sincePrune >= 500) {
        sincePrune = 0;
        await sql.run('DELETE FROM work_claims WHERE at < ?', [at - 2 * day]);
      }
      const { changes } = await sql.run(
        'INSERT INTO work_claims (key, at) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET at = excluded.at WHERE work_claims.at < ?',
        [key, at, at - windowMs],
      );
      return changes === 1;
    },
  };
}

/** The claims. */
export type WorkClaims = ReturnType<typeof createWorkClaims>;

// Instances see a commit within a second or two of each other; two minutes leaves margin, and an
// identical change made again after that is told again.
const changeWindowMs = 2 * 60 * 1000;

const digest = (source: string | undefined): string => (source === undefined ? '-' : createHash('sha256').update(source).digest('base64url').slice(0, 22));

/**
 * The page changes of a sync that this instance claims for `scope` (`notifications`, `webhooks`):
 * each change (path, text before, text after) is handled once per hub, even when two instances
 * saw it in syncs of different sizes.
 */
export async function claimChanges(claims: WorkClaims | undefined, scope: string, changes: readonly PageChange[]): Promise<PageChange[]> {
  if (claims === undefined) return [...changes];
  const mine: PageChange[] = [];
  for (const change of changes) {
    const key = `${scope}:${change.path}:${digest(change.before?.blob)}>${digest(change.after?.blob)}`;
    if (await claims.claim(key, changeWindowMs)) mine.push(change);
  }
  return mine;
}
