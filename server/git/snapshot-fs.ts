/**
 * A file system client for isomorphic-git reads during one bulk operation (a history refresh).
 *
 * isomorphic-git stats `.git`, tries the loose object file, then lists `objects/pack` for every
 * object it reads; over 10,000 commits those failed opens and listings cost more than the
 * decompression. Git objects never change, so within one operation we remember directory
 * listings and stats, and answer « no such loose object » without touching the disk.
 */
import fs from 'node:fs';

const looseObject = /^(.*[\\/]objects)[\\/]([0-9a-f]{2})[\\/][0-9a-f]{38}$/;

// One shared error: building a stack trace per missing loose object is measurable.
const missing: NodeJS.ErrnoException = Object.assign(new Error('ENOENT: loose object not found'), { code: 'ENOENT' });

/** Creates an fs client (`{ promises }` shape) whose listings and stats are frozen at first use. */
export function createSnapshotFs() {
  const listings = new Map<string, Promise<string[]>>();
  const stats = new Map<string, Promise<fs.Stats>>();
  const list = (path: string): Promise<string[]> => {
    let known = listings.get(path);
    if (!known) listings.set(path, (known = fs.promises.readdir(path)));
    return known;
  };
  return {
    promises: {
      async readFile(path: string, options?: { encoding?: BufferEncoding | null } | BufferEncoding | null) {
        // isomorphic-git probes `readFile()` without arguments on every call to detect a promise API.
        if (typeof path !== 'string') throw missing;
        const match = looseObject.exec(path);
        if (match) {
          const fanout = await list(match[1] as string).catch(() => [] as string[]);
          if (!fanout.includes(match[2] as string)) throw missing;
        }
        const encoding = typeof options === 'string' ? options : options?.encoding;
        return encoding ? fs.promises.readFile(path, encoding) : fs.promises.readFile(path);
      },
      readdir: (path: string) => list(path),
      stat(path: string) {
        let known = stats.get(path);
        if (!known) stats.set(path, (known = fs.promises.stat(path)));
        return known;
      },
      lstat: (path: string) => fs.promises.lstat(path),
      readlink: (path: string) => fs.promises.readlink(path),
      // Writes go straight to disk; the history index never writes.
      writeFile: (path: string, data: string | Uint8Array) => fs.promises.writeFile(path, data),
      mkdir: (path: string) => fs.promises.mkdir(path),
      rmdir: (path: string) => fs.promises.rmdir(path),
      unlink: (path: string) => fs.promises.unlink(path),
      symlink: (target: string, path: string) => fs.promises.symlink(target, path),
    },
  };
}
