import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAccountDb } from '../../server/auth/account-db.ts';
import { createCommentStore, type CommentStore } from '../../server/comments/comment-store.ts';
import { noMoreOpen } from '../../server/comments/comment-wiring.ts';

let dir: string;
let db: DatabaseSync;
let store: CommentStore;
let clock = 1_000;
const ana = { id: 'p-ana', name: 'Ana' };
const ben = { id: 'p-ben', name: 'Ben' };
const page = { kind: 'page' as const, target: 'notes/a.md' };

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'gare-comments-'));
  db = openAccountDb(path.join(dir, 'accounts.sqlite'));
  for (const p of [ana, ben]) {
    db.prepare("INSERT INTO people (id, name, email, role, password_hash, active, created_at) VALUES (?, ?, ?, 'equipe', '', 1, 0)").run(p.id, p.name, `${p.id}@exemple.org`);
  }
  store = createCommentStore({ db, now: () => clock++ });
});
afterAll(async () => {
  db.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the comments store', () => {
  it('keeps a thread with its anchor and comments in order, and who resolved it', () => {
    const { thread } = store.createThread({ target: page, anchor: { kind: 'passage', quote: 'Le mardi', prefix: 'avant', suffix: 'après' }, author: ana, body: 'Un' });
    store.reply(thread.id, ben, 'Deux');
    store.setResolved(thread.id, ben.id);
    const { threads, comments } = store.list(page);
    expect(threads.map((t) => [t.anchor_kind, t.anchor_quote, t.anchor_prefix, t.resolved_by_name])).toEqual([['passage', 'Le mardi', 'avant', 'Ben']]);
    expect(comments.map((c) => [c.author_name, c.body])).toEqual([['Ana', 'Un'], ['Ben', 'Deux']]);
    store.setResolved(thread.id, undefined);
    expect(store.thread(thread.id)?.resolved_at).toBeNull();
  });

  it('empties a deleted comment, and drops the thread with its last comment', () => {
    const { thread, comment } = store.createThread({ target: page, anchor: { kind: 'page' }, author: ana, body: 'Secret' });
    const reply = store.reply(thread.id, ben, 'Réponse');
    expect(store.remove(comment.id)).toEqual({ threadRemoved: false });
    expect(store.comment(comment.id)).toMatchObject({ body: '', deleted_at: expect.any(Number) });
    expect(store.remove(reply.id)).toEqual({ threadRemoved: true });
    expect(store.thread(thread.id)).toBeUndefined();
    expect(store.comment(reply.id)).toBeUndefined();
  });

  it('moves and removes all the threads of a target', () => {
    const to = { kind: 'page' as const, target: 'notes/b.md' };
    const before = store.list(page).threads.length;
    expect(store.move(page, to)).toHaveLength(before);
    expect(store.list(page).threads).toEqual([]);
    expect(store.removeAll(to)).toBe(before);
    expect(db.prepare('SELECT COUNT(*) AS n FROM comments').get()).toEqual({ n: 0 });
  });
});

describe('carrying a pad’s threads to its page', () => {
  it.each([
    [{ visibility: 'equipe' }, { visibility: 'equipe' }, true],
    [{ visibility: 'equipe' }, { visibility: 'public' }, true],
    [{ visibility: 'public' }, { visibility: 'public' }, true],
    [{ visibility: 'public' }, { visibility: 'equipe' }, false],
    [{ visibility: 'equipe', groups: ['Cellule'] }, { visibility: 'equipe', groups: ['Cellule'] }, true],
    [{ visibility: 'equipe', groups: ['Cellule'] }, { visibility: 'equipe' }, false],
    [{ visibility: 'equipe' }, { visibility: 'equipe', groups: ['Cellule'] }, false],
    [{ visibility: 'equipe', groups: ['Autre'] }, { visibility: 'equipe', groups: ['Cellule'] }, false],
  ] as const)('page %o, pad %o: carried %s', (pageMeta, padMeta, carried) => {
    expect(noMoreOpen(pageMeta, padMeta)).toBe(carried);
  });
});
