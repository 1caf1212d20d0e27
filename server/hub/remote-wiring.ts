/**
 * Optional sync with the organisation's git forge: on a schedule and shortly after each save.
 * With several instances (issue 13, `GARE_REDIS_URL` beside `GARE_REMOTE_URL`), each write is
 * pushed at once under the shared lock and announced, and an announcement from another instance
 * makes this one fetch at once.
 */
import type { Config } from '../config.ts';
import { createContentAnnounce } from '../cluster/content-announce.ts';
import { createForgeHead } from '../cluster/forge-head.ts';
import type { ContentLock } from '../cluster/content-lock.ts';
import type { RedisLink } from '../cluster/redis-link.ts';
import { createRemoteSync, type HeadWriter, type SyncStatus } from '../git/sync-remote.ts';
import { syncBranches } from '../git/sync-branches.ts';
import { readHead } from '../git/head.ts';
import { createCoalescing } from '../util/serial.ts';
import { stateFolders } from '../review/proposal-refs.ts';

/** The proposal branch folders, under `refs/heads/`, that several instances keep in step through the forge. */
const proposalFolders = Object.values(stateFolders).map((ref) => ref.replace(/^refs\/heads\//, ''));

/** What the instances share, when there are several. */
export interface HubCluster {
  /** This process's id in the announcements. */
  instance: string;
  /** The shared content lock. */
  lock: ContentLock;
  /** The Redis connections. */
  link: Pick<RedisLink, 'commands' | 'listener' | 'onRecover'>;
}

/** Options of createHubRemote. */
export interface HubRemoteOptions {
  /** Remote settings (undefined: no sync). */
  remote: Config['remote'];
  /** The hub's editing service: merges take the same lock and expected head as saves. */
  editing: HeadWriter & { readonly dir: string };
  /** Clock. */
  now: () => Date;
  /** Called after a round that brought commits in, to refresh the index. */
  afterPull: () => Promise<unknown>;
  /** Several instances: the shared lock and the announcements. */
  cluster?: HubCluster | undefined;
}

/** The sync, or a disabled stand-in when no remote is configured; `status` is shown to admins. */
export function createHubRemote({ remote, editing, now, afterPull, cluster }: HubRemoteOptions) {
  let status: SyncStatus | undefined;
  const off = async () => {
    throw new Error('Aucun dépôt distant configuré');
  };
  if (!remote) return { enabled: false as const, status: () => status, afterSave() {}, pullNow: off, pushNow: off, syncBranches: off, knownHead: async () => undefined, async stop() {} };
  const forge = remote;
  const report = (s: SyncStatus) => {
    status = s;
    // Sync never fails silently: every failure is logged with its cause, and shown to admins.
    if (!s.ok) console.error(`[sync] ${s.code} : ${s.message}`);
    if (s.pulled !== 'none') void afterPull();
  };
  const announce =
    cluster &&
    createContentAnnounce({
      publisher: cluster.link.commands,
      listener: cluster.link.listener,
      instance: cluster.instance,
      onRemoteHead: (head, branches) => {
        void catchUp(head);
        if (branches) void catchUpBranches();
      },
    });
  /** Settles the proposal branches with the forge (the caller holds the shared lock); announces what it sent. */
  async function settleBranches({ fetch }: { fetch: boolean }) {
    const outcome = await syncBranches({ dir: editing.dir, remote: 'gare-distant', url: forge.url, token: forge.token ?? '', folders: proposalFolders, fetch });
    if (outcome.pushed.length > 0 && announce) {
      const head = await readHead(editing.dir).catch(() => undefined);
      if (head) await announce.told(head, true);
    }
    return outcome;
  }
  // Announcements coalesce: one settlement at a time, and one more if others came in meanwhile.
  const branchCatchUp = createCoalescing(async () => {
    if (!cluster) return;
    await cluster.lock.run(() => settleBranches({ fetch: true })).catch((error: unknown) => console.error('[sync] propositions non synchronisées :', sync.describe(error).message));
  });
  const catchUpBranches = () => branchCatchUp.run();
  const forgeHead = cluster && createForgeHead({ redis: cluster.link.commands });
  const sync = createRemoteSync({
    dir: editing.dir,
    url: remote.url,
    token: remote.token ?? '',
    now,
    editing,
    onStatus: report,
    exclusive: cluster?.lock.run,
    onPushed: announce
      ? async (head) => {
          // Recorded before the lock is let go: the next writer then knows it need not pull.
          await forgeHead?.set(head);
          void announce.told(head);
        }
      : undefined,
    alsoEachRound: cluster ? () => settleBranches({ fetch: true }) : undefined,
  });
  // Likewise one fetch at a time. The branch exists on the forge: an instance pushed it.
  const fetching = createCoalescing(async () => {
    try {
      const pulled = await sync.pullNow({ announced: true });
      if (pulled.pulled !== 'none') await afterPull();
    } catch (error) {
      report({ ok: false, ...sync.describe(error), at: now().toISOString(), pulled: 'none', pushed: false, conflicts: [] });
    }
  });
  async function catchUp(head: string): Promise<void> {
    if ((await readHead(editing.dir).catch(() => undefined)) !== head) await fetching.run();
  }
  // Announcements sent while Redis was away are lost: catch up once it is back.
  cluster?.link.onRecover(async () => {
    await Promise.all([catchUp(''), catchUpBranches()]);
  });
  sync.start(remote.intervalSeconds * 1000);
  let soon: NodeJS.Timeout | undefined;
  return {
    enabled: true as const,
    /** Last sync round's outcome. */
    status: () => status,
    /** Pushes a few seconds after a save (bursts of saves coalesce); several instances push at once instead. */
    afterSave() {
      if (cluster) return;
      clearTimeout(soon);
      soon = setTimeout(() => void sync.syncNow().catch(() => undefined), 3000);
      soon.unref();
    },
    /** Fetches and merges the forge now (several instances: before each write). */
    pullNow: sync.pullNow,
    /** The forge's tip as the instances last pushed it (several instances), if known. */
    knownHead: async () => forgeHead?.get(),
    /** Pushes now (several instances: after each write), announcing it. */
    pushNow: sync.pushNow,
    /** Settles the proposal branches with the forge now (several instances: around each proposal write, under the lock). */
    syncBranches: settleBranches,
    /** Stops the schedule and the announcements. */
    async stop() {
      clearTimeout(soon);
      sync.stop();
      await announce?.close();
      await Promise.all([fetching.idle(), branchCatchUp.idle()]);
    },
  };
}
