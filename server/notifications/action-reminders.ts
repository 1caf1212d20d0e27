/**
 * Reminders of the register's actions: the owner of an open action with a due date is told the
 * day before (`action-due`, also on the day itself if the hub was off the day before) and once it
 * is overdue (`action-overdue`), each once (`reminders_sent`). They are ordinary notifications,
 * stored through `deliver` (so only if the owner may read the meeting page), and reach e-mail by
 * the normal path. Run by the hub's daily timer and at start; `run(at)` for tests.
 */
import { createHash } from 'node:crypto';
import type { RegisterAction, RegisterData } from '../register/register.ts';
import type { Sql } from '../store/sql.ts';
import type { Delivery } from './deliver.ts';
import type { HandleDirectory } from './people-handles.ts';

/** Overdue actions older than this are not reminded: a first start must not flood the team with last year's actions. */
export const OVERDUE_WINDOW_DAYS = 30;

/** Options of createActionReminders. */
export interface ActionRemindersOptions {
  /** The accounts store (table `reminders_sent`). */
  sql: Sql;
  /** The decision register of the hub. */
  register: { current(): Promise<RegisterData> };
  /** The people directory, read at each run (owner `@Camille` → account). */
  directory: () => Promise<HandleDirectory>;
  /** Stores a notification if its recipient may read its target; true when stored. */
  deliver: (delivery: Delivery) => Promise<boolean>;
  /** Clock (epoch ms). */
  now: () => number;
}

/** AAAA-MM-JJ of a time, in the server's local time (the team's day). */
export function localDay(at: number, plusDays = 0): string {
  const d = new Date(at);
  d.setDate(d.getDate() + plusDays);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
}

/** Which reminder an action is owed on a given day, if any. */
export function reminderKind(action: Pick<RegisterAction, 'done' | 'owner' | 'due'>, at: number): 'action-due' | 'action-overdue' | undefined {
  if (action.done || action.owner === undefined || action.due === undefined) return undefined;
  const today = localDay(at);
  if (action.due === today || action.due === localDay(at, 1)) return 'action-due';
  if (action.due < today && action.due >= localDay(at, -OVERDUE_WINDOW_DAYS)) return 'action-overdue';
  return undefined;
}

/** Creates the reminders; `run` sends what is owed and returns how many notifications were stored. */
export function createActionReminders({ sql, register, directory, deliver, now }: ActionRemindersOptions) {
  return {
    /** Sends the reminders owed at `at` (default now), each once. */
    async run(at: number = now()): Promise<number> {
      const people = await directory();
      let stored = 0;
      for (const action of (await register.current()).actions) {
        const kind = reminderKind(action, at);
        const owner = kind && action.owner !== undefined ? people.resolve(action.owner) : undefined;
        if (!kind || !owner) continue;
        // The action's words, not its line: the key survives edits elsewhere in the page.
        const text = createHash('sha256').update(action.text).digest('base64url').slice(0, 16);
        const key = `${kind}:${owner.id}:${action.page.path}:${action.due ?? ''}:${text}`;
        // Claimed before delivering: a round at start, the daily round or another instance running at
        // the same moment finds the key taken, so each reminder is stored once.
        if ((await sql.run('INSERT INTO reminders_sent (key, sent_at) VALUES (?, ?) ON CONFLICT DO NOTHING', [key, at])).changes === 0) continue;
        const ok = await deliver({ userId: owner.id, actorId: undefined, actorName: undefined, kind, target: { kind: 'page', path: action.page.path }, excerpt: action.text.slice(0, 500) }).catch(async (error: unknown) => {
          await sql.run('DELETE FROM reminders_sent WHERE key = ?', [key]);
          throw error;
        });
        // Kept only once stored: an owner who cannot read the page yet may be told once they can.
        if (ok) stored += 1;
        else await sql.run('DELETE FROM reminders_sent WHERE key = ?', [key]);
      }
      return stored;
    },
  };
}

/** The action reminders of a hub. */
export type ActionReminders = ReturnType<typeof createActionReminders>;
