/** Renaming a tag on every page that carries it, team pages included, in one commit. */
import { requireCan } from '../access/policy.ts';
import { isDeepStrictEqual } from 'node:util';
import type { Viewer } from '../access/viewer.ts';
import { listContentFolder } from '../git/content-files.ts';
import { readAtHead } from '../git/head.ts';
import { quoteTitle } from '../editing/commit-message.ts';
import type { EditingService } from '../editing/editing-service.ts';
import { authorOf } from '../editing/page-access.ts';
import { templatesFolder } from '../editing/page-templates.ts';
import type { FileChange } from '../git/commit-queue.ts';
import { splitFrontMatter } from '../wiki/front-matter.ts';
import { tagKey, type TagKey } from '../wiki/paths.ts';
import type { TagAliases } from '../wiki/tags.ts';
import { readAliasFile, tagSettingsPath, writeAliasFile } from './alias-file.ts';
import { aliasSource, moveAliases, resolveTarget, sameAliases } from './alias-table.ts';
import { readTagList, renameInList, replaceTags } from './front-matter-tags.ts';
import { checkTagLabel, describeTag, TagNotFound, type TagRef } from './tag-label.ts';

/** Options of `renameTag`. */
export interface RenameTagOptions {
  /** Editing dependencies (index, commit door, lock, sync). */
  deps: EditingService;
  /** Who renames (commit author); must be équipe or admin. */
  viewer: Viewer;
  /** Current tag, label or key. */
  from: string;
  /** New label. */
  to: string;
  /** Keep `from` as an alias of `to` so old links and spellings still lead there (default true). */
  keepAlias?: boolean | undefined;
}

/** What a rename answers. */
export interface RenameTagResult {
  /** Pages rewritten (team pages included: only the team may rename). */
  renamed: number;
  /** The tag the pages now carry. */
  tag: TagRef;
  /** Commit made, or the unchanged HEAD. */
  version: string | undefined;
}

function mostUsed(counts: ReadonlyMap<string, number>): string | undefined {
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** Page templates (`_modeles/*.md`): new pages must not bring the old name back. */
async function templatePaths(dir: string): Promise<string[]> {
  // Through the content door: a linked `_modeles` folder or file is never listed.
  const entries = await listContentFolder(dir, templatesFolder);
  return entries.filter((e) => e.name.endsWith('.md')).map((e) => `${templatesFolder}/${e.name}`);
}

/** Options of `rewriteCarriers`. */
interface RewriteCarriersOptions {
  /** Content repository. */
  dir: string;
  /** Commit read. */
  head: string | undefined;
  /** Files that may carry the tag. */
  paths: readonly string[];
  /** Key of the renamed tag. */
  from: TagKey;
  /** New label. */
  to: string;
}

/** New text of each file carrying `from`, how many carry it, and the spellings they used. */
async function rewriteCarriers({ dir, head, paths, from, to }: RewriteCarriersOptions) {
  const changes: FileChange[] = [];
  const spellings = new Map<string, number>();
  let carrying = 0;
  for (const file of paths) {
    const source = await readAtHead(dir, head, file);
    const tags = source === undefined ? [] : readTagList(splitFrontMatter(source).data['tags']);
    const next = renameInList({ tags, from, to });
    if (source === undefined || !next) continue;
    carrying++;
    for (const t of tags) if (tagKey(t) === from) spellings.set(t, (spellings.get(t) ?? 0) + 1);
    if (!isDeepStrictEqual(next, tags)) changes.push({ path: file, content: replaceTags(source, next) });
  }
  return { changes, carrying, spellings };
}

function isKnown(table: TagAliases, key: TagKey): boolean {
  return aliasSource(table, key) !== undefined || Object.values(table).some((to) => tagKey(to) === key);
}

/** Renames tag `from` to `to` on every page carrying it (any spelling), and records the alias. */
export async function renameTag(options: RenameTagOptions): Promise<RenameTagResult> {
  const { deps, viewer } = options;
  requireCan(viewer, 'tags.manage');
  const author = authorOf(viewer);
  const fromKey = tagKey(checkTagLabel(options.from, 'Étiquette à renommer'));
  const typed = checkTagLabel(options.to, 'Nouveau nom');
  const keep = options.keepAlias ?? true;
  const done = await deps.commitAtHead(async (head) => {
      const settings = await readAtHead(deps.dir, head, tagSettingsPath);
      const table = readAliasFile(settings);
      const to = resolveTarget(table, fromKey, typed);
      // The index finds the candidate pages; each file is read again at HEAD, which is what gets committed.
      const candidates = deps.index.all().filter((p) => p.tagKeys.includes(fromKey)).map((p) => p.path);
      const pages = await rewriteCarriers({ dir: deps.dir, head, paths: candidates, from: fromKey, to });
      if (pages.carrying === 0 && !isKnown(table, fromKey)) {
        throw new TagNotFound(`Aucune page ne porte l’étiquette « ${options.from.trim()} ». Vérifiez son nom dans la liste des étiquettes.`);
      }
      const models = await rewriteCarriers({ dir: deps.dir, head, paths: await templatePaths(deps.dir), from: fromKey, to });
      const changes = [...pages.changes, ...models.changes];
      const templates = models.changes.length;
      // The spelling the person typed when pages carry it, else the most used one, else the table's.
      const typedFrom = options.from.trim();
      const fromLabel = (pages.spellings.has(typedFrom) ? typedFrom : undefined) ?? mostUsed(pages.spellings) ?? aliasSource(table, fromKey) ?? Object.values(table).find((t) => tagKey(t) === fromKey) ?? typedFrom;
      const renamed = pages.changes.length;
      const nextTable = moveAliases(table, fromLabel, to, keep);
      if (!sameAliases(table, nextTable)) changes.push({ path: tagSettingsPath, content: writeAliasFile(settings, nextTable) });
      const also = templates ? `, ${templates} modèle${templates > 1 ? 's' : ''}` : '';
      const message = `Étiquette ${quoteTitle(fromLabel)} renommée en ${quoteTitle(to)} (${renamed} page${renamed > 1 ? 's' : ''}${also})`;
      return { commit: changes.length ? { changes, author, message } : undefined, value: { renamed, to } };
    });
  return { renamed: done.value.renamed, tag: describeTag(deps.index, done.value.to), version: done.oid };
}
