/**
 * How `@Prénom` names a person. A handle is the display name with its words joined by dots
 * (« Camille Dupont » → `Camille.Dupont`); `@Camille` also works while exactly one active account
 * has that first name. Case and accents do not matter (`@camille.dupont`, `@Cámille`). An
 * ambiguous or unknown handle names nobody: a mention never guesses. The completion inserts the
 * shortest form that names the person alone (`mentionForm`). Action owners of the register
 * (`- [ ] Action : … @Camille`) resolve the same way.
 */
import type { Sql } from '../store/sql.ts';
import type { Role } from '../access/viewer.ts';

/** An active account as mentions see it. */
export interface MentionablePerson {
  /** Account id. */
  id: string;
  /** Display name. */
  name: string;
  /** E-mail (for mapping commit authors; never shown by the completion to a contributeur). */
  email: string;
  /** Account role. */
  role: Role;
}

/** Lower case without accents: `Cámille` and `camille` are the same handle. */
export const foldHandle = (s: string): string => s.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();

/** The full handle of a name: its words joined by dots, characters a handle cannot hold dropped. */
export function fullHandle(name: string): string {
  return name
    .trim()
    .split(/\s+/u)
    .map((word) => word.replace(/[^\p{L}\p{N}_-]+/gu, ''))
    .filter((word) => word.length > 0)
    .join('.');
}

/** The first word of a name (the `@Prénom` form). */
export const firstName = (name: string): string => fullHandle(name).split('.')[0] ?? '';

/** The people directory of mentions, read once per use (a mention, a completion). */
export interface HandleDirectory {
  /** Every active account. */
  people: MentionablePerson[];
  /** The one person a handle names, or undefined (unknown or ambiguous). */
  resolve(handle: string): MentionablePerson | undefined;
  /** What the completion inserts after `@` for this person: the first name when it is unique, else the full handle. */
  mentionForm(person: MentionablePerson): string;
  /** The active account with this e-mail (a commit author), if any. */
  byEmail(email: string): MentionablePerson | undefined;
}

/** Reads the active accounts and builds the directory. */
export async function readHandleDirectory(sql: Sql): Promise<HandleDirectory> {
  const people = await sql.all<MentionablePerson>('SELECT id, name, email, role FROM people WHERE active = 1');
  const byFull = new Map<string, MentionablePerson[]>();
  const byFirst = new Map<string, MentionablePerson[]>();
  const push = (map: Map<string, MentionablePerson[]>, key: string, p: MentionablePerson) => map.set(key, [...(map.get(key) ?? []), p]);
  for (const p of people) {
    push(byFull, foldHandle(fullHandle(p.name)), p);
    push(byFirst, foldHandle(firstName(p.name)), p);
  }
  const only = (list: MentionablePerson[] | undefined) => (list?.length === 1 ? list[0] : undefined);
  const emails = new Map(people.map((p) => [p.email.toLowerCase(), p]));
  return {
    people,
    resolve(handle) {
      const key = foldHandle(handle);
      return only(byFull.get(key)) ?? only(byFirst.get(key));
    },
    mentionForm(person) {
      const first = firstName(person.name);
      return byFirst.get(foldHandle(first))?.length === 1 ? first : fullHandle(person.name);
    },
    byEmail: (email) => emails.get(email.toLowerCase()),
  };
}
