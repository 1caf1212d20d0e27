/**
 * Publishing a pad into the wiki: one commit of the page (created the first time, updated after),
 * crediting everyone who wrote in the pad, through the hub's editing service. The pad↔page link
 * is the page's `pad:` field, derived from the index: it moves with the page when it is renamed.
 */
import { can, requireAllowed } from '../access/policy.ts';
import type { Person, Viewer } from '../access/viewer.ts';
import { PageNotFound } from '../errors.ts';
import type { GitPerson } from '../git/git-time.ts';
import type { EditingService } from '../editing/editing-service.ts';
import type { PadMeta, PadMetaPatch, PadUser } from '../pads/pad-server.ts';
import { splitFrontMatter } from '../wiki/front-matter.ts';
import type { Page } from '../wiki/page.ts';
import type { Visibility } from '../wiki/schema.ts';
import type { PagePath } from '../wiki/paths.ts';
import { publishedPageOf } from './pad-link.ts';
import { newPagePath, padToPage } from './pad-page.ts';
import { todayIn } from '../register/register-query.ts';

/** What publishing needs from the hub. */
export interface PublishDeps {
  /** The pad server. */
  pads: {
    getText(name: string): Promise<string>;
    getMeta(name: string): Promise<PadMeta | undefined>;
    updateMeta(name: string, patch: PadMetaPatch): Promise<PadMeta>;
    contributorsOf(name: string): Promise<PadUser[]>;
    flush(): Promise<void>;
  };
  /** Pages by repository path, and all pages (the link is found by their `pad:` field). */
  index: { get(path: string): Page | undefined; all(): Iterable<Page>; pageSource(page: Page): Promise<{ source: string } | undefined> };
  /** The hub's editing service: decides on HEAD, commits on it under the one lock, then syncs. */
  editing: Pick<EditingService, 'commitAtHead' | 'events'>;
  /** E-mail of an account, for co-author trailers. */
  emailOf(id: string): string | undefined;
}

/** Options of publishPad. */
export interface PublishPadOptions {
  /** Hub parts. */
  deps: PublishDeps;
  /** Pad name. */
  name: string;
  /** Who publishes (must be logged in). */
  viewer: Viewer;
  /** Title chosen at publication. */
  title?: string | undefined;
  /** Tags chosen at publication. */
  tags?: string[] | undefined;
  /** Visibility chosen at publication. */
  visibility?: Visibility | undefined;
}

/** What a publication did. */
export interface PublishResult {
  /** Repository path of the page. */
  path: string;
  /** Page URL. */
  url: string;
  /** Commit id (HEAD when nothing changed). */
  oid: string;
  /** False when the page already held this text. */
  changed: boolean;
  /** True the first time. */
  created: boolean;
}

const gitPerson = (deps: PublishDeps, user: { id: string; name: string }): GitPerson => ({
  name: user.name,
  email: deps.emailOf(user.id) ?? `${user.id}@gare-centrale.invalid`,
});

/** A free path derived from type, date and title for a pad's first publication. */
function newPathFor(deps: PublishDeps, meta: PadMeta, draft: { type: string; date: string; title: string }): string {
  const base = newPagePath(draft).slice(0, -3);
  for (let n = 1; ; n++) {
    const candidate = `${n === 1 ? base : `${base}-${n}`}.md`;
    const taken = deps.index.get(candidate);
    if (!taken || taken.meta.pad === meta.name) return candidate;
  }
}

/** Publishes a pad as a wiki page; call once at a time per pad. */
export async function publishPad({ deps, name, viewer, title, tags, visibility }: PublishPadOptions): Promise<PublishResult> {
  const person: Person | undefined = viewer.person;
  const meta = await deps.pads.getMeta(name);
  if (!meta) throw new PageNotFound('Ce pad n’existe pas (ou plus) : vérifiez son adresse dans la liste des pads.');
  if (!person) requireAllowed(viewer, false);
  await deps.pads.flush();
  const [text, contributors] = await Promise.all([deps.pads.getText(name), deps.pads.contributorsOf(name)]);
  const coAuthors = contributors.filter((c) => c.id !== person?.id).map((c) => gitPerson(deps, c));
  const { value, oid, changed } = await deps.editing.commitAtHead(async () => {
    // Decided under the edit lock, on the index the last commit synced: a rename just made is seen.
    const published = publishedPageOf(deps.index, meta);
    const publishedText = published && (await deps.index.pageSource(published));
    const draft = padToPage({
      text,
      padName: name,
      template: meta.template,
      existing: publishedText ? splitFrontMatter(publishedText.source).data : undefined,
      title,
      fallbackTitle: meta.title,
      tags,
      visibility,
      contributors: contributors.map((c) => c.name),
      date: todayIn(new Date(meta.createdAt)),
    });
    requireAllowed(viewer, person !== undefined && can(viewer, 'pad.publish', { visibility: draft.visibility }) && (!published || can(viewer, 'pad.publish', published.meta)));
    if (!person) throw new Error('unreachable: requireAllowed refuses visitors');
    const path = published?.path ?? newPathFor(deps, meta, draft);
    const created = published === undefined;
    const commit = {
      changes: [{ path, content: draft.content }],
      author: { name: person.name, email: person.email },
      coAuthors,
      message: `${created ? 'Publication du pad' : 'Mise à jour depuis le pad'} « ${draft.title} »`,
    };
    return { commit, value: { path, title: draft.title, created } };
  });
  await deps.pads.updateMeta(name, { title: value.title });
  if (changed && person) void deps.editing.events.emit('pad.published', { pad: name, path: value.path as PagePath, by: person });
  const url = deps.index.get(value.path)?.url ?? `/wiki/${value.path.slice(0, -3)}`;
  return { path: value.path, url, oid: oid ?? '', changed, created: value.created };
}
