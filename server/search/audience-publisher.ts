/** The bundles of one audience: builds its base, publishes its delta and manifest, prunes old folders. */
import { isVisibleTo, type Audience, type SearchRecord } from './record.ts';
import { writeBundle, type PagefindServiceName } from './bundle.ts';
import { audienceDir, removeBundlesExcept, stageBundle } from './bundle-dirs.ts';
import { planDelta, typeLabelsOf, type BaseState } from './delta-plan.ts';
import { writeManifest } from './manifest.ts';
import { basePartDirs, hashesOf, readBaseNote, recordHash, writeBaseNote } from './base-notes.ts';

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
  /** True when the live base was found on disk at start (built by a previous run over the same pages). */
  reusedBase: boolean;
}

/** A base bundle built in staging, not yet live. */
export interface StagedBase {
  seq: number;
  /** Pagefind indexes it is split into. */
  parts: number;
  urls: Set<string>;
  /** Hash of each record, by URL (noted beside the base for the next start). */
  hashes: Record<string, string>;
  version: string;
  ms: number;
  commit: () => Promise<string>;
  discard: () => Promise<void>;
}

/** Options of `createAudiencePublisher`: the indexer's shared state, read-only here. */
export interface AudiencePublisherOptions {
  outDir: string;
  audience: Audience;
  records: ReadonlyMap<string, SearchRecord>;
  lastChange: ReadonlyMap<string, number>;
  /** Current change sequence number. */
  seq: () => number;
  newId: (kind: 'base' | 'delta') => string;
  now: () => Date;
  /** Most pages one Pagefind index holds: a larger base is split in parts, built one after the other. */
  maxPagesPerIndex: number;
}

