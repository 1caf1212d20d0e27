/** Pad metadata (title, template, visibility, groups, archive flag, published page) and contributors, in the pad store. */
import { z } from 'zod';
import { VisibilitySchema, type Visibility } from '../wiki/schema.ts';
import type { Sql } from '../store/sql.ts';

/** Someone connected to a pad, as the host application authenticated them. */
export interface PadUser {
  /** Stable account id (contributors are keyed by it). */
  id: string;
  /** Display name, used in co-author trailers and presence lists. */
  name: string;
  /** Cursor colour, CSS. */
  color?: string;
}

/** What is stored about a pad besides its text. */
export interface PadMeta {
  /** Pad name (URL). */
  name: string;
  /** Human title, if set. */
  title?: string;
  /** Template the pad was created from, if any. */
  template?: string;
  /** Who may see the pad: `equipe` (the team only, the default) or `public` (the collective reads it too). */
  visibility: Visibility;
  /** Groups (names) whose members alone see the pad, as for pages; empty or absent: no group restriction. */
  groups?: string[];
  /** Archived pads stay readable but leave the list of active pads. */
  archived: boolean;
  /**
   * Wiki page the pad is published to. Stored only for a pad opened from a page (« Ouvrir en
   * direct »); the hub derives it from the page whose `pad:` names the pad (publishing/pad-link.ts).
   */
  publishedPath?: string;
  /** Creation time, ms since epoch. */
  createdAt: number;
  /** Last stored change, ms since epoch. */
  updatedAt: number;
}

/** A change to pad metadata; `null` clears a field. Use at the HTTP boundary too. */
export const PadMetaPatchSchema = z.object({
  /** New title, or null to clear. */
  title: z.string().max(200).nullable().optional(),
  /** Template name, or null to clear. */
  template: z.string().max(200).nullable().optional(),
  /** `equipe` or `public`. */
  visibility: VisibilitySchema.optional(),
  /** Group names the pad is restricted to (empty: none). */
  groups: z.array(z.string().trim().min(1).max(80)).max(20).optional(),
  /** Archive or unarchive. */
  archived: z.boolean().optional(),
  /** Page the pad was opened from, or null to clear (the published page itself is derived). */
  publishedPath: z.string().max(400).nullable().optional(),
});

/** A validated metadata change. */
export type PadMetaPatch = z.infer<typeof PadMetaPatchSchema>;

/** Reads and writes pad metadata and contributors. */
export interface PadMetaStore {
  /** Creates the metadata row if the pad has none; true when it was created now. */
  ensure(pad: string, at: number): Promise<boolean>;
  /** The metadata of a pad, or undefined if the pad was never created. */
  get(pad: string): Promise<PadMeta | undefined>;
  /** All pads, most recently changed first. */
  list(): Promise<PadMeta[]>;
  /** True when at least one pad is public. */
  hasPublic(): Promise<boolean>;
  /** Applies a patch (creating the row if needed) and returns the result. */
  update(pad: string, patch: PadMetaPatch, at: number): Promise<PadMeta>;
  /** Records the time of the last stored change. */
  touch(pad: string, at: number): Promise<void>;
  /** Records that `user` wrote in `pad` (name and colour refreshed). */
  addContributor(pad: string, user: PadUser, at: number): Promise<void>;
  /** Everyone who wrote in a pad, in order of first contribution. */
  contributors(pad: string): Promise<PadUser[]>;
}

type Row = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function toMeta(row: Row): PadMeta {
  const meta: PadMeta = {
    name: String(row['name']),
    visibility: row['visibility'] === 'public' ? 'public' : 'equipe',
    groups: parseGroups(row['groups']),
    archived: Number(row['archived']) === 1,
    createdAt: Number(row['created_at']),
    updatedAt: Number(row['updated_at']),
  };
  const title = str(row['title']);
  const template = str(row['template']);
  const publishedPath = str(row['published_path']);
  if (title !== undefined) meta.title = title;
  if (template !== undefined) meta.template = template;
  if (publishedPath !== undefined) meta.publishedPath = publishedPath;
  return meta;
}

/** Group names stored as a JSON array; anything unreadable counts as a group nobody is in (closed, not open). */
function parseGroups(value: unknown): string[] {
  if (typeof value !== 'string' || value === '[]') return [];
  try {
    const parsed: unknown = JSON.parse(value);
    if (Array.isArray(parsed) && parsed.every((g) => typeof g === 'string')) return parsed;
  } catch {
    // fall through: locked
  }
  return ['__groupes-illisibles__'];
}

const columns = { title: 'title', template: 'template', publishedPath: 'published_path', visibility: 'visibility' } as const;

/** Creates the metadata store over the pad store's migrated SQL store. */
export function createPadMetaStore({ sql }: { sql: Sql }): PadMetaStore {
  // SQLite's two-argument max() is PostgreSQL's GREATEST().
  const greatest = sql.dialect === 'postgres' ? 'GREATEST' : 'max';
  const ensure = async (db: Sql, pad: string, at: number): Promise<boolean> =>
    (await db.run('INSERT INTO pads (name, created_at, updated_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING', [pad, at, at])).changes > 0;
  const get = async (db: Sql, pad: string): Promise<PadMeta | undefined> => {
    const row = await db.get<Row>('SELECT * FROM pads WHERE name = ?', [pad]);
    return row === undefined ? undefined : toMeta(row);
  };
  return {
    ensure: (pad, at) => ensure(sql, pad, at),
    get: (pad) => get(sql, pad),
    async list() {
      return (await sql.all<Row>('SELECT * FROM pads ORDER BY updated_at DESC, name')).map(toMeta);
    },
    async hasPublic() {
      return (await sql.get("SELECT 1 AS one FROM pads WHERE visibility = 'public' AND groups = '[]' LIMIT 1")) !== undefined;
    },
    update: (pad, patch, at) =>
      sql.transaction(async (tx) => {
        await ensure(tx, pad, at);
        for (const key of ['title', 'template', 'publishedPath', 'visibility'] as const) {
          const value = patch[key];
          if (value !== undefined) await tx.run(`UPDATE pads SET ${columns[key]} = ? WHERE name = ?`, [value, pad]);
        }
        if (patch.groups !== undefined) await tx.run('UPDATE pads SET groups = ? WHERE name = ?', [JSON.stringify([...new Set(patch.groups)]), pad]);
        if (patch.archived !== undefined) await tx.run('UPDATE pads SET archived = ? WHERE name = ?', [patch.archived ? 1 : 0, pad]);
        const meta = await get(tx, pad);
        if (meta === undefined) throw new Error(`Pad ${pad}: metadata row vanished`);
        return meta;
      }),
    async touch(pad, at) {
      await sql.run(`UPDATE pads SET updated_at = ${greatest}(updated_at, ?) WHERE name = ?`, [at, pad]);
    },
    async addContributor(pad, user, at) {
      await sql.run(
        `INSERT INTO pad_contributors (pad, user_id, name, color, first_at, last_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (pad, user_id) DO UPDATE SET name = excluded.name, color = excluded.color, last_at = excluded.last_at`,
        [pad, user.id, user.name, user.color ?? null, at, at],
      );
    },
    async contributors(pad) {
      const rows = await sql.all<Row>('SELECT user_id, name, color FROM pad_contributors WHERE pad = ? ORDER BY first_at, user_id', [pad]);
      return rows.map((row) => {
        const user: PadUser = { id: String(row['user_id']), name: String(row['name']) };
        const color = str(row['color']);
        if (color !== undefined) user.color = color;
        return user;
      });
    },
  };
}
