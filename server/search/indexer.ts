/**
 * Pagefind bundles per audience: a base bundle (full build) plus a small delta bundle of the pages
 * changed since, so an edit is searchable in well under a second even on a 10,000-page wiki.
 */
import { audiences, isVisibleTo, SearchRecordSchema, type Audience, type RecordFollower, type SearchRecord } from './record.ts';
import { writeBundle } from './bundle.ts';
import { audienceDir, createVersionIds, removeBundlesExcept, stageBundle } from './bundle-dirs.ts';
import { planDelta, typeLabelsOf, type BaseState } from './delta-plan.ts';
import { writeManifest } from './manifest.ts';
import { createJobQueue } from './job-queue.ts';

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
}

/** A batch of page changes. */
export interface SearchChange {
  /** Pages created or edited (including visibility changes). */
  upserts?: SearchRecord[];
  /** URLs of deleted pages. */
  removedUrls?: string[];
}

/** Live state of one audience, as `stats()` reports it. */
export interface AudienceStats {
  baseVersion: string | undefined;
  basePages: number;
  deltaVersion: string | undefined;
  deltaPages: number;
  removedUrls: number;
  rebuildingBase: boolean;
  lastBaseMs: number | undefined;
  lastDeltaMs: number | undefined;
}

/** The search indexer: one base + delta per audience, builds serialised, bursts coalesced. */
export interface SearchIndexer {
  /** Replaces every record and rebuilds every base bundle; resolves once they are live. */
  rebuildAll(records: Iterable<SearchRecord>): Promise<void>;
  /** Applies changes; resolves once they are searchable (delta written, manifest swapped). */
  update(change: SearchChange): Promise<void>;
  /** Sizes, versions and last build times. */
  stats(): { records: number; audiences: Record<Audience, AudienceStats> };
  /** Resolves when no build (queued or background) is running. */
  idle(): Promise<void>;
}

interface AudienceState {
  base: (BaseState & { pages: number }) | undefined;
  delta: { version: string | undefined; urls: ReadonlySet<string>; pages: number; removed: number };
  kept: string[];
  deltaSince: number | undefined;
  background: Promise<void> | undefined;
  lastBaseMs: number | undefined;
  lastDeltaMs: number | undefined;
}

interface StagedBase {
  seq: number;
  urls: Set<string>;
  version: string;
  commit: () => Promise<string>;
  discard: () => Promise<void>;
  ms: number;
}

