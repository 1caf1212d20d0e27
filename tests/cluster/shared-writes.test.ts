/**
 * The coordination of writes between instances, alone: when a write pulls from the forge first,
 * and what happens when its push is refused. The forge is a recording stand-in here; the real
 * forge, Redis and two hubs are in two-instances.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { createSharedWrites, type ForgeOps } from '../../server/cluster/shared-writes.ts';
import type { ContentLock } from '../../server/cluster/content-lock.ts';

const lock: ContentLock = { run: (fn) => fn() };

/** A forge whose recorded tip and our HEAD are given, recording the calls made to it. */
function forgeWith({ known, local, refusePushes = 0 }: { known: string | undefined; local: string; refusePushes?: number }) {
  const calls: string[] = [];
  let refusals = refusePushes;
  const forge: ForgeOps = {
    knownHead: async () => known,
    localHead: async () => local,
    pullNow: async () => {
      calls.push('pull');
      return { pulled: 'merge' };
    },
    pushNow: async () => {
      calls.push('push');
      if (refusals-- > 0) throw new Error('not-fast-forward');
      return true;
    },
    syncBranches: async ({ fetch }) => calls.push(fetch ? 'fetch-branches' : 'send-branches'),
  };
  return { forge, calls };
}

const head = 'a'.repeat(40);

describe('shared writes', () => {
  it('skip the pull when this instance holds the tip last pushed', async () => {
    const { forge, calls } = forgeWith({ known: head, local: head });
    const writes = createSharedWrites({ lock, forge, afterPull: async () => undefined, onPushFailed: () => undefined });
    await writes.around(async () => ({ changed: true }));
    expect(calls).toEqual(['push']);
  });

  it('pull first when the tip is unknown or another one', async () => {
    for (const known of [undefined, 'b'.repeat(40)]) {
      const { forge, calls } = forgeWith({ known, local: head });
      const writes = createSharedWrites({ lock, forge, afterPull: async () => undefined, onPushFailed: () => undefined });
      await writes.around(async () => ({ changed: true }));
      expect(calls).toEqual(['pull', 'push']);
    }
  });

  it('merge and send again when the push is refused, and report a second refusal', async () => {
    const once = forgeWith({ known: head, local: head, refusePushes: 1 });
    let pulledAfter = 0;
    const failures: unknown[] = [];
    const writes = createSharedWrites({ lock, forge: once.forge, afterPull: async () => pulledAfter++, onPushFailed: (e) => failures.push(e) });
    expect(await writes.around(async () => ({ changed: true }))).toEqual({ changed: true });
    expect(once.calls).toEqual(['push', 'pull', 'push']);
    expect(pulledAfter).toBe(1);
    expect(failures).toEqual([]);

    const twice = forgeWith({ known: head, local: head, refusePushes: 2 });
    const again = createSharedWrites({ lock, forge: twice.forge, afterPull: async () => undefined, onPushFailed: (e) => failures.push(e) });
    // The commit is kept either way: the write answers, the scheduled round sends it later.
    expect(await again.around(async () => ({ changed: true }))).toEqual({ changed: true });
    expect(failures).toHaveLength(1);
  });

  it('run a proposal round whole: branches fetched, step, then sent; a commit inside does not take the lock again', async () => {
    const { forge, calls } = forgeWith({ known: head, local: head });
    let taken = 0;
    const counting: ContentLock = { run: (fn) => (taken++, fn()) };
    const writes = createSharedWrites({ lock: counting, forge, afterPull: async () => undefined, onPushFailed: () => undefined });
    await writes.aroundProposals(async () => {
      calls.push('step');
      await writes.around(async () => ({ changed: true }));
    });
    expect(taken).toBe(1);
    expect(calls).toEqual(['fetch-branches', 'step', 'push', 'send-branches']);
  });
});
