import { describe, expect, it } from 'vitest';
import { createCommentStore } from '../../server/comments/comment-store.ts';
import { noMoreOpen } from '../../server/comments/comment-wiring.ts';
import { addPersonRow, openAccountTables } from '../helpers/account-tables.ts';
import { describeEachStore } from '../helpers/stores.ts';

const ana = { id: 'p-ana', name: 'Ana' };
const ben = { id: 'p-ben', name: 'Ben' };
const page = { kind: 'page' as const, target: 'notes/a.md' };

describeEachStore('the comments store', (open) => {
  async function setup() {
    const sql = await openAccountTables(open);
    for (const p of [ana, ben]) await addPersonRow(sql, p);
    let clock = 1_000;
    return { sql, store: createCommentStore({ sql, now: () => clock++ }) };
  }

  it('keeps a thread with its anchor and comments in order, and who resolved it', async () => {
    const { store } = await setup();
    const { thread } = await store.createThread({ target: page, anchor: { kind: 'passage', quote: 'Le mardi', prefix: 'avant', suffix: 'après' }, author: ana, body: 'Un' });
    await store.reply(thread.id, ben, 'Deux');
    await store.setResolved(thread.id, ben.id);
    const { threads, comments } = await store.list(page);
    expect(threads.map((t) => [t.anchor_kind, t.anchor_quote, t.anchor_prefix, t.resolved_by_name])).toEqual([['passage', 'Le mardi', 'avant', 'Ben']]);
    expect(comments.map((c) => [c.author_name, c.body])).toEqual([['Ana', 'Un'], ['Ben', 'Deux']]);
    await store.setResolved(thread.id, undefined);
    expect((await store.thread(thread.id))?.resolved_at).toBeNull();
  });

  it('empties a deleted comment, and drops the thread with its last comment', async () => {
    const { store } = await setup();
    const { thread, comment } = await store.createThread({ target: page, anchor: { kind: 'page' }, author: ana, body: 'Secret' });
    const reply = await store.reply(thread.id, ben, 'Réponse');
    expect(await store.remove(comment.id)).toEqual({ threadRemoved: false });
    expect(await store.comment(comment.id)).toMatchObject({ body: '', deleted_at: expect.any(Number) });
    expect(await store.remove(reply.id)).toEqual({ threadRemoved: true });
    expect(await store.thread(thread.id)).toBeUndefined();
    expect(await store.comment(reply.id)).toBeUndefined();
  });

  it('moves and removes all the threads of a target, and finds a passage again after a move', async () => {
    const { sql, store } = await setup();
    const to = { kind: 'page' as const, target: 'notes/b.md' };
    const { thread } = await store.createThread({ target: page, anchor: { kind: 'passage', quote: 'mot', prefix: 'a', suffix: 'b' }, author: ana, body: 'Un' });
    await store.createThread({ target: page, anchor: { kind: 'heading', heading: 'titre' }, author: ben, body: 'Deux' });
    expect((await store.move(page, to)).sort()).toHaveLength(2);
    expect((await store.list(page)).threads).toEqual([]);
    await store.reanchor(thread.id, { prefix: 'x', suffix: 'y' });
    expect(await store.thread(thread.id)).toMatchObject({ target: 'notes/b.md', anchor_prefix: 'x', anchor_suffix: 'y' });
    expect(await store.removeAll(to)).toBe(2);
    expect(await sql.get('SELECT COUNT(*) AS n FROM comments')).toEqual({ n: 0 });
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
