/** The hub: the running wiki's state (index, history, search, people, pads), built from config. */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Config } from '../config.ts';
import { createAccountStore } from '../auth/account-store.ts';
import { createLogin } from '../auth/login.ts';
import { createOidcClient } from '../auth/oidc-client.ts';
import { createFlowStore } from '../auth/oidc-flows.ts';
import { resolveViewer } from '../auth/resolve-viewer.ts';
import type { Audience } from '../access/policy.ts';
import type { Audience as SearchAudience } from '../search/record.ts';
import type { Visibility } from '../wiki/schema.ts';
import { createCommitQueue } from '../git/commit-queue.ts';
import { createHistoryIndex, type HistoryIndexOptions } from '../git/history-index.ts';
import { readHeadOid, watchRepo } from '../git/watch-repo.ts';
import { createRepoFollower } from './follow-repo.ts';
import { createHubEvents } from '../events/hub-events.ts';
import { createCalendarTokens } from '../calendar/calendar-tokens.ts';
import { createHubNotifications } from '../notifications/hub-notifications.ts';
import { createCommentStore } from '../comments/comment-store.ts';
import { wireComments } from '../comments/comment-wiring.ts';
import { createWebhooks } from '../webhooks/webhook-service.ts';
import { createHubMail } from '../mail/hub-mail.ts';
import { createHubPads } from './pad-wiring.ts';
import { openStores } from '../store/open-stores.ts';
import { createContentLock } from '../cluster/content-lock.ts';
import { createSharedWrites } from '../cluster/shared-writes.ts';
import { createWorkClaims } from '../cluster/work-claims.ts';
import { withPublishedPages } from '../publishing/pad-link.ts';
import { createHubRemote, type HubCluster } from './remote-wiring.ts';
import { createPageRenderer } from '../reading/render-page.ts';
import { audienceDir } from '../search/bundle-dirs.ts';
import { createSearchService } from '../search/search-service.ts';
import { closePagefind } from '../search/bundle.ts';
import { createRenderPool } from '../markdown/render-pool.ts';
import { createRenderCache } from '../reading/render-cache.ts';
import { warmRenders } from '../reading/render-cache-warmup.ts';
import { createWikiIndex } from '../wiki/wiki-index.ts';
import { createIdleWork } from '../util/idle-work.ts';
import { createDecisionRegister } from '../register/register.ts';
import { createEditingService } from '../editing/editing-service.ts';
import { createWikiReader, type ReaderSources } from '../reading/create-reader.ts';
import type { WikiReader } from '../reading/wiki-reader.ts';
import type { Viewer } from '../access/viewer.ts';
import type { Page } from '../wiki/page.ts';

/** Options of createHub. */
export interface HubOptions {
  /** Resolved configuration. */
  config: Config;
  /** Clock (epoch ms), for tests. */
  now?: () => number;
  /**
   * The search build (and what waits for it) starts once this resolves: `startGare` resolves it when
   * the hub answers requests, so the first page never waits behind the search's preparation.
   * Default: the next turn of the event loop.
   */
  backgroundGate?: Promise<unknown>;
  /** For tests: `beforeFirstBuild` holds the first history build (commits are served meanwhile). */
  history?: Pick<HistoryIndexOptions, 'beforeFirstBuild'>;
}

/** The running hub. */
export type Hub = Awaited<ReturnType<typeof createHub>>;

