/**
 * What each person follows (table `follows`): a page (repository path), a tag (its key), a
 * section (top-level folder) or the register (''). Authors follow the pages they write by default
 * (`source = 'author'`); unfollowing keeps the row, muted, so the next save does not follow again.
 */
import type { DatabaseSync } from 'node:sqlite';
import { z } from 'zod';
import { parseInput } from '../auth/parse-input.ts';

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
  /** The accounts database. */
  db: DatabaseSync;
  /** Clock (epoch ms). */
  now?: () => number;
}

/** Creates the follow store. */
export function createFollowStore({ db, now = Date.now }: FollowStoreOptions) {
  const upsert = db.prepare(
    `INSERT INTO follows (user_id, kind, target, source, muted, created_at) VALUES (?, ?, ?, 'manual', ?, ?)
     ON CONFLICT (user_id, kind, target) DO UPDATE SET muted = excluded.muted`,
  );
  return {
    /** Follows or stops following (kept muted) one thing for a person. */
    setFollow(userId: string, input: z.input<typeof SetFollowSchema>): Follow & { following: boolean } {
      const { kind, target, follow } = parseInput(SetFollowSchema, input);
      const key = kind === 'register' ? '' : target;
      upsert.run(userId, kind, key, follow ? 0 : 1, now());
      const row = db.prepare('SELECT source FROM follows WHERE user_id = ? AND kind = ? AND target = ?').get(userId, kind, key) as { source: Follow['source'] };
      return { kind, target: key, source: row.source, following: follow };
    },
    /** An author follows what they wrote, unless they stopped following it once. */
    followAsAuthor(userId: string, path: string): void {
      db.prepare("INSERT OR IGNORE INTO follows (user_id, kind, target, source, muted, created_at) VALUES (?, 'page', ?, 'author', 0, ?)").run(userId, path, now());
    },
    /** True when the person follows the thing (and has not muted it). */
    isFollowing(userId: string, kind: FollowKind, target: string): boolean {
      return db.prepare('SELECT 1 FROM follows WHERE user_id = ? AND kind = ? AND target = ? AND muted = 0').get(userId, kind, target) !== undefined;
    },
    /** What a person follows, by kind then target. */
    listFollows(userId: string): Follow[] {
      return db.prepare('SELECT kind, target, source FROM follows WHERE user_id = ? AND muted = 0 ORDER BY kind, target').all(userId) as unknown as Follow[];
    },
    /** Who follows any of these things: person id → the kinds by which they follow. */
    followersOf(things: readonly { kind: FollowKind; target: string }[]): Map<string, Set<FollowKind>> {
      const out = new Map<string, Set<FollowKind>>();
      const query = db.prepare('SELECT user_id FROM follows WHERE kind = ? AND target = ? AND muted = 0');
      for (const { kind, target } of things) {
        for (const r of query.all(kind, target) as { user_id: string }[]) out.set(r.user_id, (out.get(r.user_id) ?? new Set()).add(kind));
      }
      return out;
    },
    /** A page moved: its follows move with it. */
    movePage(from: string, to: string): void {
      db.prepare("UPDATE OR IGNORE follows SET target = ? WHERE kind = 'page' AND target = ?").run(to, from);
      db.prepare("DELETE FROM follows WHERE kind = 'page' AND target = ?").run(from);
    },
  };
}

/** The follow store. */
export type FollowStore = ReturnType<typeof createFollowStore>;
