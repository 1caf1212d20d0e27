/**
 * The read side of the hub, scoped to one viewer: `hub.forViewer(viewer)` returns a WikiReader,
 * and every Astro page and API route reads through it and nothing else. Whatever it returns the
 * viewer may read: pages, lists, counts, tags, links, history, pads, the register, search.
 */
import type { Action, ActionTargets, Audience } from '../access/policy.ts';
import type { Viewer } from '../access/viewer.ts';
import type { PersonSummary } from '../auth/people.ts';
import type { Administration } from './administration.ts';
import type { VersionInfo, PageVersionText } from './page-versions.ts';
import type { ChangeEntry } from './recent-changes.ts';
import type { TextDiff } from '../git/read-version.ts';
import type { RenderedMarkdown } from '../markdown/render-markdown.ts';
import type { RegisterData } from '../register/register.ts';
import type { PadMeta, PadSummary } from '../pads/pad-server.ts';
import type { PadLists } from '../pads/pad-lists.ts';
import type { Proposal } from '../review/proposal-read.ts';
import type { ProposalDetail } from '../review/proposal-view.ts';
import type { ProposalState } from '../review/proposal-refs.ts';
import type { ReviewSettings } from '../review/review-settings.ts';
import type { PageTemplate } from '../editing/page-templates.ts';
import type { RepositoryProblem } from '../wiki/repository-problems.ts';
import type { AttachmentInfo, ResolvedAttachment } from '../editing/attachments.ts';
import type { BrokenLink } from '../wiki/link-graph.ts';
import type { Page } from '../wiki/page.ts';
import type { PageSource } from '../wiki/page-sources.ts';
import type { OutlineSection as OutlineOrder } from '../wiki/layouts/outline.ts';
import type { PagePath } from '../wiki/paths.ts';
import type { TagInfo } from '../wiki/tags.ts';
import type { TagLookup } from './tag-lookup.ts';
import type { VisibilityDefaults } from '../editing/repo-settings-save.ts';
import type { ApiTokenSummary } from '../auth/api-tokens.ts';
import type { CommentTarget } from '../events/hub-events.ts';
import type { CommentDesk } from '../comments/comment-desk.ts';
import type { ViewerNotifications } from '../notifications/viewer-notifications.ts';
import type { EmailMode } from '../mail/mail-preferences.ts';
import type { ThreadView } from '../comments/comment-views.ts';

/** One line of « Dernières modifications » on the home page and the sommaire: one page, its last change. */
export interface ChangeLine {
  /** The page changed (readable by the viewer now). */
  page: Page;
  /** Who changed it; undefined while the history is being built. */
  author: string | undefined;
  /** When (ISO): commit time, or the page date as a fallback. */
  date: string | undefined;
  /** What happened. */
  change: 'added' | 'modified' | 'renamed' | undefined;
  /** Commit message, for the team only (a message may quote a team page's title). */
  message: string | undefined;
}

/** Filters of the change feed. */
export interface ChangeFilters {
  /** Maximum number of commits (1–200). */
  limit: number;
  /** Author name (part of) or e-mail (team only). */
  author?: string | undefined;
  /** Page type. */
  type?: string | undefined;
  /** Tag key or tag. */
  tag?: string | undefined;
  /** Only changes at or after this date. */
  since?: string | undefined;
}

/** A server-side search. */
export interface SearchQuery {
  /** Words. */
  q: string;
  /** Tag label or key filter. */
  tag?: string | undefined;
  /** Type filter. */
  type?: string | undefined;
}

/** One search result, ready to show. */
export interface SearchResult {
  /** The readable page. */
  page: Page;
  /** Excerpt HTML: everything escaped except `<mark>`. */
  excerptHtml: string;
}

/** An old tag name and the tag it leads to. */
export interface TagAliasEntry {
  /** The old name, as written in the alias table. */
  from: string;
  /** The current tag's name. */
  to: string;
}

/** One section of the sommaire: its folder, its title (from a readable landing page or `_category_.json`), its readable pages in order. */
export interface OutlineSection extends Pick<OutlineOrder, 'key' | 'folder' | 'title'> {
  /** Readable pages, the landing page first. */
  pages: Page[];
}

/** A broken link, with the readable page holding it. */
export type ReadableBrokenLink = BrokenLink & { page: Page };

