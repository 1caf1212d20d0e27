/** Builds the WikiReader of one viewer over the hub's index, history, search, pads and stores. */
import { audienceOf, can, type Action, type ActionTargets } from '../access/policy.ts';
import type { PersonSummary } from '../auth/people.ts';
import { administrationFor, type AdministrationStore } from './administration.ts';
import type { Viewer } from '../access/viewer.ts';
import type { EditingService } from '../editing/editing-service.ts';
import { diffVersions, listVersions, readVersion } from './page-versions.ts';
import { listTemplates } from '../editing/page-templates.ts';
import { listAttachments, resolveAttachment } from '../editing/attachments.ts';
import { listChanges } from './recent-changes.ts';
import type { HistoryIndex } from '../git/history-index.ts';
import type { RenderedMarkdown } from '../markdown/render-markdown.ts';
import type { RegisterData } from '../register/register.ts';
import { isoToMs, sortPads } from '../pads/pad-lists.ts';
import type { PadServer, PadSummary } from '../pads/pad-server.ts';
import { getProposalFor, listProposalsFor } from '../review/proposal-view.ts';
import { needsReview, readReviewSettings, sectionOf } from '../review/review-settings.ts';
import type { ServerSearchAnswer } from '../search/search-service.ts';
import type { ServerSearchQuery } from '../search/server-search.ts';
import type { Page } from '../wiki/page.ts';
import { tagKey } from '../wiki/paths.ts';
import type { WikiIndex } from '../wiki/wiki-index.ts';
import { describeRepositoryProblems } from '../wiki/repository-problems.ts';
import { recentLines } from './recent-lines.ts';
import { readableBrokenLinks } from './readable-links.ts';
import { searchReadable } from './search-results.ts';
import { lookupTag } from './tag-lookup.ts';
import type { WikiReader } from './wiki-reader.ts';
import { viewerNotifications } from '../notifications/viewer-notifications.ts';
import type { HubNotifications } from '../notifications/hub-notifications.ts';
import { defaultOnlyPages } from '../editing/repo-settings-save.ts';
import { readHead } from '../git/head.ts';
import { ownApiTokens } from '../auth/api-tokens.ts';
import { ownCalendarLink } from '../calendar/calendar-tokens.ts';
import { ownEmailSettings } from '../mail/mail-preferences.ts';
import { repositoryLicence, sectionAccess } from '../wiki/repo-settings.ts';
import { createCommentDesk, type CommentSources } from '../comments/comment-desk.ts';

/** What the reader reads from: the hub's parts, unfiltered. */
export interface ReaderSources {
  /** Content repository (proposals, templates, review settings). */
  dir: string;
  /** The page index. */
  index: WikiIndex;
  /** The history index. */
  history: HistoryIndex;
  /** History reads (versions, diffs) share the editing service's view of the repository. */
  editing: EditingService;
  /** Renders a page for an audience. */
  renderPage(page: Page, audience: ReturnType<typeof audienceOf>, options?: { body?: string | undefined }): Promise<RenderedMarkdown>;
  /** Renders Markdown that is not a page (a pad's preview): nothing is looked up. */
  renderText(source: string): Promise<RenderedMarkdown>;
  /** The search. */
  search: {
    /** Bundles of the sets of groups that pages name, with the group keys of each. */
    groupAudiences(): { audience: string; groups: string[] }[];
    serverSearch(query: ServerSearchQuery): ServerSearchAnswer;
    suggest(query: string, audience: ReturnType<typeof audienceOf>): { suggestion: string | undefined };
  };
  /** The pad server. */
  pads: Pick<PadServer, 'listPads' | 'getMeta' | 'getText' | 'hasPublicPads'>;
  /** The decision register. */
  register: { current(): Promise<RegisterData> };
  /** Accounts. */
  accounts: { listPeople(): Promise<PersonSummary[]>; hasAdmin(): Promise<boolean>; listGroups(): Promise<{ key: string; name: string }[]> } & AdministrationStore;
  /** Threads and comments, and the bus told of new ones. */
  comments: CommentSources;
  /** Notifications and follows (set once the hub has made them). */
  notifications?: Pick<HubNotifications, 'store' | 'follows'>;
  /** True when the hub sends e-mails (GARE_SMTP_URL): /compte offers the e-mail setting. */
  mailEnabled?: boolean;
}