/** Creates the indexer; nothing is written before `rebuildAll`. */
export function createSearchIndexer(options: SearchIndexerOptions): SearchIndexer {
  const now = options.now ?? (() => new Date());
  const maxDeltaPages = options.maxDeltaPages ?? 200;
  const maxDeltaAgeMs = options.maxDeltaAgeMs ?? 15 * 60_000;
  const onError = options.onError ?? ((error: unknown) => console.error('Recherche : reconstruction échouée', error));
  const newId = createVersionIds(now);
  const followers = options.followers ?? [];
  const queue = createJobQueue<SearchChange>({ run: (batch) => applyChanges(batch), merge: mergeChanges });
  const records = new Map<string, SearchRecord>();
  const lastChange = new Map<string, number>();
  let seq = 0;
  const state = {} as Record<Audience, AudienceState>;
  for (const a of audiences) {
    state[a] = { base: undefined, delta: { version: undefined, urls: new Set(), pages: 0, removed: 0 }, kept: [], deltaSince: undefined, background: undefined, lastBaseMs: undefined, lastDeltaMs: undefined };
  }

  async function buildBase(audience: Audience): Promise<StagedBase> {
    const started = performance.now();
    const snapshot = [...records.values()].filter((r) => isVisibleTo(r, audience));
    const snapshotSeq = seq;
    const version = newId('base');
    const staged = await stageBundle({
      outDir: options.outDir, audience, bundleId: version,
      build: async (dir) => void (await writeBundle({ dir, records: snapshot, bundleId: version })),
    });
    return { ...staged, seq: snapshotSeq, version, urls: new Set(snapshot.map((r) => r.url)), ms: performance.now() - started };
  }

  /** Must run inside the queue: swaps the base in, then republishes the delta against it. */
  async function commitBase(audience: Audience, built: StagedBase, purge: boolean): Promise<void> {
    const s = state[audience];
    if (s.base && built.seq < s.base.seq) return built.discard(); // a newer base won meanwhile
    await built.commit();
    if (s.base) s.kept.push(s.base.version);
    s.base = { version: built.version, seq: built.seq, urls: built.urls, pages: built.urls.size };
    s.lastBaseMs = built.ms;
    await publish(audience, purge);
    const minSeq = Math.min(...audiences.map((a) => state[a].base?.seq ?? 0));
    for (const [url, changeSeq] of lastChange) if (changeSeq <= minSeq) lastChange.delete(url);
  }

  /** Builds the delta of `audience` against its base and swaps the manifest. */
  async function publish(audience: Audience, purge: boolean): Promise<void> {
    const s = state[audience];
    if (!s.base) return;
    const started = performance.now();
    const plan = planDelta({ audience, base: s.base, records, lastChange });
    let deltaVersion: string | undefined;
    if (plan.changed.length > 0) {
      deltaVersion = newId('delta');
      const bundleId = deltaVersion;
      const staged = await stageBundle({
        outDir: options.outDir, audience, bundleId,
        build: async (dir) => void (await writeBundle({ dir, records: plan.changed, bundleId })),
      });
      await staged.commit();
    }
    if (s.delta.version) s.kept.push(s.delta.version);
    s.delta = { version: deltaVersion, urls: new Set(plan.changed.map((r) => r.url)), pages: plan.changed.length, removed: plan.removed.length };
    s.deltaSince = plan.changed.length + plan.removed.length === 0 ? undefined : (s.deltaSince ?? now().getTime());
    const visible = [...records.values()].filter((r) => isVisibleTo(r, audience));
    await writeManifest({
      dir: audienceDir(options.outDir, audience),
      manifest: {
        baseVersion: s.base.version, basePath: `${s.base.version}/pagefind/`, basePages: s.base.pages,
        deltaVersion: deltaVersion ?? null, deltaPath: deltaVersion ? `${deltaVersion}/pagefind/` : null,
        deltaPages: plan.changed.length, changedUrls: plan.changed.map((r) => r.url), removedUrls: plan.removed,
        typeLabels: typeLabelsOf(visible), builtAt: now().toISOString(),
      },
    });
    // Keep the previous versions one round, for browsers that read the old manifest a moment ago;
    // on `purge` (a page left this audience) drop them at once: they still hold its words.
    s.kept = purge ? [] : s.kept.slice(-2);
    const keep = new Set([s.base.version, ...(deltaVersion ? [deltaVersion] : []), ...s.kept]);
    await removeBundlesExcept({ outDir: options.outDir, audience, keep });
    s.lastDeltaMs = performance.now() - started;
  }

  async function applyChanges(batch: SearchChange): Promise<void> {
    seq += 1;
    const touched = new Set<string>();
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
    for (const audience of audiences) {
      const s = state[audience];
      if (!s.base) continue;
      const readable = (url: string) => {
        const r = records.get(url);
        return r !== undefined && isVisibleTo(r, audience);
      };
      const held = (url: string) => s.base?.urls.has(url) === true || s.delta.urls.has(url);
      const left = [...touched].filter((url) => !readable(url) && held(url));
      if (![...touched].some((url) => readable(url) || held(url))) continue; // e.g. a team edit, for `public`
      if (audience === 'public' && left.some((url) => s.base?.urls.has(url))) {
        // The public base holds words of a page visitors may no longer read (made team-only or
        // deleted): rebuild it now. The team reads all history anyway, so its delta just drops it.
        await commitBase(audience, await buildBase(audience), true);
      } else {
        await publish(audience, left.length > 0);
      }
      scheduleBaseIfNeeded(audience);
    }
  }

  function scheduleBaseIfNeeded(audience: Audience): void {
    const s = state[audience];
    const tooBig = s.delta.pages + s.delta.removed > maxDeltaPages;
    const tooOld = s.deltaSince !== undefined && now().getTime() - s.deltaSince > maxDeltaAgeMs;
    if (s.background || !(tooBig || tooOld)) return;
    s.background = buildBase(audience)
      .then((built) => queue.exclusive(() => commitBase(audience, built, false)))
      .catch(onError)
      .finally(() => (s.background = undefined));
  }

  return {
    rebuildAll: (input) =>
      queue.exclusive(async () => {
        const parsed = [...input].map((r) => SearchRecordSchema.parse(r));
        records.clear();
        lastChange.clear();
        for (const r of parsed) records.set(r.url, r);
        for (const follower of followers) follower.setRecords(parsed);
        seq += 1;
        const built = await Promise.all(audiences.map((a) => buildBase(a)));
        for (const [i, a] of audiences.entries()) await commitBase(a, built[i] as StagedBase, true);
      }),
    update: (change) =>
      queue.push({
        upserts: (change.upserts ?? []).map((r) => SearchRecordSchema.parse(r)),
        removedUrls: change.removedUrls ?? [],
      }),
    stats: () => ({
      records: records.size,
      audiences: Object.fromEntries(
        audiences.map((a) => {
          const s = state[a];
          return [a, {
            baseVersion: s.base?.version, basePages: s.base?.pages ?? 0, deltaVersion: s.delta.version,
            deltaPages: s.delta.pages, removedUrls: s.delta.removed, rebuildingBase: s.background !== undefined,
            lastBaseMs: s.lastBaseMs, lastDeltaMs: s.lastDeltaMs,
          } satisfies AudienceStats];
        }),
      ) as Record<Audience, AudienceStats>,
    }),
    idle: async () => {
      for (;;) {
        const pending = audiences.map((a) => state[a].background).filter((p) => p !== undefined);
        await Promise.all([queue.idle(), ...pending]);
        if (audiences.every((a) => state[a].background === undefined) && queue.size() === 0) return;
      }
    },
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
