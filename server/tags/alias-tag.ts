/** Adding or removing a tag alias: only `_gare/tags.yml` changes, never a page. */
import { requireCan } from '../access/policy.ts';
import { InvalidInput } from '../errors.ts';
import type { Viewer } from '../access/viewer.ts';
import { readAtHead } from '../git/head.ts';
import { quoteTitle } from '../editing/commit-message.ts';
import type { EditingService } from '../editing/editing-service.ts';
import { authorOf } from '../editing/page-access.ts';
import { tagKey } from '../wiki/paths.ts';
import { readAliasFile, tagSettingsPath, writeAliasFile } from './alias-file.ts';
import { aliasSource, aliasTarget, moveAliases, removeAlias, resolveTarget, sameAliases } from './alias-table.ts';
import { checkTagLabel, describeTag, TagNotFound, type TagRef } from './tag-label.ts';

/** Options of `addTagAlias`. */
export interface AddTagAliasOptions {
  /** Editing dependencies. */
  deps: EditingService;
  /** Who changes the aliases (commit author); must be équipe or admin. */
  viewer: Viewer;
  /** Old name. */
  from: string;
  /** Tag of reference it is shown as. */
  to: string;
}

/** What an alias change answers. */
export interface TagAliasResult {
  /** The old name, as written in the table. */
  from: string;
  /** The tag it leads to. */
  tag: TagRef;
  /** Commit made, or the unchanged HEAD. */
  version: string | undefined;
}

/** Makes `from` an old name of `to`: pages carrying `from` are shown under `to`, old links lead there. */
export async function addTagAlias({ deps, viewer, ...input }: AddTagAliasOptions): Promise<TagAliasResult> {
  requireCan(viewer, 'tags.manage');
  const author = authorOf(viewer);
  const from = checkTagLabel(input.from, 'Ancien nom');
  const typed = checkTagLabel(input.to, 'Nom de référence');
  if (tagKey(from) === tagKey(typed)) {
    throw new InvalidInput('Les deux noms sont déjà la même étiquette (majuscules, accents et ponctuation ne comptent pas) : aucun alias à ajouter.');
  }
  const done = await deps.commitAtHead(async (head) => {
      const settings = await readAtHead(deps.dir, head, tagSettingsPath);
      const table = readAliasFile(settings);
      // An existing tag keeps the spelling its pages show; the table's label would replace it.
      const resolved = resolveTarget(table, tagKey(from), typed);
      const to = deps.index.tags().find((t) => t.key === tagKey(resolved))?.label ?? resolved;
      const next = moveAliases(table, from, to, true);
      const message = `Alias d’étiquette : ${quoteTitle(from)} → ${quoteTitle(to)}`;
      const changes = sameAliases(table, next) ? [] : [{ path: tagSettingsPath, content: writeAliasFile(settings, next) }];
      return { commit: changes.length ? { changes, author, message } : undefined, value: to };
    });
  return { from, tag: describeTag(deps.index, done.value), version: done.oid };
}

/** Options of `deleteTagAlias`. */
export interface DeleteTagAliasOptions {
  /** Editing dependencies. */
  deps: EditingService;
  /** Who changes the aliases; must be équipe or admin. */
  viewer: Viewer;
  /** Old name (label or key) whose alias goes. */
  from: string;
}

/** Removes the alias of an old name: pages still carrying it show under their own name again. */
export async function deleteTagAlias({ deps, viewer, ...input }: DeleteTagAliasOptions): Promise<TagAliasResult> {
  requireCan(viewer, 'tags.manage');
  const author = authorOf(viewer);
  const key = tagKey(checkTagLabel(input.from, 'Alias à supprimer'));
  const done = await deps.commitAtHead(async (head) => {
      const settings = await readAtHead(deps.dir, head, tagSettingsPath);
      const table = readAliasFile(settings);
      const from = aliasSource(table, key);
      const to = aliasTarget(table, key);
      if (from === undefined || to === undefined) {
        throw new TagNotFound(`Aucun alias « ${input.from.trim()} » : vérifiez la liste des étiquettes renommées.`);
      }
      const content = writeAliasFile(settings, removeAlias(table, key));
      const message = `Alias d’étiquette supprimé : ${quoteTitle(from)} → ${quoteTitle(to)}`;
      return { commit: { changes: [{ path: tagSettingsPath, content }], author, message }, value: { from, to } };
    });
  return { from: done.value.from, tag: describeTag(deps.index, done.value.to), version: done.oid };
}
