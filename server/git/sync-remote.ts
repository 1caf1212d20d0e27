/**
 * Keeps the content repository in step with a remote (the organisation's forge): fetch, merge
 * the remote branch into ours without losing either side, push. Never force-pushes.
 */
import fs from 'node:fs';
import git from 'isomorphic-git';
import http from 'isomorphic-git/http/node';
import type { CommitAtHeadResult, DecideAtHead } from './commit-at-head.ts';
import { readHead } from './head.ts';
import { seedAuthor } from './seed-repo.ts';
import { describeSyncError, type SyncErrorCode } from './sync-errors.ts';
import { planMerge, type SyncConflict } from './tree-merge.ts';

/** Outcome of one synchronisation, for the admin page and the logs. */
export interface SyncStatus {
  /** True when local and remote hold the same history after this round. */
  ok: boolean;
  /** Stable code: `Synced` or the cause of the failure. */
  code: 'Synced' | SyncErrorCode;
  /** What happened, in French, with what to do. */
  message: string;
  /** When this round ended, ISO 8601. */
  at: string;
  /** How remote commits came in. */
  pulled: 'none' | 'fast-forward' | 'merge';
  /** True when local commits were sent. */
  pushed: boolean;
  /** Files changed on both sides: theirs saved next to ours. */
  conflicts: SyncConflict[];
  /** When the next attempt is planned, if a schedule runs. */
  nextAttemptAt?: string;
}

/** The write path merges go through: the hub's editing service (its lock, the expected head). */
export interface HeadWriter {
  /** Decides on HEAD and writes on exactly that HEAD under the one edit lock. */
  commitAtHead<T>(decide: DecideAtHead<T>, options?: { sync?: boolean; shared?: boolean }): Promise<CommitAtHeadResult<T>>;
}

/** Options of `createRemoteSync`. */
export interface RemoteSyncOptions {
  /** Working tree of the content repository. */
  dir: string;
  /** HTTPS (or HTTP) URL of the remote repository. */
  url: string;
  /** Access token, sent as the Basic-auth password. */
  token: string;
  /** Clock. */
  now: () => Date;
  /** The hub's write path: merges and fast-forwards take the same lock as every edit. */
  editing: HeadWriter;
  /** Told after every round. */
  onStatus?: ((status: SyncStatus) => void) | undefined;
  /** Branch synchronised on both sides. */
  branch?: string;
  /** Name of the remote in the repository config. */
  remote?: string;
  /** Longest wait between failed attempts. */
  maxBackoffMs?: number;
  /** Wraps each scheduled round (several instances: the shared content lock). */
  exclusive?: (<T>(round: () => Promise<T>) => Promise<T>) | undefined;
  /** Told after each successful push, with the commit now on the remote, awaited (several instances: recorded, announced). */
  onPushed?: ((head: string) => void | Promise<void>) | undefined;
  /** Run at the end of each scheduled round, inside it (several instances: the proposal branches settled). */
  alsoEachRound?: (() => Promise<unknown>) | undefined;
}

/** What one pull brought. */
export interface PullOutcome {
  /** How remote commits came in. */
  pulled: SyncStatus['pulled'];
  /** Files changed on both sides: theirs saved next to ours. */
  conflicts: SyncConflict[];
  /** The remote branch's commit, if it exists. */
  theirs: string | undefined;
  /** Our HEAD after the pull. */
  ours: string | undefined;
}

