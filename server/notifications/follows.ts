/**
 * What each person follows (table `follows`): a page (repository path), a tag (its key), a
 * section (top-level folder) or the register (''). Authors follow the pages they write by default
 * (`source = 'author'`); unfollowing keeps the row, muted, so the next save does not follow again.
 */
import { z } from 'zod';
import { parseInput } from '../auth/parse-input.ts';
import type { Sql } from '../store/sql.ts';

/** Kinds of things one can follow. */
export const followKinds = ['page', 'tag', 'section', 'register'] as const;
/** A kind of followed thing. */
export type FollowKind = (typeof followKinds)[number];

/** Input of `setFollow` (also the body of POST /api/follows). */
export const SetFollowSchema = z.object({
  /** Page, tag, section or register. */
  kind: z.enum(followKinds, { error: 'Indiquez ce que vous suivez : une page, une étiquette, une section ou le registre.' }),
  /** Repository path, tag key, section folder, or '' for the register. */
  target: z.string().max(1000, { error: 'Cible trop longue.' }).default(''),
  /** True to follow, false to stop. */
  follow: z.union([z.boolean(), z.enum(['true', 'false', '1', '0'])]).transform((v) => v === true || v === 'true' || v === '1'),
});

/** A followed thing. */
export interface Follow {
  /** Its kind. */
  kind: FollowKind;
  /** Its key. */
  target: string;
  /** `manual` (the button) or `author` (followed by writing it). */
  source: 'manual' | 'author';
}

/** Options of `createFollowStore`. */
export interface FollowStoreOptions {
  /** The accounts store. */
  sql: Sql;
  /** Clock (epoch ms). */
  now?: () => number;
}

/** Creates the follow store. */
export function createFollowStore({ sql, now = Date.now }: FollowStoreOptions) {
  return {
    /** Follows or stops following (kept muted) one thing for a person. */
    async setFollow(userId: string, input: z.input<typeof SetFollowSchema>): Promise<Follow & { following: boolean }> {
      const { kind, target, follow } = parseInput(SetFollowSchema, input);
      const key = kind === 'register' ? '' : target;
      const row = await sql.get<{ source: Follow['source'] }>(
        `INSERT INTO follows (user_id, kind, target, source, muted, created_at) VALUES (?, ?, ?, 'manual', ?, ?)
         ON CONFLICT (user_id, kind, target) DO UPDATE SET muted = excluded.muted RETURNING source`,
        [userId, kind, key, follow ? 0 : 1, now()],
      );
      return { kind, target: key, source: row?.source ?? 'manual', following: follow };
    },
    /** An author follows what they wrote, unless they stopped following it once. */
    async followAsAuthor(userId: string, path: string): Promise<void> {
      await sql.run("INSERT INTO follows (user_id, kind, target, source, muted, created_at) VALUES (?, 'page', ?, 'author', 0, ?) ON CONFLICT DO NOTHING", [userId, path, now()]);
    },
    /** True when the person follows the thing (and has not muted it). */
    async isFollowing(userId: string, kind: FollowKind, target: string): Promise<boolean> {
      return (await sql.get('SELECT 1 AS yes FROM follows WHERE user_id = ? AND kind = ? AND target = ? AND muted = 0', [userId, kind, target])) !== undefined;
    },
    /** What a person follows, by kind then target. */
    listFollows(userId: string): Promise<Follow[]> {
      return sql.all<Follow>('SELECT kind, target, source FROM follows WHERE user_id = ? AND muted = 0 ORDER BY kind, target', [userId]);
    },
    /** Who follows any of these things: person id → the kinds by which they follow. */
    async followersOf(things: readonly { kind: FollowKind; target: string }[]): Promise<Map<string, Set<FollowKind>>> {
      const out = new Map<string, Set<FollowKind>>();
      for (const { kind, target } of things) {
        const rows = await sql.all<{ user_id: string }>('SELECT user_id FROM follows WHERE kind = ? AND target = ? AND muted = 0', [kind, target]);
        for (const r of rows) out.set(r.user_id, (out.get(r.user_id) ?? new Set()).add(kind));
      }
      return out;
    },
    /** A page moved: its follows move with it (who already followed the new path keeps their own choice). */
    async movePage(from: string, to: string): Promise<void> {
      if (from === to) return;
      await sql.transaction(async (tx) => {
        // Copy then delete rather than `UPDATE OR IGNORE`, which PostgreSQL does not know.
        await tx.run(
          `INSERT INTO follows (user_id, kind, target, source, muted, created_at)
           SELECT user_id, kind, ?, source, muted, created_at FROM follows WHERE kind = 'page' AND target = ? ON CONFLICT DO NOTHING`,
          [to, from],
        );
        await tx.run("DELETE FROM follows WHERE kind = 'page' AND target = ?", [from]);
      });
    },
  };
}

/** The follow store. */
export type FollowStore = ReturnType<typeof createFollowStore>;
