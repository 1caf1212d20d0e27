/** Creates the content repository on first start, seeded with the sample wiki. */
import fs from 'node:fs';
import path from 'node:path';
import git from 'isomorphic-git';
import { GareError } from '../errors.ts';
import { splitFrontMatter } from '../wiki/front-matter.ts';
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

/** Author of the seed's first commit (templates and settings), and of remote merges. */
export const seedAuthor = { name: 'Gare centrale', email: 'gare@localhost' } as const;

/** The sample wiki's team: first names as pages write them, and the full names their commits carry. */
const sampleTeam: Record<string, string> = {
  nadia: 'Nadia Benali',
  julien: 'Julien Moreau',
  samia: 'Samia Haddad',
  thomas: 'Thomas Lefèvre',
  lucie: 'Lucie Garnier',
  hugo: 'Hugo Perrin',
  maelle: 'Maëlle Le Gall',
  rachid: 'Rachid Benaïssa',
  colette: 'Colette Vidal',
};

/** Who wrote a section's pages when a page names nobody (the sample wiki's habits). */
const sectionWriters: Record<string, string> = {
  accueil: 'Nadia Benali',
  agenda: 'Lucie Garnier',
  accompagnements: 'Samia Haddad',
  ressources: 'Julien Moreau',
  tutoriels: 'Thomas Lefèvre',
  imports: 'Maëlle Le Gall',
  journal: 'Hugo Perrin',
};

/** One commit of the seeded history. */
export interface SeedCommit {
  /** Files the commit adds (repository paths). */
  files: string[];
  /** Author name. */
  author: string;
  /** Author date. */
  date: Date;
  /** Commit message. */
  message: string;
}

const fold = (s: string): string => s.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
const emailOf = (name: string): string => `${fold(name).replace(/[^a-z]+/g, '.').replace(/^\.|\.$/g, '')}@exemple.org`;

/** Author and day of a sample page, from its front matter (`author`, first participant, `date`) or its folder. */
function pageOrigin(file: string, source: string): { author: string; day: string; title: string } | undefined {
  const { data } = splitFrontMatter(source);
  const raw = data['date'];
  const day = /^\d{4}-\d{2}-\d{2}/.exec(raw instanceof Date ? raw.toISOString() : typeof raw === 'string' ? raw : '')?.[0];
  if (!day) return undefined;
  const participants = Array.isArray(data['participants']) ? data['participants'].map(String) : [];
  const named = typeof data['author'] === 'string' ? data['author'] : participants[0];
  const section = file.includes('/') ? (file.split('/')[0] ?? '') : '';
  const author = (named && (sampleTeam[fold(named)] ?? named)) || sectionWriters[section] || 'Nadia Benali';
  const title = typeof data['title'] === 'string' ? data['title'] : path.basename(file, '.md');
  return { author, day, title };
}

/**
 * The sample wiki as a history: one first commit of what has no date (templates, settings), then
 * one commit per dated page in date order, by its author, on its day — never after `now`.
 */
export function planSeedHistory({ files, read, now }: { files: string[]; read: (file: string) => string; now: Date }): SeedCommit[] {
  const dated: (SeedCommit & { day: string })[] = [];
  const setup: string[] = [];
  for (const file of [...files].sort()) {
    const origin = file.endsWith('.md') && !file.startsWith('_') ? pageOrigin(file, read(file)) : undefined;
    if (!origin) setup.push(file);
    // 10:00 in Paris, where the team works; a date still to come is written today.
    else dated.push({ files: [file], author: origin.author, day: origin.day, date: new Date(`${origin.day}T09:00:00Z`), message: `Création de « ${origin.title} »` });
  }
  dated.sort((a, b) => a.day.localeCompare(b.day));
  dated.forEach((c, i) => {
    c.date = new Date(Math.min(c.date.getTime() + i * 60_000, now.getTime()));
  });
  const first = dated[0]?.date.getTime();
  const setupDate = first === undefined ? now : new Date(Math.min(first - 86_400_000, now.getTime()));
  const start: SeedCommit = { files: setup, author: seedAuthor.name, date: setupDate, message: 'Wiki d’exemple' };
  return [...(setup.length > 0 || dated.length === 0 ? [start] : []), ...dated.map(({ files: f, author, date, message }) => ({ files: f, author, date, message }))];
}

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
 * `main` holding a copy of `sampleDir` with the history `planSeedHistory` tells (one commit when
 * no page has a date); an existing repository is left as it is.
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
  const files = (await fs.promises.readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile() && !path.relative(dir, e.parentPath).split(path.sep).includes('.git'))
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
  const plan = planSeedHistory({ files, read: (file) => fs.readFileSync(path.join(dir, file), 'utf8'), now: now() });
  for (const step of plan) {
    for (const filepath of step.files) await git.add({ fs, dir, filepath });
    const email = step.author === seedAuthor.name ? seedAuthor.email : emailOf(step.author);
    const author = { name: step.author, email, ...toGitTime(step.date) };
    await git.commit({ fs, dir, message: `${step.message}\n`, author, committer: author });
  }
  return { created: true };
}