const memos = new WeakMap<object, { version: number; values: Map<string, unknown> }>();
// Enough for every distinct set of groups of a large organisation's active readers; beyond it the
// oldest are computed again (each holds one array of pages).
const MAX_MEMOS = 400;

/**
 * A value derived from the index for one audience, computed once per index version: two viewers
 * of the same audience read exactly the same pages, so their readable pages, tags and sections are
 * the same, and a page request does not check ten thousand pages against the gate again.
 */
function memo<T>(index: ReaderSources['index'], key: string, compute: () => T): T {
  let entry = memos.get(index);
  if (entry?.version !== index.version) {
    entry = { version: index.version, values: new Map() };
    memos.set(index, entry);
  }
  if (entry.values.has(key)) return entry.values.get(key) as T;
  const value = compute();
  if (entry.values.size >= MAX_MEMOS) entry.values.delete(entry.values.keys().next().value as string);
  entry.values.set(key, value);
  return value;
}

/** Whether some page is restricted to groups: one scan per index version, not one per request. */
function anyGroupPage(index: ReaderSources['index']): boolean {
  return memo(index, 'any-group-page', () => index.all().some((p) => p.meta.groups.length > 0));
}

/** The reader of `viewer`. */
export function createWikiReader(sources: ReaderSources, viewer: Viewer): WikiReader {
  const { index, history } = sources;
  const audience = audienceOf(viewer);
  const groupBundles = (): string[] =>
    sources.search
      .groupAudiences()
      .filter((a) => audience.groups === 'all' || a.groups.some((g) => (audience.groups as readonly string[]).includes(g)))
      .map((a) => a.audience);
  const team = can(viewer, 'team.read');
  // « The team reads everything » holds only while no page is restricted to groups (or for admins):
  // shortcuts that skip per-page checks for the team use this, never `team` alone.
  const readsEverything = (): boolean => team && (audience.groups === 'all' || !anyGroupPage(index));
  // A path lies in a section the viewer may not read when the section's groups exclude them.
  const readableSection = (path: string): boolean =>
    can(viewer, 'page.read', { visibility: 'equipe', groups: sectionAccess(index.settings, path.includes('/') ? path.slice(0, path.indexOf('/')) : '').read });
  const readable = (page: Page | undefined): Page | undefined => (page && can(viewer, 'page.read', page.meta) ? page : undefined);
  // A copy: callers may sort what they get.
  const allReadable = (): Page[] => [...memo(index, `pages:${audience.key}`, () => index.all().filter((p) => can(viewer, 'page.read', p.meta)))];
  // A pad published into a page the viewer may not read keeps that page's path to itself.
  const padForViewer = <T extends { publishedPath?: string | undefined }>(pad: T): T => {
    if (pad.publishedPath === undefined || readable(index.get(pad.publishedPath))) return pad;
    const { publishedPath: _hidden, ...rest } = pad;
    return rest as T;
  };
  // Outside the team an old tag name shows only while a readable page still carries it.
  const showableAlias = (pages: Page[]) => {
    if (readsEverything()) return () => true;
    const carried = new Set<string>(pages.flatMap((p) => p.tagKeys));
    return (key: string) => carried.has(key);
  };
  const readablePad = async (name: string) => {
    const meta = await sources.pads.getMeta(name).catch(() => undefined);
    return meta && can(viewer, 'pad.read', meta) ? padForViewer(meta) : undefined;
  };

  const reader: WikiReader = {
    viewer,
    audience,
    can<A extends Action>(action: A, ...target: ActionTargets[A] extends undefined ? [] : [ActionTargets[A]]) {
      return can(viewer, action, ...target);
    },
    pages: allReadable,
    page(slug) {
      if (!slug) return undefined;
      const match = index.matchAddress(slug);
      return (match ? readable(index.get(match.path)) : undefined) ?? readable(index.getBySlug(slug)) ?? readable(index.getBySlug(`${slug.replace(/\/+$/, '')}/index`));
    },
    // Only to a readable page: a redirect must not tell that a team page exists.
    redirectFor(slug) {
      const match = slug ? index.matchAddress(slug) : undefined;
      const page = match && !match.canonical ? readable(index.get(match.path)) : undefined;
      return page ? index.addressOf(page.path) : undefined;
    },
    addressOf: (page) => index.addressOf(page.path),
    outline() {
      return memo(index, `outline:${audience.key}`, () =>
        index.outline(allReadable()).map((s) => ({ key: s.key, folder: s.folder, title: s.title, pages: s.pages.map((p) => index.get(p)).filter((p): p is Page => p !== undefined) })),
      ).map((s) => ({ ...s, pages: [...s.pages] }));
    },
    pageAt: (path) => readable(index.get(path)),
    // The same visibility check as `pageAt`: a page the viewer may not read has no text for them.
    async pageSource(page) {
      const found = readable(typeof page === 'string' ? index.get(page) : page);
      return found ? index.pageSource(found) : undefined;
    },
    pageByTitle: (title) => readable(index.findByTitle(title)),
    backlinks: (page) => index.backlinks(page.path).filter((p) => readable(p) !== undefined),
    brokenLinks: () => readableBrokenLinks({ index, pages: allReadable(), readable, team: readsEverything() }),
    orphans() {
      return allReadable().filter((p) => reader.backlinks(p).length === 0);
    },
    problems: () => (team ? index.problems().filter((p) => readable(p) !== undefined) : []),
    // Paths may sit in a team folder: only the team learns they exist.
    repositoryProblems() {
      if (!team) return [];
      const skipped = index.skippedFiles();
      const pick = (kind: string) => skipped.filter((s) => s.kind === kind && readableSection(s.path)).map((s) => s.path);
      return describeRepositoryProblems({ links: pick('link'), oddNames: pick('odd-name'), unsafePaths: history.unsafePaths().filter(readableSection) });
    },
    tags: (subset) => (subset ? index.tags(subset) : [...memo(index, `tags:${audience.key}`, () => index.tags(allReadable()))]),
    hasTag: (page, key) => index.hasTag(page, tagKey(key)),
    tag(key) {
      const pages = allReadable();
      return lookupTag({ tags: index.tags(pages), aliases: index.aliases, key: tagKey(key), showable: showableAlias(pages) });
    },
    tagAliases() {
      const showable = showableAlias(allReadable());
      return Object.entries(index.aliases)
        .map(([from, to]) => ({ from, to }))
        .filter((a) => showable(tagKey(a.from)));
    },
    render: (page, body) => sources.renderPage(page, audience, { body }),
    async padPreview(name) {
      return (await readablePad(name)) ? (await sources.renderText(await sources.pads.getText(name))).html : '';
    },

    authors: (page) => history.authorsOf(page.path).map((a) => a.name).filter((n) => n.trim().length > 0),
    updatedAt: (page) => (readable(page) ? history.updatedAt(page.path) : undefined),
    latestVersion: (page) => (readable(page) ? history.historyOf(page.path)[0]?.oid : undefined),
    // Once per index and history version for the audience: the first commit may touch every page.
    recentChanges(limit) {
      return [...reader.remember(`recent:${limit}`, () => recentLines({ entries: listChanges({ deps: sources.editing, viewer, limit: Math.min(200, limit * 4) }), pageAt: reader.pageAt, team, limit, fallback: allReadable }))];
    },
    remember: (name, compute) => memo(index, `remember:${history.head() ?? ''}:${audience.key}:${name}`, compute),
    changes: (filters) => listChanges({ deps: sources.editing, viewer, ...filters }),
    versions: (path) => listVersions({ deps: sources.editing, viewer, path }),
    version: (path, oid) => readVersion({ deps: sources.editing, viewer, path, oid }),
    diff: (path, from, to, context) => diffVersions({ deps: sources.editing, viewer, path, from, to, context }),
    versionBefore(page, oid) {
      if (!readable(page)) return undefined;
      const versions = history.historyOf(page.path);
      const at = versions.findIndex((v) => v.oid === oid);
      return at >= 0 ? versions[at + 1]?.oid : undefined;
    },

    attachments: (page) => listAttachments({ deps: sources.editing, viewer, page }),
    attachment: (file) => resolveAttachment({ deps: sources.editing, viewer, file }),

    // Each page is in one bundle: the public one, the team-only one for the team, then one per
    // group the viewer reads (merged in the browser), comma-separated.
    searchBundle: () => [...new Set(['public', audience.base]), ...groupBundles()].map((a) => `/pagefind/${a}`).join(','),
    mayLoadBundle: (asked) => asked === 'public' || (asked === 'equipe' && audience.base === 'equipe') || groupBundles().includes(asked),
    search: (query) =>
      searchReadable({ query, audience, search: sources.search, pages: allReadable, pageByUrl: (url) => memo(index, `by-url:${audience.key}`, () => new Map(allReadable().map((p) => [p.url, p]))).get(url), readable, hasTag: reader.hasTag }),
    suggest: (query) => sources.search.suggest(query, audience).suggestion,

    async pads(): Promise<PadSummary[]> {
      return (await sources.pads.listPads()).filter((p) => can(viewer, 'pad.read', p)).map(padForViewer);
    },
    async padLists() {
      const lastChangeOf = (path: string) => isoToMs(readable(index.get(path)) ? history.updatedAt(path) : undefined);
      return sortPads({ pads: await reader.pads(), lastChangeOf });
    },
    pad: readablePad,
    async padText(name) {
      return (await readablePad(name)) ? sources.pads.getText(name) : '';
    },
    async hasPads() {
      return can(viewer, 'pad.write', { visibility: 'public' }) || (await sources.pads.hasPublicPads());
    },

    async register() {
      const data = await sources.register.current();
      // Judged by the page itself (visibility and groups), not only the visibility the entry copied.
      const fromReadable = (e: { page: { path: string } }) => can(viewer, 'page.read', index.get(e.page.path)?.meta ?? { visibility: 'equipe', groups: ['__page-inconnue__'] });
      return { ...data, decisions: data.decisions.filter((d) => can(viewer, 'page.read', d) && fromReadable(d)), actions: data.actions.filter((a) => can(viewer, 'page.read', a) && fromReadable(a)) };
    },

    // The desk opens the page or pad through this very reader: what it cannot read has no threads.
    threads: (target) => reader.comments().threads(target),
    comments: () => createCommentDesk({ sources: sources.comments, reader }),

    proposals: ({ mine, states }) => listProposalsFor({ dir: sources.dir, viewer, mine, states }),
    proposal: (id, context) => getProposalFor({ dir: sources.dir, viewer, id, context }),
    reviewSettings: () => readReviewSettings({ dir: sources.dir }),
    reviewsSave: async (path) => can(viewer, 'proposals.submit') && needsReview({ settings: await readReviewSettings({ dir: sources.dir }), viewer, path }),
    templates: () => listTemplates({ dir: sources.dir }).catch(() => []),
    sections: () => [...memo(index, `sections:${audience.key}`, () => [...new Set(allReadable().map((p) => sectionOf(p.path)).filter((s) => s !== ''))].sort())],
    // Only a readable landing page names its section: a team page's title stays with the team.
    sectionTitle(section) {
      const landings = section ? ['index', 'README', '_index'].map((name) => readable(index.getBySlug(`${section}/${name}`))) : [];
      return landings.find((p) => p !== undefined)?.meta.title;
    },

    people: async () => (can(viewer, 'people.manage') ? sources.accounts.listPeople() : []),
    hasAdmin: () => sources.accounts.hasAdmin(),
    async groupChoices() {
      if (viewer.person === undefined) return [];
      return (await sources.accounts.listGroups()).filter((g) => audience.groups === 'all' || audience.groups.includes(g.key)).map(({ key, name }) => ({ key, name }));
    },
    async visibilityDefaults() {
      if (!can(viewer, 'people.manage')) return undefined;
      const version = await readHead(sources.dir);
      return version === undefined ? undefined : { ...defaultOnlyPages(index.all()), version };
    },
    settingsProblems: () => (team ? index.settings.problems : []),
    // A section named only for those who read one of its pages: a team folder's name stays with the team.
    licences() {
      const readableSections = new Set(reader.sections());
      const named = Object.entries(index.settings.licence.sections).filter(([section]) => readableSections.has(section));
      return { default: repositoryLicence(index.settings), sections: Object.fromEntries(named) };
    },
    administration: () => administrationFor({ store: sources.accounts, dir: sources.dir, viewer }),
    apiTokens: () => ownApiTokens({ sql: sources.accounts.sql, viewer }),
    calendarLink: () => ownCalendarLink({ sql: sources.accounts.sql, viewer }),
    notifications: () => (viewer.person && sources.notifications ? viewerNotifications(sources.notifications, reader, viewer.person.id) : undefined),
    emailSettings: () => ownEmailSettings({ sql: sources.accounts.sql, viewer, enabled: sources.mailEnabled === true }),
  };
  return reader;
}
