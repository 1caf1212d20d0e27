/**
 * A history build through the `git` binary when it can, through isomorphic-git otherwise: git
 * missing, or refusing the repository (not a normal one, another owner), or failing half-way —
 * then isomorphic-git goes on from the last batch handed out, and the caller is told why once.
 */
import type { BuildHistoryRecordsOptions, KnownTrees, NewCommitRecord } from './history-build.ts';
import { buildHistoryRecordsWithGit } from './history-git-build.ts';

/** Which reader built the records (the last one used, when git gave up half-way). */
export type HistoryReader = 'git' | 'isomorphic';

/** Options of `buildHistoryPreferringGit`. */
export interface BuildPreferringGitOptions extends BuildHistoryRecordsOptions {
  /** The git program (`git`: found on PATH); false: isomorphic-git only. */
  git: string | false;
  /** Told, in French, why git could not be used (isomorphic-git then builds what is left). */
  onFallback: (reason: string) => void;
}

/** What a build did. */
export interface HistoryBuildResult {
  /** Records handed out. */
  commits: number;
  /** Reader that finished the build. */
  reader: HistoryReader;
}

/** `known` plus the commits a build hands out: `add` each one as it goes. */
export function growingKnownTrees(known: KnownTrees): KnownTrees & { add(oid: string, tree: string): void } {
  const added = new Map<string, string>();
  return {
    has: (oid) => added.has(oid) || known.has(oid),
    get: (oid) => added.get(oid) ?? known.get(oid),
    *keys() {
      yield* known.keys();
      yield* added.keys();
    },
    add: (oid, tree) => void added.set(oid, tree),
  };
}

/** Why git could not be used, for the log. */
export function describeGitFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'programme git introuvable';
  return error instanceof Error ? error.message.split('\n', 1)[0] ?? String(error) : String(error);
}

/** Builds the records of the commits reachable from `head` and not known, git first. */
export async function buildHistoryPreferringGit(options: BuildPreferringGitOptions): Promise<HistoryBuildResult> {
  const { git, onFallback, ...build } = options;
  const known = growingKnownTrees(build.knownTrees);
  let commits = 0;
  let consumerFailed = false;
  const onBatch = async (batch: NewCommitRecord[]): Promise<void> => {
    for (const record of batch) known.add(record.oid, record.tree);
    commits += batch.length;
    try {
      await build.onBatch(batch);
    } catch (error) {
      // The caller's own failure (a cache file it could not write) is no reason to change readers.
      consumerFailed = true;
      throw error;
    }
  };
  if (git !== false) {
    try {
      await buildHistoryRecordsWithGit({ ...build, git, onBatch });
      return { commits, reader: 'git' };
    } catch (error) {
      if (consumerFailed) throw error;
      onFallback(describeGitFailure(error));
    }
  }
  // Loaded only now: in a worker thread, the git reader starts before isomorphic-git's reader is loaded.
  const { buildHistoryRecords } = await import('./history-build.ts');
  await buildHistoryRecords({ ...build, knownTrees: known, onBatch });
  return { commits, reader: 'isomorphic' };
}
