/** Creates the content repository on first start, seeded with the sample wiki. */
import fs from 'node:fs';
import path from 'node:path';
import git from 'isomorphic-git';
import { GareError } from '../errors.ts';
import { toGitTime } from './git-time.ts';

/** The content folder exists, holds files, and is not a git repository: we refuse to guess. */
export class NotARepository extends GareError {
  override readonly code = 'NotARepository';
  override readonly status = 500;
}

/** Options of `ensureContentRepo`. */
export interface EnsureContentRepoOptions {
  /** Folder of the content repository (created if missing). */
  dir: string;
  /** Sample wiki copied into a fresh repository (all files, `_`-folders included). */
  sampleDir: string;
  /** Clock of the first commit. */
  now: () => Date;
}

/** Author of the seed commit. */
export const seedAuthor = { name: 'Gare centrale', email: 'gare@localhost' } as const;

/** True when `dir` itself (not a parent) holds a `.git` folder or file. */
export async function isGitRepo(dir: string): Promise<boolean> {
  try {
    await fs.promises.stat(path.join(dir, '.git'));
    return true;
  } catch {
    return false;
  }
}

/**
 * Makes sure `dir` is a git repository. A missing or empty folder becomes a repository on branch
 * `main` holding a copy of `sampleDir` in one commit; an existing repository is left as it is.
 */
export async function ensureContentRepo(options: EnsureContentRepoOptions): Promise<{ created: boolean }> {
  const { dir, sampleDir, now } = options;
  if (await isGitRepo(dir)) return { created: false };
  const existing = await fs.promises.readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw new Error(`Cannot read the content folder ${dir}`, { cause: error });
  });
  if (existing.length > 0) {
    throw new NotARepository(
      `Le dossier de contenu « ${dir} » existe, n’est pas un dépôt git et n’est pas vide. ` +
        'Indiquez un dossier vide ou inexistant (il sera créé avec le wiki d’exemple), ' +
        `ou faites-en un dépôt git (git init && git add . && git commit) avant de relancer.`,
    );
  }
  await fs.promises.mkdir(dir, { recursive: true });
  // Never carry the sample's own repository metadata, if any, into the new repository.
  await fs.promises.cp(sampleDir, dir, {
    recursive: true,
    filter: (source) => path.basename(source) !== '.git',
  });
  await git.init({ fs, dir, defaultBranch: 'main' });
  await git.add({ fs, dir, filepath: '.' });
  const author = { ...seedAuthor, ...toGitTime(now()) };
  await git.commit({ fs, dir, message: 'Wiki d’exemple\n', author, committer: author });
  return { created: true };
}