/** Everything the site and the API may read, as one viewer may see it. */
export interface WikiReader {
  /** Who is reading. */
  readonly viewer: Viewer;
  /** Which search bundle and page set this viewer reads. */
  readonly audience: Audience;
  /** True when the viewer may do `action` on `target` (to show or hide a button; doors check again). */
  can<A extends Action>(action: A, ...target: ActionTargets[A] extends undefined ? [] : [ActionTargets[A]]): boolean;

  /** Every readable page. */
  pages(): Page[];
  /** A readable page by slug; a folder slug falls back to its `index` page. */
  page(slug: string): Page | undefined;
  /** A readable page by repository path. */
  pageAt(path: string): Page | undefined;
  /** The text of a readable page (whole file and body), read back on demand: the index keeps none; undefined when the viewer may not read it. */
  pageSource(page: Page | string): Promise<PageSource | undefined>;
  /** URL a readable page should be asked at, when `slug` (after `/wiki/`) is an old or path-based address of it (a 301). */
  redirectFor(slug: string): string | undefined;
  /** URL of a page at its address (`/wiki/guide` for a folder's landing page, a `permalink:`). */
  addressOf(page: Page): string;
  /** Readable pages by section, each under its title, in the original tool's order (the sommaire). */
  outline(): OutlineSection[];
  /** A readable page by title or alias (without case or accents). */
  pageByTitle(title: string): Page | undefined;
  /** Readable pages linking to this page. */
  backlinks(page: Page): Page[];
  /** Broken links of readable pages; a link to a page the viewer may not read counts as broken. */
  brokenLinks(): ReadableBrokenLink[];
  /** Readable pages no readable page links to. */
  orphans(): Page[];
  /** Pages whose front matter has problems (the team's « Pages à corriger »; empty for others). */
  problems(): Page[];
  /** Files of the repository the hub refuses (links, unsafe or odd names), with a French hint; team only, empty for others. */
  repositoryProblems(): RepositoryProblem[];
  /** Tags of readable pages (or of `subset`), most used first. */
  tags(subset?: readonly Page[]): TagInfo[];
  /** True when the page carries the tag or one of its old names. */
  hasTag(page: Page, key: string): boolean;
  /** The tag of `/tags/<key>` (or of one of its old names) among readable pages. */
  tag(key: string): TagLookup | undefined;
  /** Old tag names: the whole table for the team, only names a readable page still carries for others. */
  tagAliases(): TagAliasEntry[];
  /** The page rendered for this viewer: links to pages they may not read render as missing. `body`: an old version's Markdown (else read back). */
  render(page: Page, body?: string): Promise<RenderedMarkdown>;

  /** People who wrote the page, most commits first. */
  authors(page: Page): string[];
  /** Time (ISO) of the last commit of a readable page. */
  updatedAt(page: Page): string | undefined;
  /** The commit an edit of the page starts from. */
  latestVersion(page: Page): string | undefined;
  /** The last changed readable pages, one line each, newest first. */
  recentChanges(limit: number): ChangeLine[];
  /**
   * A list derived only from what this reader returns, computed once per index and history version
   * for the viewer's audience and then served from memory (home portal, sommaire). Shared by every
   * viewer of the audience: `compute` must not use anything personal (name, follows, drafts).
   */
  remember<T>(name: string, compute: () => T): T;
  /** Commits touching readable pages, newest first (messages neutral outside the team). */
  changes(filters: ChangeFilters): ChangeEntry[];
  /** Versions of a page the viewer may see, newest first (throws PageNotFound when the page is not readable). */
  versions(path: string): Promise<{ path: PagePath; versions: VersionInfo[] }>;
  /** One version's text (throws PageNotFound when not readable). */
  version(path: string, oid: string): Promise<PageVersionText & { path: PagePath }>;
  /** Line diff between two readable versions. */
  diff(path: string, from: string, to: string | undefined, context: number | undefined): Promise<{ path: PagePath; from: VersionInfo; to: VersionInfo; diff: TextDiff }>;
  /** The version of a readable page just before commit `oid` (« voir les changements »). */
  versionBefore(page: Page, oid: string): string | undefined;

