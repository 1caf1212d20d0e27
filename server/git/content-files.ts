/**
 * The one door to the files of the content repository's working tree. Rule: the hub never goes
 * through a symbolic link. Every component of a path is checked with lstat, final files are opened
 * with O_NOFOLLOW, and listings skip links: a pushed `x.fichiers -> /data` never lets the hub read,
 * list, copy, move, write or delete anything outside the repository (the accounts database first).
 */
import fs from 'node:fs';
import path from 'node:path';
import { GareError } from '../errors.ts';
import { createLimit, fileReadConcurrency, type Limit } from '../util/limit.ts';

/** A repository path that is a symbolic link, goes through one, or is not a plain relative path. */
export class UnsafeContentPath extends GareError {
  override readonly code = 'UnsafeContentPath';
  override readonly status = 409;
}

const badSegment = /^(?:\.git|\.|\.\.|)$/i;

function refuse(rel: string): UnsafeContentPath {
  return new UnsafeContentPath(
    `Le chemin « ${rel} » passe par un lien symbolique ou sort du dépôt : le wiki refuse d’y lire ou d’y écrire. ` +
      'Remplacez ce lien par un vrai dossier ou fichier (la liste est sur « Pages à corriger »).',
  );
}

const lstatOrUndefined = (file: string): Promise<fs.Stats | undefined> =>
  fs.promises.lstat(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return undefined;
    throw error;
  });

/**
 * Absolute path of a repository-relative posix path whose every existing component is a real
 * folder (the final one: anything but a link, unless `finalMayBeLink`); UnsafeContentPath otherwise.
 */
export async function contentPath(dir: string, rel: string, finalMayBeLink = false): Promise<string> {
  const parts = rel.split('/');
  if (rel.includes('\\') || rel.includes('\0') || parts.some((p) => badSegment.test(p))) throw refuse(rel);
  let current = dir;
  for (const [i, part] of parts.entries()) {
    current = path.join(current, part);
    const stat = await lstatOrUndefined(current);
    if (!stat) break;
    const last = i === parts.length - 1;
    if (stat.isSymbolicLink() && !(last && finalMayBeLink)) throw refuse(rel);
    if (!last && !stat.isDirectory()) break;
  }
  return path.join(dir, ...parts);
}

/** Stats of a regular file of the repository; undefined when missing, not a file, or behind a link. */
export async function statContentFile(dir: string, rel: string): Promise<fs.Stats | undefined> {
  const file = await contentPath(dir, rel).catch(() => undefined);
  const stat = file ? await lstatOrUndefined(file).catch(() => undefined) : undefined;
  return stat?.isFile() ? stat : undefined;
}

/** True when something (a file, folder or link) sits at this repository path. */
export async function contentEntryExists(dir: string, rel: string): Promise<boolean> {
  const file = await contentPath(dir, rel, true).catch(() => undefined);
  return file === undefined || (await lstatOrUndefined(file).catch(() => undefined)) !== undefined;
}

/** Bytes of a regular file of the repository; undefined when missing, not a file or behind a link. */
export async function readContentFile(dir: string, rel: string): Promise<Buffer | undefined> {
  const file = await contentPath(dir, rel).catch(() => undefined);
  if (!file) return undefined;
  // O_NOFOLLOW: a link swapped in after the check is refused by the kernel, not followed.
  const handle = await fs.promises.open(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW).catch(() => undefined);
  if (!handle) return undefined;
  try {
    return (await handle.stat()).isFile() ? await handle.readFile() : undefined;
  } finally {
    await handle.close();
  }
}

/** Text (UTF-8) of a regular file of the repository; undefined when missing or unsafe. */
export async function readContentText(dir: string, rel: string): Promise<string | undefined> {
  return (await readContentFile(dir, rel))?.toString('utf8');
}

