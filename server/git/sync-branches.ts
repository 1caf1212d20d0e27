/**
 * Keeps folders of branches (proposals: `propositions/…`) the same on the working copy and the
 * forge, for several instances of one hub (issue 13). Each branch is settled three-way: what the
 * forge holds now, what we hold, and what we last saw on the forge (the remote-tracking ref, read
 * before fetching). The side that moved since then wins — created, moved or deleted — so a
 * proposal made or decided on one instance reaches the others, and one made here reaches the forge.
 * Never forced: when both moved, a fast-forward is taken either way, and otherwise both are kept
 * (ours stays local, said in the log) until a person decides.
 */
import fs from 'node:fs';
import git from 'isomorphic-git';
import http from 'isomorphic-git/http/node';
import { acquireRepoLock } from './repo-lock.ts';
import { resolveRefOid } from './refs.ts';

/** Options of `syncBranches`. */
export interface SyncBranchesOptions {
  /** Working tree of the content repository. */
  dir: string;
  /** Remote name in the repository config (already added by the main branch's sync). */
  remote: string;
  /** URL of the forge's repository. */
  url: string;
  /** Access token, sent as the Basic-auth password. */
  token: string;
  /** Folders under `refs/heads/` kept in step (`propositions`, …). */
  folders: readonly string[];
  /** False: settle against what was last fetched (after a write, under the same lock). Default true. */
  fetch?: boolean;
}

/** What one settlement did, by full ref name. */
export interface BranchSyncOutcome {
  /** Branches taken from the forge (created, moved or deleted here). */
  taken: string[];
  /** Branches sent to the forge (created, moved or deleted there). */
  pushed: string[];
  /** Branches moved on both sides apart: ours kept here, theirs on the forge. */
  diverged: string[];
}

type Tips = Map<string, string>;

/** Tips of the branches under `refs/<base>/<folder>/`, keyed by `<folder>/<name>`. */
async function tipsUnder(dir: string, base: string, folders: readonly string[]): Promise<Tips> {
  const tips: Tips = new Map();
  for (const folder of folders) {
    const names = await git.listRefs({ fs, dir, filepath: `refs/${base}/${folder}` }).catch(() => [] as string[]);
    for (const name of names) {
      const oid = await resolveRefOid({ dir, ref: `refs/${base}/${folder}/${name}` });
      if (oid) tips.set(`${folder}/${name}`, oid);
    }
  }
  return tips;
}

/** Points `ref` at `oid`, or deletes it. */
async function setRef(dir: string, ref: string, oid: string | undefined): Promise<void> {
  if (oid === undefined) await git.deleteRef({ fs, dir, ref }).catch(() => undefined);
  else await git.writeRef({ fs, dir, ref, value: oid, force: true });
}

/** True when `ancestor` is `oid` or in its history. */
async function descends(dir: string, oid: string, ancestor: string): Promise<boolean> {
  if (oid === ancestor) return true;
  return git.isDescendent({ fs, dir, oid, ancestor, depth: -1 }).catch(() => false);
}

/** Settles every branch of `folders` between here and the forge; throws when the forge cannot be reached. */
export async function syncBranches(options: SyncBranchesOptions): Promise<BranchSyncOutcome> {
  const { dir, remote, url, token, folders } = options;
  const onAuth = () => ({ username: 'gare', password: token });
  const onAuthFailure = () => ({ cancel: true });
  const tracking = (name: string) => `refs/remotes/${remote}/${name}`;
  const seen = await tipsUnder(dir, `remotes/${remote}`, folders);
  if (options.fetch !== false) {
    await git.fetch({ fs, http, dir, remote, url, singleBranch: false, tags: false, prune: true, onAuth, onAuthFailure });
  }
  const theirs = options.fetch !== false ? await tipsUnder(dir, `remotes/${remote}`, folders) : seen;
  const ours = await tipsUnder(dir, 'heads', folders);
  const outcome: BranchSyncOutcome = { taken: [], pushed: [], diverged: [] };
  for (const name of new Set([...seen.keys(), ...theirs.keys(), ...ours.keys()])) {
    const [last, forge, here] = [seen.get(name), theirs.get(name), ours.get(name)];
    const ref = `refs/heads/${name}`;
    if (here === forge) continue;
    let take = here === last;
    if (!take && forge !== last) {
      // Both moved (a push lost earlier): a fast-forward either way is safe, anything else waits.
      if (here && forge && (await descends(dir, here, forge))) take = false;
      else if (here && forge && (await descends(dir, forge, here))) take = true;
      else {
        outcome.diverged.push(ref);
        continue;
      }
    }
    if (take) {
      const release = await acquireRepoLock({ dir });
      try {
        // Under the repository lock, and only if nobody moved it since we read it.
        if ((await resolveRefOid({ dir, ref })) !== here) continue;
        await setRef(dir, ref, forge);
      } finally {
        await release();
      }
      outcome.taken.push(ref);
      continue;
    }
    // A commit id as `ref` is pushed as is (a deleted branch has no local name left to give).
    const pushed = await git.push({ fs, http, dir, remote, url, ref: here ?? last ?? ref, remoteRef: ref, delete: here === undefined, onAuth, onAuthFailure });
    if (!pushed.ok) throw Object.assign(new Error(pushed.error ?? `push of ${ref} rejected`), { code: 'PushRejected' });
    await setRef(dir, tracking(name), here);
    outcome.pushed.push(ref);
  }
  if (outcome.diverged.length > 0) {
    console.error(`[sync] branches modifiées des deux côtés, gardées telles quelles ici : ${outcome.diverged.join(', ')}`);
  }
  return outcome;
}
