/**
 * The decision register: decisions and actions gathered from every meeting page. Derived, never
 * stored: rebuilt from the wiki index when its version changes.
 */
import { extractDecisions } from './decisions.ts';
import type { Page } from '../wiki/page.ts';
import type { Visibility } from '../wiki/schema.ts';

/** Page types whose decisions and actions the register gathers. */
export const meetingTypes: ReadonlySet<string> = new Set(['reunion', 'compte-rendu', 'pad']);

/** The meeting page an entry comes from. */
export interface RegisterPage {
  /** Page title. */
  title: string;
  /** `/wiki/…` URL. */
  url: string;
  /** Repository path. */
  path: string;
}

/** What decisions and actions share. */
interface RegisterEntryBase {
  /** The decision or action, as written. */
  text: string;
  /** Date of the meeting (AAAA-MM-JJ), if the page has one. */
  date: string | undefined;
  /** The meeting page. */
  page: RegisterPage;
  /** Tags of the page. */
  tags: string[];
  /** People present at the meeting (page participants). */
  participants: string[];
  /** Who may read the page: entries of team pages never reach a visitor. */
  visibility: Visibility;
  /** 1-based line in the page source (anchor for « voir dans la réunion »). */
  line: number;
}

/** A decision of the register. */
export type RegisterDecision = RegisterEntryBase;

/** An action of the register. */
export interface RegisterAction extends RegisterEntryBase {
  /** Name after `@`, if any. */
  owner: string | undefined;
  /** Due date AAAA-MM-JJ, if any. */
  due: string | undefined;
  /** Ticked. */
  done: boolean;
}

/** Every decision and action of the wiki. */
export interface RegisterData {
  /** Most recent meeting first. */
  decisions: RegisterDecision[];
  /** Most recent meeting first. */
  actions: RegisterAction[];
}

const byDateDesc = (a: { date: string | undefined; line: number; page: RegisterPage }, b: typeof a): number =>
  (b.date ?? '').localeCompare(a.date ?? '') || a.page.path.localeCompare(b.page.path) || a.line - b.line;

/** Builds the register from pages (only meeting types are read). */
export function buildRegister(pages: Iterable<Page>): RegisterData {
  const decisions: RegisterDecision[] = [];
  const actions: RegisterAction[] = [];
  for (const page of pages) {
    if (!meetingTypes.has(page.meta.type)) continue;
    const found = extractDecisions({ source: page.source, pagePath: page.path, pageTitle: page.meta.title, tags: page.meta.tags, ...(page.meta.date ? { date: page.meta.date } : {}) });
    const base = {
      date: page.meta.date,
      page: { title: page.meta.title, url: page.url, path: page.path },
      tags: page.meta.tags,
      participants: page.meta.participants,
      visibility: page.meta.visibility,
    };
    for (const d of found.decisions) decisions.push({ ...base, text: d.text, line: d.line });
    for (const a of found.actions) actions.push({ ...base, text: a.text, line: a.line, owner: a.owner, due: a.due, done: a.done });
  }
  return { decisions: decisions.sort(byDateDesc), actions: actions.sort(byDateDesc) };
}

/** What the register needs from the wiki index. */
export interface RegisterSource {
  /** Changes whenever a page changes. */
  readonly version: number;
  /** Every page. */
  all(): Page[];
}

/** The register of a running wiki. */
export interface DecisionRegister {
  /** The register as of the index's current version. */
  current(): RegisterData;
}

/** Creates the register over an index; it is rebuilt lazily when the index version changes. */
export function createDecisionRegister({ index }: { index: RegisterSource }): DecisionRegister {
  let cached: { version: number; data: RegisterData } | undefined;
  return {
    current() {
      if (cached?.version !== index.version) cached = { version: index.version, data: buildRegister(index.all()) };
      return cached.data;
    },
  };
}
