/** Folders of versioned bundles: staged outside the served tree, then renamed in atomically. */
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Audience } from './record.ts';

/** Creates unique bundle ids (`base-<time>-<n>`), unique across restarts so caches never mix them. */
export function createVersionIds(now: () => Date): (kind: 'base' | 'delta') => string {
  let counter = 0;
  return (kind) => `${kind}-${now().getTime().toString(36)}-${(counter++).toString(36)}`;
}

/** Folder served to viewers of `audience`. */
export function audienceDir(outDir: string, audience: Audience): string {
  return join(outDir, audience);
}

/**
 * Runs `build` into a staging folder outside every audience folder (never served, so a half-written
 * or abandoned bundle is unreachable), then renames it to `<audience>/<bundleId>/`.
 */
export async function stageBundle(options: {
  outDir: string;
  audience: Audience;
  bundleId: string;
  build: (pagefindDir: string) => Promise<void>;
}): Promise<{ commit: () => Promise<string>; discard: () => Promise<void> }> {
  const staging = join(options.outDir, '.staging', `${options.audience}-${options.bundleId}`);
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  try {
    await options.build(join(staging, 'pagefind'));
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  return {
    commit: async () => {
      const target = join(audienceDir(options.outDir, options.audience), options.bundleId);
      await mkdir(audienceDir(options.outDir, options.audience), { recursive: true });
      await rename(staging, target);
      return target;
    },
    discard: () => rm(staging, { recursive: true, force: true }),
  };
}

/** Deletes every bundle folder of the audience except `keep` (the manifest and temp files stay). */
export async function removeBundlesExcept(options: { outDir: string; audience: Audience; keep: ReadonlySet<string> }): Promise<void> {
  const dir = audienceDir(options.outDir, options.audience);
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  await Promise.all(
    entries
      .filter((e) => e.isDirectory() && /^(base|delta)-/.test(e.name) && !options.keep.has(e.name))
      .map((e) => rm(join(dir, e.name), { recursive: true, force: true })),
  );
}
