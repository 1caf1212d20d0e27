/**
 * `@mentions` typed in a pad. The pad server stores text about a second after typing and tells
 * `pad.stored` with who wrote; once the pad has been quiet for `quietMs` (so that `@Jean` typed on
 * the way to `@Jean-Pierre` names nobody), its text is compared with the mentions seen at the
 * previous check (table `pad_mentions_seen`: the mention lines only, never a copy of the pad) and
 * each newly mentioned person who may read the pad is told. The writer is not told of their own
 * mention when they wrote alone since the last check.
 */
import type { Sql } from '../store/sql.ts';
import { deliver, type DeliverDeps } from './deliver.ts';
import { excerptOf, findMentions, newMentions, type MentionHit } from './mention-text.ts';
import { foldHandle, type HandleDirectory } from './people-handles.ts';

/** Options of `createPadMentions`. */
export interface PadMentionsOptions extends DeliverDeps {
  /** The accounts store (table `pad_mentions_seen`). */
  sql: Sql;
  /** Clock (epoch ms). */
  now: () => number;
  /** The people of `@handles`. */
  directory(): Promise<HandleDirectory>;
  /** The pad's current text. */
  padText(name: string): Promise<string>;
  /** Quiet time after the last store before mentions are read (default 15 s). */
  quietMs?: number;
  /** Queues work after the hub's other notifications. */
  enqueue(label: string, work: () => Promise<void>): void;
}

/** Watches stored pads for new mentions. */
export function createPadMentions(options: PadMentionsOptions) {
  const { sql, now, quietMs = 15_000, enqueue } = options;
  const pending = new Map<string, { writers: Map<string, string>; timer: ReturnType<typeof setTimeout> }>();

  async function check(pad: string, writers: Map<string, string>): Promise<void> {
    const text = await options.padText(pad).catch(() => undefined);
    if (text === undefined) return;
    const row = await sql.get<{ mentions: string }>('SELECT mentions FROM pad_mentions_seen WHERE pad = ?', [pad]);
    const seen = row ? (JSON.parse(row.mentions) as MentionHit[]) : [];
    const dir = await options.directory();
    const byPerson = (h: string) => dir.resolve(h)?.id ?? foldHandle(h);
    const fresh = newMentions(seen, text, byPerson);
    await sql.run(
      'INSERT INTO pad_mentions_seen (pad, mentions, updated_at) VALUES (?, ?, ?) ON CONFLICT (pad) DO UPDATE SET mentions = excluded.mentions, updated_at = excluded.updated_at',
      [pad, JSON.stringify(findMentions(text)), now()],
    );
    const sole = writers.size === 1 ? [...writers][0] : undefined;
    const told = new Set<string>();
    for (const hit of fresh) {
      const person = dir.resolve(hit.handle);
      if (!person || told.has(person.id)) continue;
      told.add(person.id);
      await deliver(options, {
        userId: person.id, actorId: sole?.[0], actorName: [...writers.values()].join(', ') || undefined, kind: 'mention', target: { kind: 'pad', name: pad }, excerpt: excerptOf(hit.line),
      });
    }
  }

  const run = (pad: string) => {
    const entry = pending.get(pad);
    if (!entry) return;
    clearTimeout(entry.timer);
    pending.delete(pad);
    enqueue(`pad ${pad}`, () => check(pad, entry.writers));
  };

  return {
    /** Hears one `pad.stored`: (re)starts the pad's quiet timer. */
    heard({ pad, writers }: { pad: string; writers: { id: string; name: string }[] }): void {
      const entry = pending.get(pad) ?? { writers: new Map<string, string>(), timer: setTimeout(() => undefined, 0) };
      clearTimeout(entry.timer);
      for (const w of writers) entry.writers.set(w.id, w.name);
      entry.timer = setTimeout(() => run(pad), quietMs);
      entry.timer.unref();
      pending.set(pad, entry);
    },
    /** Pads stored and not yet read for mentions. */
    pending: (): string[] => [...pending.keys()],
    /** Reads every waiting pad now (shutdown, tests). */
    flush(): void {
      for (const pad of [...pending.keys()]) run(pad);
    },
    /** Forgets the timers. */
    close(): void {
      for (const { timer } of pending.values()) clearTimeout(timer);
      pending.clear();
    },
  };
}