/**
 * `readContentText` made synchronous, with the same checks (no link on the way, O_NOFOLLOW), for
 * worker threads only (the index's parse workers): its promise-based twin cost about 200 µs of CPU
 * per page at 10,000 pages, ten times these calls. Never call it on the event loop's thread.
 */
export function readContentTextSync(dir: string, rel: string): string | undefined {
  const parts = rel.split('/');
  if (rel.includes('\\') || rel.includes('\0') || parts.some((p) => badSegment.test(p))) return undefined;
  let current = dir;
  let fd: number | undefined;
  try {
    for (const [i, part] of parts.entries()) {
      current = path.join(current, part);
      const stat = fs.lstatSync(current, { throwIfNoEntry: false });
      if (!stat || stat.isSymbolicLink() || (i < parts.length - 1 && !stat.isDirectory())) return undefined;
    }
    fd = fs.openSync(current, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
    return fs.fstatSync(fd).isFile() ? fs.readFileSync(fd, 'utf8') : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** A regular file found in a repository folder. */
export interface ContentFile {
  /** File name. */
  name: string;
  /** Size in bytes. */
  size: number;
}

/** Regular files (never links, never through one) directly in a repository folder; [] if none. */
export async function listContentFolder(dir: string, rel: string): Promise<ContentFile[]> {
  const folder = await contentPath(dir, rel).catch(() => undefined);
  if (!folder) return [];
  const entries = await fs.promises.readdir(folder, { withFileTypes: true }).catch(() => []);
  const out: ContentFile[] = [];
  for (const e of entries) {
    if (!e.isFile()) continue;
    const stat = await lstatOrUndefined(path.join(folder, e.name)).catch(() => undefined);
    if (stat?.isFile()) out.push({ name: e.name, size: stat.size });
  }
  return out;
}

/** What a walk of the working tree found. */
export interface ContentWalk {
  /** Regular files by repository path. */
  files: Map<string, fs.Stats>;
  /** Symbolic links (files or folders), by repository path: never followed. */
  links: string[];
}

/**
 * Walks the whole working tree (`.git` skipped) without following any link. Folder listings and
 * stats share one bound (`limit`, default 64 at once): 100,000 files stat'ed at once ran out of fds.
 */
export async function walkContent(dir: string, limit: Limit = createLimit(fileReadConcurrency)): Promise<ContentWalk> {
  const files = new Map<string, fs.Stats>();
  const links: string[] = [];
  const visit = async (rel: string): Promise<void> => {
    const entries = await limit(() => fs.promises.readdir(rel ? path.join(dir, rel) : dir, { withFileTypes: true })).catch(() => []);
    await Promise.all(
      entries.map(async (e) => {
        const child = rel ? `${rel}/${e.name}` : e.name;
        if (!rel && e.name === '.git') return;
        if (e.isSymbolicLink()) links.push(child);
        else if (e.isDirectory()) await visit(child);
        else if (e.isFile()) {
          const stat = await limit(() => lstatOrUndefined(path.join(dir, child))).catch(() => undefined);
          if (stat?.isFile()) files.set(child, stat);
        }
      }),
    );
  };
  await visit('');
  return { files, links: links.sort() };
}

/**
 * `walkContent` made synchronous (same rules: `.git` skipped, links listed, never followed), for
 * worker threads only: the index's first walk at 10,000 files cost about 0.7 s of the event loop's
 * CPU in promise-based stats. Never call it on the event loop's thread.
 */
export function walkContentSync(dir: string): ContentWalk {
  const files = new Map<string, fs.Stats>();
  const links: string[] = [];
  const visit = (rel: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(rel ? path.join(dir, rel) : dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (!rel && e.name === '.git') continue;
      if (e.isSymbolicLink()) links.push(child);
      else if (e.isDirectory()) visit(child);
      else if (e.isFile()) {
        const stat = fs.lstatSync(path.join(dir, child), { throwIfNoEntry: false });
        if (stat?.isFile()) files.set(child, stat);
      }
    }
  };
  visit('');
  return { files, links: links.sort() };
}
