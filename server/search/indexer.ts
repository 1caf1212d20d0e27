/**
 * Pagefind bundles per audience: a base bundle (full build) plus a small delta bundle of the pages
 * changed since, so an edit is searchable in well under a second even on a 10,000-page wiki.
 */
import { audiences, groupAudience, isVisibleTo, SearchRecordSchema, type Audience, type RecordFollower, type SearchRecord } from './record.ts';
import { createVersionIds } from './bundle-dirs.ts';
import type { Visibility } from '../wiki/schema.ts';
import { createAudiencePublisher, type AudiencePublisher, type AudienceStats } from './audience-publisher.ts';
import { createJobQueue } from './job-queue.ts';
import { closePagefindService } from './bundle.ts';
import { createSerial } from '../util/serial.ts';
import { readFollowerState, recordsDigest, writeFollowerState } from './follower-state.ts';
import { createIdleWork, type IdleWork } from '../util/idle-work.ts';
import { join } from 'node:path';
import { createRecordTexts, type RecordTextCounts, type RecordTexts } from './record-texts.ts';

export type { AudienceStats } from './audience-publisher.ts';

/** Options of `createSearchIndexer`. */
export interface SearchIndexerOptions {
  /** Folder of the bundles: `<outDir>/<audience>/` is served at `/pagefind/<audience>/`. */
  outDir: string;
  /** Clock (bundle ids, manifest dates, delta age). */
  now?: () => Date;
  /** Above this many delta pages, the base is rebuilt in the background (default 200). */
  maxDeltaPages?: number;
  /** A delta older than this triggers a background base rebuild at the next update (default 15 min). */
  maxDeltaAgeMs?: number;
  /** Receives failures of background base rebuilds (default: console.error). */
  onError?: (error: unknown) => void;
  /** Kept in step with the records as changes are applied (suggester, server-side search). */
  followers?: RecordFollower[];
  /**
   * Most pages in one Pagefind index (default 10,000): a larger base is built in parts, one after
   * the other, so the indexer process never holds more (about 70 kB of memory per page).
   */
  maxPagesPerIndex?: number;
  /** Feeds the followers at start in slices that yield to visitors (default: slices that only yield to I/O). */
  idle?: Pick<IdleWork, 'each'>;
}

/** A batch of page changes. */
export interface SearchChange {
  /** Pages created or edited (including visibility changes). */
  upserts?: SearchRecord[];
  /** URLs of deleted pages. */
  removedUrls?: string[];
}

/** The search indexer: one base + delta per audience, builds serialised, bursts coalesced. */
export interface SearchIndexer {
  /** Replaces every record and rebuilds every base bundle; resolves once they are live. */
  rebuildAll(records: Iterable<SearchRecord>): Promise<void>;
  /** Applies changes; resolves once they are searchable (delta written, manifest swapped). */
  update(change: SearchChange): Promise<void>;
  /** Sizes, versions and last build times; `followersRestored`: the last start took their saved state back; `texts`: record texts made and taken back. */
  stats(): { records: number; followersRestored: boolean; texts: RecordTextCounts; audiences: Record<Visibility, AudienceStats> & Partial<Record<Audience, AudienceStats>> };
  /** Plain texts of the records by blob, kept across restarts: pass them to `readSearchRecords`. */
  texts: RecordTexts;
  /** Whether a bundle of this audience exists (the base ones always; a group's once a page names it). */
  hasAudience(audience: string): boolean;
  /** The bundles of sets of groups (`groupe-<key>[+<key>…]`), sorted, each with the group keys it is for. */
  groupAudiences(): { audience: Audience; groups: string[] }[];
  /** Resolves when no build (queued or background) is running. */
  idle(): Promise<void>;
  /** Saves the followers' state and the record texts for the next start (when the hub stops). */
  saveState(): Promise<void>;
}

