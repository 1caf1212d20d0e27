/**
 * The admin's directory of people: a search by name or e-mail, one page at a time, so that an
 * organisation of thousands of accounts never loads them all for one screen.
 */
import { z } from 'zod';
import { requireActiveAdmin, type PersonRow } from './account-db.ts';
import { parseInput } from './parse-input.ts';
import type { Sql } from '../store/sql.ts';
import type { PersonSummary } from './people.ts';

/** Input of `findPeople`. */
export const FindPeopleSchema = z.object({
  /** Words to find in the name or the e-mail (empty: everyone). */
  q: z.string().trim().max(200, { error: 'Recherche trop longue : 200 caractères au plus.' }).default(''),
  /** Page number, from 1. */
  page: z.number().int().min(1).max(100_000).default(1),
  /** People per page. */
  size: z.number().int().min(1).max(200).default(50),
  /** Id of the admin asking. */
  by: z.string().min(1).max(100),
});

/** A line of the directory: the account and the names of its groups. */
export interface DirectoryEntry extends PersonSummary {
  /** Names of the groups the person belongs to, sorted. */
  groups: string[];
}

/** One page of the directory. */
export interface PeoplePage {
  /** The people of this page, sorted by name. */
  items: DirectoryEntry[];
  /** How many people match in all. */
  total: number;
  /** This page's number (from 1). */
  page: number;
  /** People per page. */
  size: number;
}

// LIKE wildcards typed by the admin are searched for literally.
function likePattern(word: string): string {
  return `%${word.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Directory operations over the accounts database. */
export function createPeopleDirectory({ sql }: { sql: Sql }) {
  /** Group names of a page of people, in one query (the page shows at most `size` people). */
  async function groupNamesOf(ids: readonly string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (ids.length === 0) return out;
    const rows = await sql.all<{ user_id: string; name: string }>(
      `SELECT m.user_id, g.name FROM group_members m JOIN groups g ON g.id = m.group_id WHERE m.user_id IN (${ids.map(() => '?').join(', ')}) ORDER BY lower(g.name)`,
      ids,
    );
    for (const r of rows) out.set(r.user_id, [...(out.get(r.user_id) ?? []), r.name]);
    return out;
  }

  return {
    /** One page of the people whose name or e-mail contains every word of `q`, sorted by name (admin only). */
    async findPeople(input: { q?: string; page?: number; size?: number; by: string }): Promise<PeoplePage> {
      const { q, page, size, by } = parseInput(FindPeopleSchema, input);
      await requireActiveAdmin(sql, by);
      const words = q.split(/\s+/).filter((w) => w !== '').slice(0, 8);
      // lower() on both sides: SQLite's LIKE ignores ASCII case, PostgreSQL's does not.
      const where = words.map(() => "(lower(name) LIKE ? ESCAPE '\\' OR lower(email) LIKE ? ESCAPE '\\')").join(' AND ') || '1 = 1';
      const args = words.flatMap((w) => [likePattern(w), likePattern(w)]);
      const total = Number((await sql.get<{ n: number }>(`SELECT COUNT(*) AS n FROM people WHERE ${where}`, args))?.n ?? 0);
      const rows = await sql.all<PersonRow>(`SELECT * FROM people WHERE ${where} ORDER BY lower(name), email LIMIT ? OFFSET ?`, [...args, size, (page - 1) * size]);
      const groups = await groupNamesOf(rows.map((r) => r.id));
      const items = rows.map((r) => ({
        id: r.id,
        name: r.name,
        email: r.email,
        role: r.role,
        active: r.active === 1,
        createdAt: r.created_at,
        lastSeenAt: r.last_seen_at ?? undefined,
        groups: groups.get(r.id) ?? [],
      }));
      return { items, total, page, size };
    },
  };
}

/** The directory operations. */
export type PeopleDirectory = ReturnType<typeof createPeopleDirectory>;