/** Creates the synchroniser; `syncNow()` runs one round, `start()` repeats them. */
export function createRemoteSync(options: RemoteSyncOptions) {
  const { dir, url, token, now, editing, onStatus, branch = 'main', remote = 'gare-distant', maxBackoffMs = 15 * 60_000 } = options;
  const exclusive = options.exclusive ?? (<T>(round: () => Promise<T>) => round());
  const onAuth = () => ({ username: 'gare', password: token });
  // Without this isomorphic-git would ask again forever with the same refused token.
  const onAuthFailure = () => ({ cancel: true });
  let running: Promise<SyncStatus> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let failures = 0;
  let stopped = true;

  /**
   * Fetches the remote branch and brings it into ours (fast-forward or merge) under the edit lock.
   * `announced`: the branch is known to exist there (another instance just pushed it), so the
   * round trip that asks whether it does is skipped.
   */
  async function pull({ announced = false }: { announced?: boolean } = {}): Promise<PullOutcome> {
    await git.addRemote({ fs, dir, remote, url, force: true });
    const exists = announced || (await git.listServerRefs({ http, url, onAuth, onAuthFailure, prefix: `refs/heads/${branch}` })).some((r) => r.ref === `refs/heads/${branch}`);
    let theirs: string | undefined;
    if (exists) {
      const fetched = await git.fetch({ fs, http, dir, remote, ref: branch, singleBranch: true, tags: false, onAuth, onAuthFailure });
      theirs = fetched.fetchHead ?? undefined;
    }
    let pulled: SyncStatus['pulled'] = 'none';
    let conflicts: SyncConflict[] = [];
    let ours = await readHead(dir);
    if (theirs) {
      const target = theirs;
      // Planned on the HEAD read under the lock and written on that HEAD: an edit landing meanwhile
      // makes the plan start again (the hub syncs itself after a pull: `afterPull`).
      type Pulled = { pulled: SyncStatus['pulled']; conflicts: SyncConflict[] };
      const done = await editing.commitAtHead<Pulled>(async (head) => {
        const plan = await planMerge({ dir, ours: head, theirs: target });
        if (plan.kind === 'fast-forward') {
          return { fastForward: { target, changes: plan.changes }, value: { pulled: 'fast-forward', conflicts: [] } };
        }
        if (plan.kind === 'merge') {
          const list = plan.conflicts.map((c) => `- ${c.path} : version distante gardée dans ${c.savedAs}`);
          const message = ['Fusionne les modifications du dépôt distant', ...(list.length ? ['', 'À réconcilier :', ...list] : [])];
          const commit = { changes: plan.changes, author: seedAuthor, message: message.join('\n'), mergeParents: [target] };
          return { commit, value: { pulled: 'merge', conflicts: plan.conflicts } };
        }
        return { value: { pulled: 'none', conflicts: [] } };
      }, { sync: false, shared: false });
      ours = done.oid;
      pulled = done.value.pulled;
      conflicts = done.value.conflicts;
    }
    return { pulled, conflicts, theirs, ours };
  }

  /** Sends our branch when the remote lacks it (never forced: a remote ahead refuses it). */
  async function push(ours: string | undefined, theirs: string | undefined): Promise<boolean> {
    if (!ours || ours === theirs) return false;
    const result = await git.push({ fs, http, dir, remote, ref: branch, remoteRef: branch, onAuth, onAuthFailure });
    if (!result.ok) throw Object.assign(new Error(result.error ?? 'push rejected'), { code: 'PushRejected' });
    await options.onPushed?.(ours);
    return true;
  }

  async function round(): Promise<Omit<SyncStatus, 'at' | 'ok' | 'code' | 'message'>> {
    return exclusive(async () => {
      const { pulled, conflicts, theirs, ours } = await pull();
      const pushed = await push(ours, theirs);
      await options.alsoEachRound?.();
      return { pulled, pushed, conflicts };
    });
  }

  async function syncOnce(): Promise<SyncStatus> {
    let status: SyncStatus;
    try {
      const done = await round();
      const message =
        done.conflicts.length > 0
          ? `Synchronisé. ${done.conflicts.length} page(s) modifiée(s) des deux côtés : la version distante est gardée à côté ` +
            `(${done.conflicts.map((c) => c.savedAs).join(', ')}). Réconciliez puis supprimez ces copies.`
          : 'Synchronisé avec le dépôt distant.';
      status = { ok: true, code: 'Synced', message, at: now().toISOString(), ...done };
      failures = 0;
    } catch (error) {
      failures++;
      const { code, message } = describeSyncError(error, url);
      status = { ok: false, code, message, at: now().toISOString(), pulled: 'none', pushed: false, conflicts: [] };
    }
    return status;
  }

  function schedule(intervalMs: number, status: SyncStatus): void {
    if (stopped) return;
    const delay = status.ok ? intervalMs : Math.min(intervalMs * 2 ** Math.min(failures, 20), maxBackoffMs);
    status.nextAttemptAt = new Date(now().getTime() + delay).toISOString();
    timer = setTimeout(() => {
      void sync().then((next) => {
        schedule(intervalMs, next);
        onStatus?.(next);
      });
    }, delay);
  }

  function sync(): Promise<SyncStatus> {
    running ??= syncOnce().finally(() => (running = undefined));
    return running;
  }

  return {
    /** Fetches and merges the remote now, outside any schedule; throws when the remote cannot be reached. */
    pullNow: (options?: { announced?: boolean }) => pull(options),
    /** Pushes HEAD now if the remote lacks it; throws when refused or unreachable. */
    async pushNow(): Promise<boolean> {
      const head = await readHead(dir);
      const theirs = await git.resolveRef({ fs, dir, ref: `refs/remotes/${remote}/${branch}` }).catch(() => undefined);
      return push(head, theirs);
    },
    /** The status of a failure, for the admin page and the logs. */
    describe: (error: unknown) => describeSyncError(error, url),
    /** Runs one round now (joins the round in progress, if any) and reports its status. */
    async syncNow(): Promise<SyncStatus> {
      const status = await sync();
      onStatus?.(status);
      return status;
    },
    /** Syncs now, then every `intervalMs`; after failures waits twice as long each time. */
    start(intervalMs: number): void {
      if (!stopped) return;
      stopped = false;
      void sync().then((status) => {
        schedule(intervalMs, status);
        onStatus?.(status);
      });
    },
    /** Stops the schedule (a round in progress finishes). */
    stop(): void {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}

/** A remote synchroniser. */
export type RemoteSync = ReturnType<typeof createRemoteSync>;
