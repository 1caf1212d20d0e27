import { createHmac } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { claimChanges, createWorkClaims } from '../../server/cluster/work-claims.ts';
import type { PageChange } from '../../server/events/hub-events.ts';
import { createMailPreferences } from '../../server/mail/mail-preferences.ts';
import type { Page } from '../../server/wiki/page.ts';
import type { PagePath } from '../../server/wiki/paths.ts';
import { addPersonRow, openAccountTables } from '../helpers/account-tables.ts';
import { describeEachStore } from '../helpers/stores.ts';

// Claims key on a page's blob id: a text stands for it here.
const page = (source: string) => ({ blob: source }) as Page;
const change = (path: string, before: string | undefined, after: string | undefined): PageChange => ({
  path: path as PagePath,
  before: before === undefined ? undefined : page(before),
  after: after === undefined ? undefined : page(after),
});

describeEachStore('work done once per hub', (open) => {
  it('gives each key to the first instance, and again once its window has passed', async () => {
    const sql = await openAccountTables(open);
    const clock = { t: 1_000_000 };
    const [a, b] = [createWorkClaims({ sql, now: () => clock.t }), createWorkClaims({ sql, now: () => clock.t })];
    expect(await a.claim('digest:p-ana', 60_000)).toBe(true);
    expect(await b.claim('digest:p-ana', 60_000)).toBe(false);
    expect(await a.claim('digest:p-ana', 60_000)).toBe(false);
    clock.t += 60_001;
    expect(await b.claim('digest:p-ana', 60_000)).toBe(true);
  });

  it('tells each page change once, even when two instances saw it in syncs of different sizes', async () => {
    const sql = await openAccountTables(open);
    const [a, b] = [createWorkClaims({ sql, now: Date.now }), createWorkClaims({ sql, now: Date.now })];
    // A synced after each of its two commits; B fetched both at once.
    const first = await claimChanges(a, 'notifications', [change('p.md', 'v0', 'v1')]);
    const onB = await claimChanges(b, 'notifications', [change('q.md', undefined, 'neuve'), change('p.md', 'v0', 'v1')]);
    const second = await claimChanges(a, 'notifications', [change('q.md', undefined, 'neuve')]);
    expect(first.map((c) => c.path)).toEqual(['p.md']);
    expect(onB.map((c) => c.path)).toEqual(['q.md']);
    expect(second).toEqual([]);
    // Webhooks claim for themselves: the same change is still theirs to send.
    expect(await claimChanges(a, 'webhooks', [change('p.md', 'v0', 'v1')])).toHaveLength(1);
    // One instance on SQLite claims nothing: every change is its own.
    expect(await claimChanges(undefined, 'notifications', [change('p.md', 'v0', 'v1')])).toHaveLength(1);
  });

  it('derives the same unsubscribe link on every instance, keeping a key from before', async () => {
    const sql = await openAccountTables(open);
    const ana = await addPersonRow(sql, { id: 'p-ana', name: 'Ana' });
    const folder = (name: string) => path.join(mkdtempSync(path.join(tmpdir(), `gare-${name}-`)), 'mail-key');
    const legacy = folder('a');
    writeFileSync(legacy, Buffer.alloc(32, 7));
    const [onA, onB] = [createMailPreferences({ sql, keyFile: legacy }), createMailPreferences({ sql, keyFile: folder('b') })];
    const token = await onA.unsubscribeToken(ana);
    expect(await onB.unsubscribeToken(ana)).toBe(token);
    // The key of the data folder's file was taken over: links of e-mails sent before still work.
    expect(token).toBe(createHmac('sha256', Buffer.alloc(32, 7)).update(`unsubscribe:${ana}`).digest('base64url'));
    expect((await onB.unsubscribe(token)).name).toBe('Ana');
  });
});
