/** Renaming or moving a page in one commit that also fixes the links pointing to it. */
import { can } from '../access/policy.ts';
import { EditConflict, InvalidInput } from '../errors.ts';
import { type Viewer } from '../access/viewer.ts';
import type { FileChange } from '../git/commit-queue.ts';
import { readFileAtCommit } from '../git/read-version.ts';
import { splitFrontMatter } from '../wiki/front-matter.ts';
import { pathToSlug, slugify, slugToUrl, type PagePath } from '../wiki/paths.ts';
import { readAtHead } from '../git/head.ts';
import { listContentFolder, readContentFile } from '../git/content-files.ts';
import { quoteTitle } from './commit-message.ts';
import type { EditingService } from './editing-service.ts';
import { authorOf, loadWritablePage, type StoredPage } from './page-access.ts';
import { attachmentFolderOf, cleanSection, pagePathOf, uniquePagePath } from './page-locations.ts';
import { frontMatterOf, normalizeSource, writePageSource } from './page-source.ts';
import { rewriteLinksTo, rewriteOwnLinks, type PageMove } from './rewrite-links.ts';
import { lineSimilarity } from '../git/similarity.ts';

/** Options of `renamePage`. */
export interface RenamePageOptions {
  /** Editing dependencies. */
  deps: EditingService;
  /** Who renames (commit author). */
  viewer: Viewer;
  /** Current page path. */
  path: string;
  /** New title (the file name follows it). */
  newTitle?: string | undefined;
  /** New folder. */
  newSection?: string | undefined;
  /** Commit the person looked at: refused if the page changed since. */
  baseVersion?: string | undefined;
}

/** What a rename answers. */
export interface RenamePageResult {
  /** New page path. */
  path: PagePath;
  /** New page URL. */
  url: string;
  /** Last commit made. */
  version: string | undefined;
  /** Pages (that the viewer may read) whose links were updated. */
  linksUpdated: PagePath[];
}

// Below this share of unchanged lines the history index would not see a rename: move first, edit after.
const keepTogether = 0.75;

async function attachmentMoves(dir: string, move: PageMove): Promise<FileChange[]> {
  const from = attachmentFolderOf(move.from);
  // A folder that is (or goes through) a symbolic link moves nothing: its files are not the wiki's.
  const out: FileChange[] = [];
  for (const entry of await listContentFolder(dir, from)) {
    const content = await readContentFile(dir, `${from}/${entry.name}`);
    if (content === undefined) continue;
    out.push({ path: `${from}/${entry.name}`, delete: true }, { path: `${attachmentFolderOf(move.to)}/${entry.name}`, content });
  }
  return out;
}

function retitled(stored: StoredPage, title: string): string {
  const data = frontMatterOf(stored.source);
  const old = stored.page.meta.title;
  const aliases = stored.page.meta.aliases.filter((a) => a !== title);
  data['title'] = title;
  // Old `[[Ancien titre]]` links keep resolving through the alias.
  data['aliases'] = aliases.includes(old) ? aliases : [...aliases, old];
  return writePageSource(data, splitFrontMatter(stored.source).body);
}

/** Renames and/or moves a page; links to it in other pages are rewritten in the same commit. */
export async function renamePage(options: RenamePageOptions): Promise<RenamePageResult> {
  const { deps, viewer } = options;
  const author = authorOf(viewer);
  const first = await deps.commitAtHead(async (head) => {
      const stored = await loadWritablePage({ dir: deps.dir, head, path: options.path, viewer });
      if (options.baseVersion && options.baseVersion !== head) {
        const base = await readFileAtCommit({ dir: deps.dir, oid: options.baseVersion, path: stored.path }).catch(() => undefined);
        if (base === undefined || normalizeSource(base) !== normalizeSource(stored.source)) {
          throw new EditConflict('La page a été modifiée depuis que vous l’avez ouverte. Rechargez-la, puis renommez-la à nouveau.');
        }
      }
      const oldTitle = stored.page.meta.title;
      const title = options.newTitle?.trim() || oldTitle;
      const titleChanged = title !== oldTitle;
      const section = options.newSection?.trim() ? cleanSection(options.newSection) : stored.page.section;
      const base = titleChanged ? slugify(title) : (stored.path.split('/').pop() ?? '').slice(0, -3);
      let to = pagePathOf(section, base);
      if (to !== stored.path) to = uniquePagePath({ dir: deps.dir, section, slug: base, taken: (p) => deps.index.get(p) !== undefined });
      if (to === stored.path && !titleChanged) throw new InvalidInput('Ni le titre ni la rubrique ne changent : rien à renommer.');
      const move: PageMove = { from: stored.path, to };
      const content = rewriteOwnLinks({ source: titleChanged ? retitled(stored, title) : stored.source, move });
      const together = to === stored.path || lineSimilarity(stored.source, content) >= keepTogether;
      const changes: FileChange[] = [];
      if (to !== stored.path) changes.push({ path: stored.path, delete: true }, ...(await attachmentMoves(deps.dir, move)));
      changes.push({ path: to, content: together ? content : stored.source });
      const updated: PagePath[] = [];
      // Only pages whose links lead to it can change: the link graph knows them, no page text is scanned.
      for (const page of to === stored.path ? [] : deps.index.backlinks(stored.path)) {
        if (page.path === stored.path) continue;
        const source = await readAtHead(deps.dir, head, page.path);
        if (source === undefined) continue;
        const next = rewriteLinksTo({ file: page.path, source, move });
        if (next === source) continue;
        changes.push({ path: page.path, content: next });
        if (can(viewer, 'page.read', page.meta)) updated.push(page.path);
      }
      const message = titleChanged ? `Renommage de ${quoteTitle(oldTitle)} en ${quoteTitle(title)}` : `Déplacement de ${quoteTitle(oldTitle)} vers ${to}`;
      return { commit: { changes, author, message }, value: { from: stored.path, to, updated, pending: together ? undefined : { content, moved: stored.source, title } } };
    });
  const { from, to, updated, pending } = first.value;
  let version = first.oid;
  if (pending) {
    const second = await deps.commitAtHead(async (head) => {
        // Only if nobody changed the moved page in between; otherwise their version stays.
        const now = await readAtHead(deps.dir, head, to);
        if (now !== pending.moved) return { commit: undefined, value: undefined };
        return { commit: { changes: [{ path: to, content: pending.content }], author, message: `Nouveau titre : ${quoteTitle(pending.title)}` }, value: undefined };
      });
    version = second.oid;
  }
  if (from !== to) void deps.events.emit('page.renamed', { from, to, by: viewer.person });
  return { path: to, url: slugToUrl(pathToSlug(to)), version, linksUpdated: updated };
}
