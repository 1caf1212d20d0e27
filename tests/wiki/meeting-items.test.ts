/** The register takes each meeting's decisions and actions from the index's parse (and its snapshot), reading no text back: the home page needs them at start. */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRegister, createDecisionRegister, meetingTypes } from '../../server/register/register.ts';
import { createWikiIndex } from '../../server/wiki/wiki-index.ts';

let root: string;
let dir: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'gare-meeting-items-'));
  dir = path.join(root, 'wiki');
  await cp(path.resolve(import.meta.dirname, '../../content'), dir, { recursive: true });
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('meeting items kept by the index', () => {
  it('give the register the texts would give, with no text read, in thread, in workers and after a restart', async () => {
    const snapshotFile = path.join(root, 'data', 'index-snapshot.ndjson');
    const first = createWikiIndex({ dir, snapshotFile, workerThreshold: Number.POSITIVE_INFINITY });
    await first.refresh();
    const meetings = first.all().filter((p) => meetingTypes.has(p.meta.type));
    expect(meetings.length).toBeGreaterThan(2);
    // What the register was built from before: every meeting's text read back.
    const fromTexts = buildRegister(await Promise.all(meetings.map(async (page) => ({ page, source: (await first.pageSource(page))?.source ?? '' }))));
    expect(fromTexts.decisions.length + fromTexts.actions.length).toBeGreaterThan(0);
    const readsBefore = first.sourceCounters.fileReads;
    expect(await createDecisionRegister({ index: first }).current()).toEqual(fromTexts);
    expect(first.sourceCounters.fileReads).toBe(readsBefore);

    const inWorkers = createWikiIndex({ dir, workerThreshold: 1 });
    await inWorkers.refresh();
    expect(await createDecisionRegister({ index: inWorkers }).current()).toEqual(fromTexts);
    expect(inWorkers.sourceCounters.fileReads).toBe(0);

    await first.saveSnapshot({ head: undefined });
    const again = createWikiIndex({ dir, snapshotFile });
    await again.refresh();
    expect(again.counters.pagesRead).toBe(0);
    expect(await createDecisionRegister({ index: again }).current()).toEqual(fromTexts);
    expect(again.sourceCounters.fileReads).toBe(0);
  });
});
