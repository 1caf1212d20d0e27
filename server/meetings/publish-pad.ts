/**
 * Publishing a pad into the wiki: one commit of the page (created the first time, updated after),
 * crediting everyone who wrote in the pad, then the pad remembers its page.
 */
import { canPublishPad, requireAllowed } from '../auth/policy.ts';
import type { Person, Viewer } from '../auth/viewer.ts';
import { PageNotFound } from '../errors.ts';
import type { GitPerson } from '../git/git-time.ts';
import type { CommitFilesOptions } from '../git/commit-queue.ts';
import type { PadMeta, PadMetaPatch, PadUser } from '../pads/pad-server.ts';
import { splitFrontMatter } from '../wiki/front-matter.ts';
import type { Page } from '../wiki/page.ts';
import type { Visibility } from '../wiki/schema.ts';
import { newPagePath, padToPage } from './pad-page.ts';
import { todayIn } from './register-query.ts';

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
  /** Pages by repository path. */
  index: { get(path: string): Page | undefined };
  /** The commit queue. */
  commits: { commitFiles(options: CommitFilesOptions): Promise<{ oid: string; changed: boolean }> };
  /** Brings index, history and search up to date after the commit. */
  sync(): Promise<unknown>;
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

/** Picks the page path: the one published before, else a free path derived from type, date and title. */
function choosePath(deps: PublishDeps, meta: PadMeta, draft: { type: string; date: string; title: string }): string {
  if (meta.publishedPath) return meta.publishedPath;
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
  await deps.pads.flush();
  const [text, contributors] = await Promise.all([deps.pads.getText(name), deps.pads.contributorsOf(name)]);
  const published = meta.publishedPath ? deps.index.get(meta.publishedPath) : undefined;
  const draft = padToPage({
    text,
    padName: name,
    template: meta.template,
    existing: published ? splitFrontMatter(published.source).data : undefined,
    title,
    fallbackTitle: meta.title,
    tags,
    visibility,
    contributors: contributors.map((c) => c.name),
    date: todayIn(new Date(meta.createdAt)),
  });
  requireAllowed(viewer, person !== undefined && canPublishPad(viewer, draft.visibility) && (!published || canPublishPad(viewer, published.meta.visibility)));
  if (!person) throw new Error('unreachable: requireAllowed refuses visitors');
  const path = choosePath(deps, meta, draft);
  const coAuthors = contributors.filter((c) => c.id !== person.id).map((c) => gitPerson(deps, c));
  const { oid, changed } = await deps.commits.commitFiles({
    changes: [{ path, content: draft.content }],
    author: { name: person.name, email: person.email },
    coAuthors,
    message: `${meta.publishedPath ? 'Mise à jour depuis le pad' : 'Publication du pad'} « ${draft.title} »`,
  });
  await deps.sync();
  await deps.pads.updateMeta(name, { publishedPath: path, title: draft.title });
  const url = deps.index.get(path)?.url ?? `/wiki/${path.slice(0, -3)}`;
  return { path, url, oid, changed, created: !meta.publishedPath };
}