/** Creates the publisher of one audience. */
export function createAudiencePublisher(options: AudiencePublisherOptions) {
  const { outDir, audience, records, lastChange, newId, now, maxPagesPerIndex } = options;
  let base: (BaseState & { pages: number; parts: number }) | undefined;
  let delta = { version: undefined as string | undefined, urls: new Set<string>() as ReadonlySet<string>, pages: 0, removed: 0 };
  let kept: string[] = [];
  let deltaSince: number | undefined;
  let lastBaseMs: number | undefined;
  let lastDeltaMs: number | undefined;
  let reusedBase = false;

  // One Pagefind index per part, one after the other: its process's memory follows the part.
  const stage = (bundleId: string, chosen: SearchRecord[], service: PagefindServiceName) =>
    stageBundle({
      outDir, audience, bundleId,
      build: async (dir) => {
        const parts = splitParts(chosen, maxPagesPerIndex);
        for (const [i, part] of parts.entries()) await writeBundle({ dir: i === 0 ? dir : `${dir}-${i}`, records: part, bundleId, service });
      },
    });

  /** Builds the delta against the base and swaps the manifest; `purge` drops previous folders at once. */
  async function publish(purge: boolean): Promise<void> {
    if (!base) return;
    const started = performance.now();
    const plan = planDelta({ audience, base, records, lastChange });
    const version = plan.changed.length > 0 ? newId('delta') : undefined;
    if (version) await (await stage(version, plan.changed, 'main')).commit();
    if (delta.version) kept.push(delta.version);
    delta = { version, urls: new Set(plan.changed.map((r) => r.url)), pages: plan.changed.length, removed: plan.removed.length };
    deltaSince = plan.changed.length + plan.removed.length === 0 ? undefined : (deltaSince ?? now().getTime());
    await writeManifest({
      dir: audienceDir(outDir, audience),
      manifest: {
        baseVersion: base.version, basePath: `${base.version}/pagefind/`, basePages: base.pages,
        ...(base.parts > 1 ? { baseMorePaths: basePartDirs(base.parts).slice(1).map((d) => `${base?.version ?? ''}/${d}/`) } : {}),
        deltaVersion: version ?? null, deltaPath: version ? `${version}/pagefind/` : null, deltaPages: plan.changed.length,
        changedUrls: plan.changed.map((r) => r.url), removedUrls: plan.removed,
        typeLabels: typeLabelsOf([...records.values()].filter((r) => isVisibleTo(r, audience))),
        builtAt: now().toISOString(),
      },
    });
    // Previous folders stay one round, for browsers that read the old manifest a moment ago; on
    // `purge` (a page left this audience) they go at once: they still hold its words.
    kept = purge ? [] : kept.slice(-2);
    await removeBundlesExcept({ outDir, audience, keep: new Set([base.version, ...(version ? [version] : []), ...kept]) });
    lastDeltaMs = performance.now() - started;
  }

  return {
    /** Builds a base of what the audience may read now, in staging (may run outside the queue). */
    async buildBase(service: PagefindServiceName = 'background'): Promise<StagedBase> {
      const started = performance.now();
      const snapshot = [...records.values()].filter((r) => isVisibleTo(r, audience));
      const seq = options.seq();
      const version = newId('base');
      const staged = await stage(version, snapshot, service);
      const parts = splitParts(snapshot, maxPagesPerIndex).length;
      return { ...staged, seq, parts, version, urls: new Set(snapshot.map((r) => r.url)), hashes: hashesOf(snapshot), ms: performance.now() - started };
    },
    /** Must run inside the indexer's queue: swaps the base in, then republishes the delta against it. */
    async commitBase(built: StagedBase, purge: boolean): Promise<void> {
      if (base && built.seq < base.seq) return built.discard(); // a newer base won meanwhile
      await built.commit();
      if (base) kept.push(base.version);
      base = { version: built.version, seq: built.seq, urls: built.urls, pages: built.urls.size, parts: built.parts };
      lastBaseMs = built.ms;
      reusedBase = false;
      await writeBaseNote({ outDir, audience, note: { layout: 2, version: built.version, parts: built.parts, hashes: built.hashes } });
      await publish(purge);
    },
    publish,
    /**
     * At start: takes the base bundle a previous run left on disk as live (at change `seq`) and
     * returns the URLs whose record differs from it, for the delta; undefined when there is none
     * to take, when a public page left the public (its words must go now), or when more than
     * `maxDelta` pages differ (one delta index would hold them: built anew, in parts).
     */
    async adoptBase(seq: number, maxDelta: number): Promise<string[] | undefined> {
      const note = base ? undefined : await readBaseNote({ outDir, audience });
      if (!note) return undefined;
      const differ: string[] = [];
      for (const r of records.values()) if (isVisibleTo(r, audience) && note.hashes[r.url] !== recordHash(r)) differ.push(r.url);
      const left = Object.keys(note.hashes).filter((url) => !records.has(url) || !isVisibleTo(records.get(url) as SearchRecord, audience));
      if ((audience === 'public' && left.length > 0) || differ.length + left.length > maxDelta) return undefined;
      const urls = new Set(Object.keys(note.hashes));
      base = { version: note.version, seq, urls, pages: urls.size, parts: note.parts };
      reusedBase = true;
      return [...differ, ...left];
    },
    /** Pages the next delta would hold. */
    deltaPages: () => (base ? planDelta({ audience, base, records, lastChange }).changed.length : 0),
    /** Whether the live base holds this URL. */
    baseHolds: (url: string) => base?.urls.has(url) === true,
    /** Whether the live base or delta holds this URL. */
    holds: (url: string) => base?.urls.has(url) === true || delta.urls.has(url),
    /** Change sequence number of the live base (-1 before the first build). */
    baseSeq: () => base?.seq ?? -1,
    /** Whether the delta grew too big or too old and the base should be rebuilt. */
    needsBase: (maxPages: number, maxAgeMs: number) =>
      delta.pages + delta.removed > maxPages || (deltaSince !== undefined && now().getTime() - deltaSince > maxAgeMs),
    /** Versions, sizes and build times. */
    stats: (rebuildingBase: boolean): AudienceStats => ({
      baseVersion: base?.version, basePages: base?.pages ?? 0, deltaVersion: delta.version, deltaPages: delta.pages,
      removedUrls: delta.removed, rebuildingBase, lastBaseMs, lastDeltaMs, reusedBase,
    }),
  };
}

/** The publisher of one audience. */
export type AudiencePublisher = ReturnType<typeof createAudiencePublisher>;

/** Records in consecutive parts of at most `max` (one part, maybe empty, at least). */
function splitParts<T>(items: T[], max: number): T[][] {
  const parts: T[][] = [];
  for (let i = 0; i < items.length; i += max) parts.push(items.slice(i, i + max));
  return parts.length > 0 ? parts : [[]];
}
