/**
 * Comments on behalf of one reader, through the one gate: a thread is read by exactly those who
 * may read its page or pad, written only by a logged-in reader of it; comments are edited and
 * deleted by their author only; a thread is resolved or reopened by who may write the page or pad,
 * or by who started it. Every new comment and every resolution is told on the event bus.
 */
import { requireAllowed } from '../access/policy.ts';
import type { Person } from '../access/viewer.ts';
import { Forbidden, InvalidInput, PageNotFound } from '../errors.ts';
import type { CommentTarget, HubEvents } from '../events/hub-events.ts';
import type { WikiReader } from '../reading/wiki-reader.ts';
import { PadNameSchema } from '../pads/pad-names.ts';
import { contextOf, locatePassage } from './anchoring.ts';
import { CommentNotFound, type NewThreadInput } from './comment-schemas.ts';
import type { CommentStore, ThreadAnchor, ThreadRow } from './comment-store.ts';
import { anchorTextOf, toThreadViews, type AnchorText, type ThreadView } from './comment-views.ts';

/** What the desk works with: the store and the event bus. */
export interface CommentSources {
  /** Threads and comments. */
  store: CommentStore;
  /** Told `comment.created` and `comment.resolved`. */
  events: HubEvents;
}

/** Comment operations of one reader. */
export interface CommentDesk {
  /** Threads of a page or pad the reader may read (empty otherwise). */
  threads(target: CommentTarget): Promise<ThreadView[]>;
  /** Starts a thread; answers it. */
  create(input: NewThreadInput): Promise<ThreadView>;
  /** Replies to a thread; answers it. */
  reply(input: { threadId: string; body: string }): Promise<ThreadView>;
  /** Changes one's own comment; answers its thread. */
  edit(input: { commentId: string; body: string }): Promise<ThreadView>;
  /** Deletes one's own comment; answers its thread, or undefined when the thread went with it. */
  remove(input: { commentId: string }): Promise<ThreadView | undefined>;
  /** Resolves or reopens a thread; answers it. */
  resolve(input: { threadId: string; resolved: boolean }): Promise<ThreadView>;
}

type Reader = Pick<WikiReader, 'viewer' | 'pageAt' | 'pad' | 'render' | 'padPreview' | 'can'>;

const missingTarget = 'Page ou pad introuvable : il a peut-être été supprimé ou renommé, ou vous n’y avez pas accès. Rechargez la page.';
const missingThread = 'Discussion introuvable : elle a peut-être été supprimée. Rechargez la page.';

