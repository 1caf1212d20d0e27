/** Optional sync with the organisation's git forge: on a schedule and shortly after each save. */
import type { Config } from '../config.ts';
import { createRemoteSync, type HeadWriter, type SyncStatus } from '../git/sync-remote.ts';

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
}

/** The sync, or a disabled stand-in when no remote is configured; `status` is shown to admins. */
export function createHubRemote({ remote, editing, now, afterPull }: HubRemoteOptions) {
  let status: SyncStatus | undefined;
  if (!remote) return { enabled: false as const, status: () => status, afterSave() {}, stop() {} };
  const sync = createRemoteSync({
    dir: editing.dir,
    url: remote.url,
    token: remote.token ?? '',
    now,
    editing,
    onStatus(s) {
      status = s;
      // Sync never fails silently: every failure is logged with its cause, and shown to admins.
      if (!s.ok) console.error(`[sync] ${s.code} : ${s.message}`);
      if (s.pulled !== 'none') void afterPull();
    },
  });
  sync.start(remote.intervalSeconds * 1000);
  let soon: NodeJS.Timeout | undefined;
  return {
    enabled: true as const,
    /** Last sync round's outcome. */
    status: () => status,
    /** Pushes a few seconds after a save (bursts of saves coalesce). */
    afterSave() {
      clearTimeout(soon);
      soon = setTimeout(() => void sync.syncNow().catch(() => undefined), 3000);
      soon.unref();
    },
    /** Stops the schedule. */
    stop() {
      clearTimeout(soon);
      sync.stop();
    },
  };
}