  /** Files attached to a readable page (throws PageNotFound otherwise). */
  attachments(page: string): Promise<{ page: PagePath; attachments: AttachmentInfo[] }>;
  /** An attached file the viewer may read, by repository path (throws PageNotFound otherwise). */
  attachment(file: string): Promise<ResolvedAttachment>;

  /** URL prefix of the search bundles this viewer loads. */
  searchBundle(): string;
  /** True when this viewer may download the bundles of `audience`. */
  mayLoadBundle(audience: string): boolean;
  /** Server-side search (no JavaScript), every result checked again. */
  search(query: SearchQuery): { results: SearchResult[]; suggestion: string | undefined };
  /** « Vouliez-vous dire … ? » from this viewer's own vocabulary. */
  suggest(query: string): string | undefined;

  /** Readable pads (paths of pages the viewer may not read left out). */
  pads(): Promise<PadSummary[]>;
  /** Readable pads sorted into « en cours », « publiés » and « archivés ». */
  padLists(): Promise<PadLists>;
  /** A readable pad by name. */
  pad(name: string): Promise<PadMeta | undefined>;
  /** A readable pad's text rendered for its preview ('' otherwise). */
  padPreview(name: string): Promise<string>;
  /** Text of a readable pad ('' otherwise). */
  padText(name: string): Promise<string>;
  /** True when the header should offer « Pads »: the viewer may write in one, or a public pad exists. */
  hasPads(): Promise<boolean>;

  /** Decisions and actions of readable meeting pages. */
  register(): Promise<RegisterData>;

  /** Threads of comments on a page (repository path) or pad (name) the viewer may read; empty otherwise. */
  threads(target: CommentTarget): Promise<ThreadView[]>;
  /** Comments written on this viewer's behalf: each write checks the page or pad readable by them. */
  comments(): CommentDesk;

  /** Proposals the viewer may see (the team: all; a contributor: their own). */
  proposals(options: { mine?: boolean; states?: readonly ProposalState[] | undefined }): Promise<Proposal[]>;
  /** One proposal the viewer may see, with its diff. */
  proposal(id: string, context?: number): Promise<ProposalDetail>;
  /** Which sections are reviewed. */
  reviewSettings(): Promise<ReviewSettings>;
  /** True when this viewer's save of the page at `path` (existing or new) will wait as a proposal. */
  reviewsSave(path: string): Promise<boolean>;
  /** Page templates of « Nouvelle page ». */
  templates(): Promise<PageTemplate[]>;
  /** Sections (top-level folders) of readable pages. */
  sections(): string[];
  /** Title of a section's landing page (`<section>/index.md`, then `README.md`) when the viewer may read it. */
  sectionTitle(section: string): string | undefined;

  /** Accounts (for those who manage people; empty for others). */
  people(): Promise<PersonSummary[]>;
  /** True once an admin account exists (the first-admin page). */
  hasAdmin(): Promise<boolean>;
  /** Groups this viewer may restrict a pad to (theirs; every group for an admin), by name. */
  groupChoices(): Promise<{ key: string; name: string }[]>;

  /** Pages team-only only by default (no `visibility:`, no `_gare/visibilite.yml` deciding), by folder (admins; undefined for others). */
  visibilityDefaults(): Promise<VisibilityDefaults | undefined>;
  /** What is refused in `_gare/*.yml`, in French (the team's « Pages à corriger »; empty for others). */
  settingsProblems(): { file: string; message: string }[];
  /** Licence of public pages that give none: the repository's, and each readable section's own (`_gare/licence.yml`). */
  licences(): { default: string; sections: Record<string, string> };
  /** The admin pages' reads (people, groups, invitations, audit, rights); Forbidden for non-admins. */
  administration(): Administration;
  /** The viewer's own personal access tokens (never their secrets); empty for a visitor or a token request. */
  apiTokens(): Promise<ApiTokenSummary[]>;
  /** When the viewer's own calendar link was created (never its secret); undefined for a visitor or when they have none. */
  calendarLink(): Promise<{ since: number } | undefined>;
  /** The viewer's own notifications and follows; undefined for a visitor. */
  notifications(): ViewerNotifications | undefined;
  /** The viewer's own e-mail choice; undefined for a visitor or when the hub sends no e-mail. */
  emailSettings(): Promise<{ mode: EmailMode } | undefined>;
}