/** Creates the desk of `reader`. */
export function createCommentDesk({ sources, reader }: { sources: CommentSources; reader: Reader }): CommentDesk {
  const { store, events } = sources;
  const viewer = reader.viewer;

  /** The target as this reader may see it: its text and whether they may write it; undefined when not readable. */
  async function open(target: CommentTarget): Promise<{ text: AnchorText; mayWrite: boolean } | undefined> {
    if (target.kind === 'page') {
      const page = reader.pageAt(target.target);
      return page && { text: anchorTextOf((await reader.render(page)).html), mayWrite: reader.can('page.write', page.meta) };
    }
    const pad = PadNameSchema.safeParse(target.target).success ? await reader.pad(target.target) : undefined;
    return pad && { text: anchorTextOf(await reader.padPreview(pad.name)), mayWrite: reader.can('pad.write', pad) };
  }

  const rightsOf = (mayWrite: boolean) => ({ personId: viewer.person?.id, mayWrite });

  async function viewOf(thread: ThreadRow, opened?: { text: AnchorText; mayWrite: boolean }): Promise<ThreadView> {
    const target = { kind: thread.target_kind, target: thread.target };
    const seen = opened ?? (await open(target));
    if (!seen) throw new CommentNotFound(missingThread);
    const [view] = toThreadViews({ threads: [thread], comments: await store.commentsOf(thread.id), text: seen.text, rights: rightsOf(seen.mayWrite) });
    return view as ThreadView;
  }

  /** The logged-in author (a visitor is asked to log in). */
  function author(): Person {
    requireAllowed(viewer, viewer.person !== undefined);
    return viewer.person as Person;
  }

  /** A thread the reader may read, with its target opened. */
  async function readableThread(threadId: string) {
    const thread = await store.thread(threadId);
    const opened = thread && (await open({ kind: thread.target_kind, target: thread.target }));
    if (!thread || !opened) throw new CommentNotFound(missingThread);
    return { thread, opened };
  }

  /** One's own comment, in a thread the reader may still read. */
  async function ownComment(commentId: string, person: Person) {
    const comment = await store.comment(commentId);
    if (!comment || comment.deleted_at !== null) throw new CommentNotFound('Commentaire introuvable : il a peut-être été supprimé. Rechargez la page.');
    const { thread, opened } = await readableThread(comment.thread_id);
    if (comment.author_id !== person.id) throw new Forbidden('Seul·e l’auteur·ice d’un commentaire peut le modifier ou le supprimer.');
    return { comment, thread, opened };
  }

  function anchorFor(input: NewThreadInput, text: AnchorText): ThreadAnchor {
    if (input.anchor === 'heading') {
      if (!input.heading || !text.headings.some((h) => h.id === input.heading)) throw new InvalidInput('Titre introuvable dans la page : il a peut-être changé. Rechargez la page puis commentez à nouveau.');
      return { kind: 'heading', heading: input.heading };
    }
    if (input.anchor === 'passage') {
      const quote = (input.quote ?? '').replace(/\s+/gu, ' ').trim();
      const match = quote ? locatePassage(text.text, { quote, prefix: input.prefix, suffix: input.suffix }) : undefined;
      if (!match) throw new InvalidInput('Passage introuvable dans la page : il a peut-être changé. Sélectionnez-le à nouveau.');
      return { kind: 'passage', quote, ...contextOf(text.text, match) };
    }
    return { kind: 'page' };
  }

  return {
    async threads(target) {
      const opened = await open(target);
      if (!opened) return [];
      return toThreadViews({ ...(await store.list(target)), text: opened.text, rights: rightsOf(opened.mayWrite) });
    },
    async create(input) {
      const person = author();
      const target = { kind: input.kind, target: input.target };
      const opened = await open(target);
      if (!opened) throw new PageNotFound(missingTarget);
      const { thread, comment } = await store.createThread({ target, anchor: anchorFor(input, opened.text), author: person, body: input.body });
      void events.emit('comment.created', { threadId: thread.id, commentId: comment.id, target, by: person, body: comment.body });
      return viewOf(thread, opened);
    },
    async reply({ threadId, body }) {
      const person = author();
      const { thread, opened } = await readableThread(threadId);
      const comment = await store.reply(thread.id, person, body);
      void events.emit('comment.created', { threadId, commentId: comment.id, target: { kind: thread.target_kind, target: thread.target }, by: person, body });
      return viewOf(thread, opened);
    },
    async edit({ commentId, body }) {
      const { thread, opened } = await ownComment(commentId, author());
      await store.edit(commentId, body);
      return viewOf(thread, opened);
    },
    async remove({ commentId }) {
      const { thread, opened } = await ownComment(commentId, author());
      return (await store.remove(commentId)).threadRemoved ? undefined : viewOf(thread, opened);
    },
    async resolve({ threadId, resolved }) {
      const person = author();
      const { thread, opened } = await readableThread(threadId);
      if (!opened.mayWrite && thread.created_by !== person.id) {
        throw new Forbidden('Seules les personnes qui peuvent modifier cette page (ou qui ont ouvert la discussion) la marquent comme résolue.');
      }
      if ((thread.resolved_at !== null) !== resolved) {
        await store.setResolved(threadId, resolved ? person.id : undefined);
        void events.emit('comment.resolved', { threadId, target: { kind: thread.target_kind, target: thread.target }, by: person, resolved });
      }
      return viewOf((await store.thread(threadId)) as ThreadRow, opened);
    },
  };
}