/** Creates the indexer; nothing is written before `rebuildAll`. */
export function createSearchIndexer(options: SearchIndexerOptions): SearchIndexer {
  const now = options.now ?? (() => new Date());
  const maxDeltaPages = options.maxDeltaPages ?? 200;
  const maxDeltaAgeMs = options.maxDeltaAgeMs ?? 15 * 60_000;
  const maxPagesPerIndex = options.maxPagesPerIndex ?? 10_000;
  const onError = options.onError ?? ((error: unknown) => console.error('Recherche : reconstruction échouée', error));
  const newId = createVersionIds(now);
  const followers = options.followers ?? [];
  const queue = createJobQueue<SearchChange>({ run: (batch) => applyChanges(batch), merge: mergeChanges });
  const records = new Map<string, SearchRecord>();
  const texts = createRecordTexts({ file: join(options.outDir, '.state', 'texts.ndjson') });
  const lastChange = new Map<string, number>();
  let seq = 0;
  let followersRestored = false;
  // The base audiences, then one per group named by some page (kept once created: an emptied
  // group's bundle is rebuilt empty, so its old words go).
  const publishers = new Map<Audience, AudiencePublisher>();
  const background = new Map<Audience, Promise<void>>();
  const addPublisher = (audience: Audience): AudiencePublisher => {
    const made = createAudiencePublisher({ outDir: options.outDir, audience, records, lastChange, seq: () => seq, newId, now, maxPagesPerIndex });
    publishers.set(audience, made);
    return made;
  };
  for (const audience of audiences) addPublisher(audience);
  /** Publishers of groups that records name and that have none yet. */
  const groupsOf = new Map<Audience, string[]>();
  const newGroupPublishers = (named: Iterable<SearchRecord>): AudiencePublisher[] => {
    const fresh: AudiencePublisher[] = [];
    for (const r of named) {
      const groups = r.groups ?? [];
      const audience = groupAudience(groups);
      if (groups.length === 0 || publishers.has(audience)) continue;
      groupsOf.set(audience, [...new Set(groups)].sort());
      fresh.push(addPublisher(audience));
    }
    return fresh;
  };

  // Bases are built one at a time on the `background` service, which is stopped when none waits:
  // its process keeps the memory of the largest index it built until it exits. During a full
  // rebuild it stays up from one audience to the next (one start, not one per group).
  const baseBuilds = createSerial();
  let rebuilding = false;
  /** Stops the base service when no base build but `own` (the caller's, 0 or 1) is queued or running. */
  const stopBaseService = async (own: 0 | 1) => {
    if (!rebuilding && baseBuilds.size() <= own) await closePagefindService('background');
  };
  const buildBase = (publisher: AudiencePublisher) =>
    baseBuilds.run(async () => {
      try {
        return await publisher.buildBase('background');
      } finally {
        await stopBaseService(1);
      }
    });

  /** Forgets change marks that every live base already includes. */
  function pruneChanges(): void {
    const minSeq = Math.min(...[...publishers.values()].map((p) => p.baseSeq()));
    for (const [url, changeSeq] of lastChange) if (changeSeq <= minSeq) lastChange.delete(url);
  }

  async function applyChanges(batch: SearchChange): Promise<void> {
    seq += 1;
    const touched = new Set<string>();
    texts.forget(batch.removedUrls ?? []);
    for (const url of batch.removedUrls ?? []) {
      records.delete(url);
      lastChange.set(url, seq);
      touched.add(url);
    }
    for (const record of batch.upserts ?? []) {
      records.set(record.url, record);
      lastChange.set(record.url, seq);
      touched.add(record.url);
    }
    for (const follower of followers) {
      follower.remove(batch.removedUrls ?? []);
      follower.upsert(batch.upserts ?? []);
    }
    for (const fresh of newGroupPublishers(batch.upserts ?? [])) await fresh.commitBase(await fresh.buildBase('main'), true);
    for (const [audience, publisher] of publishers) {
      if (publisher.baseSeq() < 0) continue;
      const readable = (url: string) => {
        const r = records.get(url);
        return r !== undefined && isVisibleTo(r, audience);
      };
      const left = [...touched].filter((url) => !readable(url) && publisher.holds(url));
      if (![...touched].some((url) => readable(url) || publisher.holds(url))) continue; // e.g. a team edit, for `public`
      // The public base holds words of a page visitors may no longer read (made team-only or
      // deleted): rebuilt now. The team and a group read that page's old versions anyway (a version
      // is judged by its own visibility and groups), so their delta just drops it. A delta too big
      // for one index (a pull of thousands of pages) is a new base too, built in parts.
      if ((audience === 'public' && left.some((url) => publisher.baseHolds(url))) || publisher.deltaPages() > maxPagesPerIndex) {
        await publisher.commitBase(await buildBase(publisher), true);
        pruneChanges();
      } else {
        await publisher.publish(left.length > 0);
      }
      scheduleBaseIfNeeded(audience);
    }
  }

  function scheduleBaseIfNeeded(audience: Audience): void {
    const publisher = publishers.get(audience);
    if (!publisher || background.has(audience) || !publisher.needsBase(maxDeltaPages, maxDeltaAgeMs)) return;
    const job = buildBase(publisher)
      .then((built) => queue.exclusive(async () => {
        await publisher.commitBase(built, false);
        pruneChanges();
      }))
      .catch(onError)
      .finally(() => background.delete(audience));
    background.set(audience, job);
  }

  const idle = options.idle ?? createIdleWork();
  /** Gives followers every record in short slices, so neither visitors nor Pagefind's messages are held up. */
  async function feedFollowers(fed: RecordFollower[], all: SearchRecord[]): Promise<void> {
    if (fed.length === 0) return;
    for (const follower of fed) follower.setRecords([]);
    await idle.each(all, (record) => {
      for (const follower of fed) follower.upsert([record]);
    });
  }

  return {
    rebuildAll: (input) =>
      queue.exclusive(async () => {
        const parsed = [...input].map((r) => SearchRecordSchema.parse(r));
        records.clear();
        lastChange.clear();
        for (const r of parsed) records.set(r.url, r);
        texts.keepOnly(new Set(records.keys()));
        seq += 1;
        newGroupPublishers(parsed);
        // A base a previous run left on disk for these pages is taken as it is (seq - 1: what
        // differs from it is marked at seq and goes in its delta); the others are built.
        const all: AudiencePublisher[] = [];
        const adopted: AudiencePublisher[] = [];
        for (const p of publishers.values()) {
          const differ = await p.adoptBase(seq - 1, maxDeltaPages);
          if (differ === undefined) all.push(p);
          else {
            adopted.push(p);
            for (const url of differ) lastChange.set(url, seq);
          }
        }
        for (const p of adopted) await p.publish(true);
        // Public first, then the team's part, then each group's: each goes live as soon as it is
        // built. The followers are fed while Pagefind's process indexes the first one.
        // The followers' state saved by the last stop, when it was for these very records.
        const saved = followers.some((f) => f.loadState) ? await readFollowerState({ outDir: options.outDir, digest: recordsDigest(parsed) }) : undefined;
        const toFeed = followers.filter((f, i) => saved === undefined || f.loadState?.(parsed, saved[i]) !== true);
        followersRestored = toFeed.length === 0;
        const feeding = feedFollowers(toFeed, parsed);
        rebuilding = true;
        try {
          for (const p of all) await p.commitBase(await buildBase(p), true);
        } finally {
          rebuilding = false;
          await stopBaseService(0);
          await feeding;
        }
      }),
    update: (change) =>
      queue.push({
        upserts: (change.upserts ?? []).map((r) => SearchRecordSchema.parse(r)),
        removedUrls: change.removedUrls ?? [],
      }),
    texts,
    stats: () => ({
      records: records.size,
      followersRestored,
      texts: texts.counts(),
      audiences: Object.fromEntries([...publishers].map(([a, p]) => [a, p.stats(background.has(a))])) as Record<Visibility, AudienceStats> & Partial<Record<Audience, AudienceStats>>,
    }),
    hasAudience: (audience) => publishers.has(audience as Audience),
    groupAudiences: () => [...groupsOf].map(([audience, groups]) => ({ audience, groups })).sort((a, b) => a.audience.localeCompare(b.audience)),
    idle: async () => {
      while (queue.size() > 0 || background.size > 0) await Promise.all([queue.idle(), ...background.values()]);
    },
    // In the queue: the records and the followers' state are those of one same moment.
    saveState: () =>
      queue.exclusive(async () => {
        if (records.size === 0) return;
        await texts.save();
        if (!followers.every((f) => f.saveState)) return;
        const states = followers.map((f) => f.saveState?.());
        await writeFollowerState({ outDir: options.outDir, digest: recordsDigest(records.values()), states });
      }),
  };
}

/** Folds two change batches: the later change of a URL wins. */
function mergeChanges(waiting: SearchChange, next: SearchChange): SearchChange {
  const upserts = new Map((waiting.upserts ?? []).map((r) => [r.url, r]));
  const removed = new Set(waiting.removedUrls ?? []);
  for (const url of next.removedUrls ?? []) {
    upserts.delete(url);
    removed.add(url);
  }
  for (const r of next.upserts ?? []) {
    removed.delete(r.url);
    upserts.set(r.url, r);
  }
  return { upserts: [...upserts.values()], removedUrls: [...removed] };
}
