/**
 * What a sync that changed pages tells people (`pages.changed`, whoever changed them: web save,
 * publication, terminal commit, pull). For each changed page, at most one notification per person
 * per sync, the most specific first: an action newly assigned to them (`action-assigned`), a new
 * `@mention` (`mention`), else a change of something they follow (`page-changed`: the page, one
 * of its tags, its section, or the register when its decisions or actions changed). The author of
 * the latest version (commit e-mail → account) follows the page, unless they stopped once, and is
 * never told of their own change. Every delivery goes through the gate (`deliver`).
 */
import type { PageChange } from '../events/hub-events.ts';
import { extractDecisions } from '../register/decisions.ts';
import { meetingTypes } from '../register/register.ts';
import type { Page } from '../wiki/page.ts';
import type { PageSource } from '../wiki/page-sources.ts';
import { deliver, type DeliverDeps } from './deliver.ts';
import type { FollowKind, FollowStore } from './follows.ts';
import { excerptOf, newMentions } from './mention-text.ts';
import { foldHandle, type HandleDirectory } from './people-handles.ts';
import type { NotificationKind } from './notification-store.ts';

/** What the page listener needs. */
export interface PageNotifyDeps extends DeliverDeps {
  /** Follows. */
  follows: FollowStore;
  /** The people of `@handles`, read once per sync. */
  directory(): Promise<HandleDirectory>;
  /** Author of the latest version of a path (name and e-mail), from the history index. */
  latestAuthor(path: string): { name: string; email: string } | undefined;
  /** A page's text read back (`index.pageSource`): the index keeps none, and a change's `before` is read from git. */
  pageSource(page: Page): Promise<PageSource | undefined>;
}

type Planned = { kind: NotificationKind; excerpt?: string };

/** Decisions and actions of a meeting page, as comparable lines. */
function registerLines(page: Page | undefined, source: string): { decisions: string[]; actions: { owner: string | undefined; text: string; line: string }[] } {
  if (!page || !meetingTypes.has(page.meta.type)) return { decisions: [], actions: [] };
  const found = extractDecisions({ source, ...(page.meta.date ? { date: page.meta.date } : {}) });
  const lines = source.split(/\r?\n/);
  return {
    decisions: found.decisions.map((d) => d.text),
    actions: found.actions.map((a) => ({ owner: a.owner, text: `${a.text}|${a.due ?? ''}|${a.done}`, line: (lines[a.line - 1] ?? a.text).trim() })),
  };
}

/** Plans and delivers the notifications of one changed page. */
async function notifyPage(deps: PageNotifyDeps, dir: HandleDirectory, change: PageChange): Promise<void> {
  const { after, before, path } = change;
  if (!after) return; // A removed page is nobody's to read any more.
  const author = deps.latestAuthor(path);
  const actor = author && dir.byEmail(author.email);
  if (actor) await deps.follows.followAsAuthor(actor.id, path);
  const plan = new Map<string, Planned>();
  const set = (id: string, p: Planned) => {
    if (!plan.has(id)) plan.set(id, p);
  };

  const afterText = await deps.pageSource(after);
  if (!afterText) return; // Gone again since: the next change tells.
  // A previous version whose text git no longer gives (an edit never committed) counts as unchanged: nobody is told twice.
  const beforeText = before ? ((await deps.pageSource(before)) ?? afterText) : undefined;
  // Actions newly assigned: an (owner, action) pair the previous version did not have.
  const was = registerLines(before, beforeText?.source ?? '');
  const now = registerLines(after, afterText.source);
  const ownedBefore = new Set(was.actions.map((a) => `${a.owner === undefined ? '' : (dir.resolve(a.owner)?.id ?? '')}\n${a.text}`));
  for (const a of now.actions) {
    const owner = a.owner === undefined ? undefined : dir.resolve(a.owner);
    if (owner && !ownedBefore.has(`${owner.id}\n${a.text}`)) set(owner.id, { kind: 'action-assigned', excerpt: excerptOf(a.line) });
  }
  // New mentions, counted per person (`@Camille` and `@Camille.Dupont` are the same one).
  const byPerson = (h: string) => dir.resolve(h)?.id ?? foldHandle(h);
  for (const hit of newMentions(beforeText?.body, afterText.body, byPerson)) {
    const person = dir.resolve(hit.handle);
    if (person) set(person.id, { kind: 'mention', excerpt: excerptOf(hit.line) });
  }
  // Followers: the page, its tags (before and after), its section, the register.
  const things: { kind: FollowKind; target: string }[] = [{ kind: 'page', target: path }];
  for (const tag of new Set([...after.tagKeys, ...(before?.tagKeys ?? [])])) things.push({ kind: 'tag', target: tag });
  if (after.section) things.push({ kind: 'section', target: after.section });
  if (JSON.stringify(was) !== JSON.stringify(now)) things.push({ kind: 'register', target: '' });
  for (const id of (await deps.follows.followersOf(things)).keys()) set(id, { kind: 'page-changed' });

  for (const [userId, p] of plan) {
    await deliver(deps, { userId, actorId: actor?.id, actorName: author?.name, kind: p.kind, target: { kind: 'page', path }, excerpt: p.excerpt });
  }
}

/** Handles one `pages.changed`: page by page, one notification per page and person. */
export async function notifyPagesChanged(deps: PageNotifyDeps, changes: readonly PageChange[]): Promise<void> {
  const dir = await deps.directory();
  for (const change of changes) {
    try {
      await notifyPage(deps, dir, change);
    } catch (error) {
      console.error(`[notifications] ${change.path} :`, error);
    }
  }
}
