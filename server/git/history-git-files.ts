/**
 * Two small questions a history index asks before its first build, answered by the `git` binary
 * so that the server's thread does not load the repository's pack index to ask them: the files of
 * the head commit (the first refresh's answer) and whether the history is long. The index asks
 * them in its worker thread (`runGit` there); `parseListedFiles` reads the answer here.
 */
import { countCommitsArguments, listFilesArguments, runGit } from './history-git-run.ts';
import { isUnsafeEntryName } from './tree-entries.ts';

/** Options of the git questions. */
export interface GitQuestionOptions {
  /** The git program. */
  git: string;
  /** Working tree of the repository. */
  dir: string;
  /** The commit asked about. */
  commit: string;
}

/** Files of a commit as isomorphic-git's tree walk lists them, and the unsafe entries met. */
export interface ListedFiles {
  /** Blobs and links, no submodule entry, nothing under an unsafe name, in tree order. */
  paths: string[];
  /** Each unsafe entry met (the path up to the unsafe name). */
  unsafe: string[];
}

/** Reads the output of `git ls-tree -r -z --full-tree` into `ListedFiles`. */
export function parseListedFiles(out: string): ListedFiles {
  const paths: string[] = [];
  const unsafe = new Set<string>();
  for (const line of out.split('\0')) {
    const tab = line.indexOf('\t');
    if (tab < 0) continue;
    const path = line.slice(tab + 1);
    const parts = path.split('/');
    const bad = parts.findIndex(isUnsafeEntryName);
    if (bad >= 0) unsafe.add(parts.slice(0, bad + 1).join('/'));
    else if (!line.startsWith('160000 ')) paths.push(path);
  }
  return { paths, unsafe: [...unsafe] };
}

/** Files of `commit`, listed by git on this thread (the index's inline mode). */
export async function listFilesWithGit({ git, dir, commit }: GitQuestionOptions): Promise<ListedFiles> {
  return parseListedFiles(await runGit({ git, dir, args: listFilesArguments(commit) }));
}

/** How many commits `commit` has in its history, counting no further than `max` + 1 (on this thread). */
export async function countCommitsWithGit({ git, dir, commit, max }: GitQuestionOptions & { max: number }): Promise<number> {
  return Number((await runGit({ git, dir, args: countCommitsArguments(commit, max) })).trim());
}
