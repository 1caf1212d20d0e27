/** Pad metadata (title, template, visibility, groups, archive flag, published page) and contributors, in the pad database. */
import type { DatabaseSync } from 'node:sqlite';
import { z } from 'zod';
import { VisibilitySchema, type Visibility } from '../wiki/schema.ts';

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
  ensure(pad: string, at: number): boolean;
  /** The metadata of a pad, or undefined if the pad was never created. */
  get(pad: string): PadMeta | undefined;
  /** All pads, most recently changed first. */
  list(): PadMeta[];
  /** True when at least one pad is public. */
  hasPublic(): boolean;
  /** Applies a patch (creating the row if needed) and returns the result. */
  update(pad: string, patch: PadMetaPatch, at: number): PadMeta;
  /** Records the time of the last stored change. */
  touch(pad: string, at: number): void;
  /** Records that `user` wrote in `pad` (name and colour refreshed). */
  addContributor(pad: string, user: PadUser, at: number): void;
  /** Everyone who wrote in a pad, in order of first contribution. */
  contributors(pad: string): PadUser[];
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

/** Adds the `visibility` and `groups` columns to an older database: existing pads stay the team's, without groups. */
function migrateVisibility(db: DatabaseSync): void {
  const columns = db.prepare('PRAGMA table_info(pads)').all().map((row) => String(row['name']));
  if (!columns.includes('visibility')) db.exec("ALTER TABLE pads ADD COLUMN visibility TEXT NOT NULL DEFAULT 'equipe'");
  if (!columns.includes('groups')) db.exec("ALTER TABLE pads ADD COLUMN groups TEXT NOT NULL DEFAULT '[]'");
}

/** Creates the metadata store over the database opened by the pad store (migrating it if needed). */
export function createPadMetaStore(options: { db: DatabaseSync }): PadMetaStore {
  const { db } = options;
  migrateVisibility(db);
  const insert = db.prepare('INSERT OR IGNORE INTO pads (name, created_at, updated_at) VALUES (?, ?, ?)');
  const select = db.prepare('SELECT * FROM pads WHERE name = ?');
  const selectAll = db.prepare('SELECT * FROM pads ORDER BY updated_at DESC, name');
  const selectPublic = db.prepare("SELECT 1 FROM pads WHERE visibility = 'public' AND groups = '[]' LIMIT 1");
  const touch = db.prepare('UPDATE pads SET updated_at = max(updated_at, ?) WHERE name = ?');
  const upsertContributor = db.prepare(
    `INSERT INTO pad_contributors (pad, user_id, name, color, first_at, last_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (pad, user_id) DO UPDATE SET name = excluded.name, color = excluded.color, last_at = excluded.last_at`,
  );
  const selectContributors = db.prepare(
    'SELECT user_id, name, color FROM pad_contributors WHERE pad = ? ORDER BY first_at, user_id',
  );
  const columns = { title: 'title', template: 'template', publishedPath: 'published_path', visibility: 'visibility' } as const;
  const store: PadMetaStore = {
    ensure(pad, at) {
      return insert.run(pad, at, at).changes > 0;
    },
    get(pad) {
      const row = select.get(pad);
      return row === undefined ? undefined : toMeta(row);
    },
    list() {
      return selectAll.all().map(toMeta);
    },
    hasPublic() {
      return selectPublic.get() !== undefined;
    },
    update(pad, patch, at) {
      store.ensure(pad, at);
      for (const key of ['title', 'template', 'publishedPath', 'visibility'] as const) {
        const value = patch[key];
        if (value !== undefined) db.prepare(`UPDATE pads SET ${columns[key]} = ? WHERE name = ?`).run(value, pad);
      }
      if (patch.groups !== undefined) db.prepare('UPDATE pads SET groups = ? WHERE name = ?').run(JSON.stringify([...new Set(patch.groups)]), pad);
      if (patch.archived !== undefined) db.prepare('UPDATE pads SET archived = ? WHERE name = ?').run(patch.archived ? 1 : 0, pad);
      const meta = store.get(pad);
      if (meta === undefined) throw new Error(`Pad ${pad}: metadata row vanished`);
      return meta;
    },
    touch(pad, at) {
      touch.run(at, pad);
    },
    addContributor(pad, user, at) {
      upsertContributor.run(pad, user.id, user.name, user.color ?? null, at, at);
    },
    contributors(pad) {
      return selectContributors.all(pad).map((row) => {
        const user: PadUser = { id: String(row['user_id']), name: String(row['name']) };
        const color = str(row['color']);
        if (color !== undefined) user.color = color;
        return user;
      });
    },
  };
  return store;
}