/** Builds the hub, loads the wiki and its history, and starts following the repository. */
export async function createHub({ config, now = Date.now, backgroundGate, history: historyOptions }: HubOptions) {
  const dir = config.contentDir;
  const clock = () => new Date(now());
  // Parsed pages kept across restarts: a restart reads only the files that changed meanwhile.
  const index = createWikiIndex({ dir, snapshotFile: path.join(config.dataDir, 'index-snapshot.ndjson') });
  const history = createHistoryIndex({ dir, cacheFile: path.join(config.dataDir, 'history-cache.json'), ...historyOptions });
  const commits = createCommitQueue({ dir, now: clock });
  const searchDir = path.join(config.dataDir, 'search');
  // Background work (search preparation, renders to disk) runs in short slices between requests.
  const idle = createIdleWork();
  const search = createSearchService({ outDir: searchDir, now: clock, idle });
  // Accounts and pads outside git: SQLite files in the data folder, or PostgreSQL shared by several instances.
  const stores = await openStores({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  // Several instances: one pair of Redis connections for the pads and the content announcements.
  // The Redis client loads only when Redis is configured (a few hundred ms of modules otherwise).
  const redis = config.redisUrl ? (await import('../cluster/redis-link.ts')).openRedisLink({ url: config.redisUrl }) : undefined;
  const padCluster = redis && (await import('../pads/redis-pad-cluster.ts')).redisPadCluster(redis);
  const cluster: HubCluster | undefined = redis && config.remote ? { instance: randomUUID(), lock: createContentLock({ redis: redis.commands }), link: redis } : undefined;
  const accounts = await createAccountStore({ store: stores.accounts, now });
  const login = createLogin({ store: accounts, now });
  // Conversations, notifications, e-mails, calendar links and webhooks live beside the accounts, in the same store.
  const accountsSql = accounts.sql;
  const sso = config.oidc && { settings: config.oidc, client: createOidcClient({ settings: config.oidc }), flows: createFlowStore({ sql: accounts.sql, now }) };
  // What happens in the hub, for notifications, e-mails and webhooks.
  const events = createHubEvents();
  // Given the folder, a terminal commit's pages are served from a tree diff, before the history reads it.
  const follower = createRepoFollower({ index, history, search: search.indexer, events, idle, dir });
  // A pad's published page is derived from the pages' `pad:` field, so a page rename keeps the link.
  const pads = withPublishedPages(createHubPads({ dataDir: config.dataDir, contentDir: dir, accounts, now, publicUrl: config.publicUrl, events, cluster: padCluster, store: stores.pads }), index);

  // HEAD read before the full scan: the scan saw at least that commit, so later syncs can diff from it.
  const startHead = await readHeadOid(dir);
  await index.refresh();
  follower.indexedAt(startHead);
  // The history (authors, versions) is built behind the first page: on a fresh data folder with a
  // long history this takes seconds (about 1–2 ms a commit); restarts read it from its cache file.
  const historyReady = history.refresh().catch((error: unknown) => console.error('[history] construction impossible :', error));
  // The first page is served before the search index is built; searches wait for `searchReady`.
  // Its preparation (records, vocabulary, stems) takes seconds of CPU at 10,000 pages: started
  // behind the gate, once the hub answers.
  const gate = backgroundGate ?? new Promise((resolve) => setImmediate(resolve));
  const searchReady = gate.then(() => follower.buildSearch()).catch((error: unknown) => console.error('[search] construction impossible :', error));
  // Once the search is built (they would share the cores): a start that took the folder's walk
  // from the snapshot walks it now, for edits made outside commits while stopped; then the
  // snapshot is written (again at close).
  const snapshotSaved = searchReady
    .then(async () => {
      if (index.startedFromSnapshot) await follower.sync();
      // Written in one go (hundreds of ms at 10,000 pages): started at a moment no visitor waits.
      await idle.turn();
      await index.saveSnapshot({ head: await readHeadOid(dir) });
    })
    .catch((error: unknown) => console.error('[index] instantané non écrit :', error));
  const watcher = watchRepo({ dir, onChange: (head) => void follower.syncTo(head)?.catch((e: unknown) => console.error('[sync]', e)) });

  const register = createDecisionRegister({ index });
  // Markdown is rendered in worker threads: no page, however pathological, holds the event loop.
  const renderPool = createRenderPool();
  // Renders kept on disk across restarts, then every page rendered in the background after start.
  const renderCache = createRenderCache({ dir: path.join(config.dataDir, 'rendus') });
  const renderPage = createPageRenderer(index, renderPool, renderCache);
  const warming = new AbortController();
  // Once the search is built: the two would share the same cores.
  // The most linked-to pages first: those are the ones visitors open next.
  const rank = (page: Page) => index.backlinks(page.path).length;
  const warmed = searchReady.then(() => warmRenders({ pages: () => index.all(), render: renderPage, signal: warming.signal, rank, turn: idle.turn })).catch((error: unknown) => console.error('[rendus]', error));
  const sync = async () => {
    const change = await follower.sync();
    remote.afterSave();
    return change;
  };
  // Several instances: every write pulls from the forge, commits and pushes under the shared lock.
  const shared =
    cluster &&
    createSharedWrites({
      lock: cluster.lock,
      forge: {
        pullNow: () => remote.pullNow(),
        pushNow: () => remote.pushNow(),
        syncBranches: (options) => remote.syncBranches(options),
        knownHead: () => remote.knownHead(),
        localHead: () => readHeadOid(dir),
      },
      afterPull: () => follower.sync(),
      onPushFailed: (error) => console.error('[sync] envoi à la forge impossible après un enregistrement ; nouvel essai au prochain tour :', error),
    });
  // The one editing service: every write to the content repository goes through it.
  const editing = createEditingService({ dir, commits, history, index, sync, now: clock, events, shared });
  // Forge merges take the editing service's lock: created after it, so the first round finds it.
  const remote = createHubRemote({ remote: config.remote, editing, now: clock, afterPull: () => follower.sync(), cluster });
  // Threads follow their pages (deleted, renamed, published from a pad); kept in the accounts database.
  const commentStore = createCommentStore({ sql: accountsSql, now });
  wireComments({ events, store: commentStore, index, renderPage, pads });
  const readerSources: ReaderSources = {
    dir,
    index,
    history,
    editing,
    renderPage,
    renderText: (source) => renderPool.render({ source }),
    search: { serverSearch: (q) => search.searchServerSide(q), suggest: search.suggest, groupAudiences: () => search.indexer.groupAudiences() },
    pads,
    register,
    accounts,
    comments: { store: commentStore, events },
    mailEnabled: config.mail !== undefined,
  };
  const forViewer = (viewer: Viewer): WikiReader => createWikiReader(readerSources, viewer);
  const latestAuthor = (p: string) => {
    const v = history.historyOf(p)[0];
    return v && { name: v.author, email: v.email };
  };
  // Mentions, follows and comments become notifications, each checked through the gate for its recipient.
  // On a shared database, each page change is told once whichever instance saw it first.
  const claims = config.databaseUrl ? createWorkClaims({ sql: accountsSql, now }) : undefined;
  const notifications = createHubNotifications({ sql: accountsSql, now, events, viewerOf: accounts.viewerOf, forViewer, latestAuthor, padText: (name) => pads.getText(name), pageSource: (page) => index.pageSource(page), claims });
  readerSources.notifications = notifications;
  // E-mails of notifications (with GARE_SMTP_URL) and reminders of the register's actions, on a daily timer.
  // Its round of reminders at start builds the register (every page's decisions): after the search, like the snapshot.
  const mail = createHubMail({ config, sql: accountsSql, store: notifications.store, events, register, viewerOf: accounts.viewerOf, forViewer, now, claims, startAfter: searchReady });
  // Webhooks hear the bus and send, for each hook, only what its owner may read.
  const webhooks = createWebhooks({ sql: accountsSql, now, events, viewerOf: accounts.viewerOf, forViewer, publicUrl: config.publicUrl, claims });

  return {
    config,
    /** Background work's scheduler: the HTTP handler counts requests in it, so that work waits for quiet moments. */
    idleWork: idle,
    /** The read side scoped to one viewer: everything the site and the API show goes through it. */
    forViewer(viewer: Viewer): WikiReader {
      return createWikiReader(readerSources, viewer);
    },
    /** The one write path (lock, expected head, commit queue). */
    editing,
    /** What happens in the hub (pages changed, comments, publications), for notifications and webhooks. */
    events,
    /** Notifications and follows (`idle` for tests and shutdown). */
    notifications,
    /** E-mails (`service`, undefined without GARE_SMTP_URL), each person's choice, action reminders. */
    mail,
    /** Webhooks set by admins, their delivery log and sending (`runDue`, `idle` for tests). */
    webhooks,
    /** Personal calendar links (`/calendrier/<secret>.ics`), stored hashed. */
    calendarTokens: createCalendarTokens({ sql: accountsSql, now }),
    index,
    history,
    /** Resolves once the history index is built (authors and versions are empty until then). */
    historyReady,
    commits,
    accounts,
    login,
    /** Single sign-on (settings, relying party, logins under way), when GARE_OIDC_ISSUER is set. */
    sso,
    pads,
    remote,
    /** Decisions and actions of every meeting page, derived from the index. */
    register,
    /** Renders a page for an audience (links to pages it may not read render as missing). */
    renderPage,
    /** After a commit: index, history and search up to date (resolves once searchable), then push. */
    sync,
    search: {
      indexer: search.indexer,
      ready: searchReady,
      /** Folder of an audience's search bundles, served at `/pagefind/<audience>/`. */
      dirFor(audience: string): string | undefined {
        return search.indexer.hasAudience(audience) ? audienceDir(searchDir, audience as SearchAudience) : undefined;
      },
      /** URL prefix of an audience's bundles. */
      prefixFor(audience: SearchAudience): string {
        return `/pagefind/${audience}`;
      },
      /** « Vouliez-vous dire … ? » from the audience's own vocabulary. */
      suggest: search.suggest,
      /** Search without JavaScript (the /recherche page). */
      serverSearch(query: { query: string; audience: Audience | Visibility; tags?: string[]; types?: string[] }) {
        return search.searchServerSide(query);
      },
    },
    /** Who is behind a request. */
    async resolveViewer(req: IncomingMessage) {
      return resolveViewer({ cookieHeader: req.headers.cookie, authorization: req.headers.authorization, store: accounts, now });
    },
    /** WebSocket upgrades: pads under `/yjs/`; anything else is refused. */
    handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
      if ((req.url ?? '').startsWith('/yjs/')) pads.handleUpgrade(req, socket, head);
      else socket.destroy();
    },
    /** The one-time link to create the first admin, while there is none. */
    async firstAdminLink(base: string): Promise<string | undefined> {
      if (await accounts.hasAdmin()) return undefined;
      const token = await accounts.createFirstAdminToken();
      return token ? `${base}/bienvenue?jeton=${encodeURIComponent(token)}` : undefined;
    },
    /** Stops following, flushes pads and stores, closes files. */
    async close(): Promise<void> {
      watcher.close();
      await remote.stop();
      await pads.close();
      await redis?.close();
      await historyReady;
      await follower.idle();
      notifications.flushPads();
      await notifications.idle();
      notifications.close();
      await mail.close();
      await searchReady;
      await search.indexer.idle();
      // The server-side search and the suggestions, taken back by a start over the same pages.
      await search.indexer.saveState().catch((error: unknown) => console.error('[recherche] état non écrit :', error));
      await closePagefind();
      warming.abort();
      await renderPool.close();
      await warmed;
      await renderCache.idle();
      await snapshotSaved;
      await index.saveSnapshot({ head: await readHeadOid(dir) }).catch((error: unknown) => console.error('[index] instantané non écrit :', error));
      await history.save();
      await webhooks.close();
      await accounts.close();
      await stores.pads.close();
    },
  };
}
