/** Messages between the index and its parse workers (`parse-pool.ts`, `parse-worker.ts`). */
import type { ParsedPageFile } from './page-file.ts';
import type { PagePath } from './paths.ts';
import type { RepoSettings } from './repo-settings.ts';

/** Files to read and parse: content folder, settings, and each file's path and size. */
export interface ParseJob {
  /** Matches the reply to its job. */
  id: number;
  /** Content folder. */
  dir: string;
  /** Repository settings the pages are parsed with. */
  settings: RepoSettings;
  /** Path and bytes (from the scan) of each file. */
  files: [PagePath, number][];
}

/** The pages of a job in its order; undefined where the file was gone or unsafe when read. */
export interface ParseReply {
  /** The job's id. */
  id: number;
  /** One entry per file of the job. */
  pages: (ParsedPageFile | undefined)[];
}
