/**
 * The decision register: decisions and actions gathered from every meeting page. Derived, never
 * stored: rebuilt from the wiki index when its version changes.
 */
import { extractDecisions } from './decisions.ts';
import { createLimit } from '../util/limit.ts';
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

/** A page with its text, as the register reads it. */
export interface RegisterInput {
  /** The page (title, date, address, visibility). */
  page: Page;
  /** Its whole file (`index.pageSource`): only meeting pages' are read. */
  source: string;
}

type Found = ReturnType<typeof extractDecisions>;

/** The entries of one meeting page from what was extracted from its text. */
function entriesOf(page: Page, found: Found, decisions: RegisterDecision[], actions: RegisterAction[]): void {
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

// The index extracts the same when it parses a page (`page.meeting`, page-file.ts); tests/wiki/meeting-items.test.ts compares both.
const extractOf = (page: Page, source: string): Found =>
  extractDecisions({ source, pagePath: page.path, pageTitle: page.meta.title, tags: page.meta.tags, ...(page.meta.date ? { date: page.meta.date } : {}) });

/** Builds the register from pages and their texts (only meeting types are read). */
export function buildRegister(inputs: Iterable<RegisterInput>): RegisterData {
  const decisions: RegisterDecision[] = [];
  const actions: RegisterAction[] = [];
  for (const { page, source } of inputs) if (meetingTypes.has(page.meta.type)) entriesOf(page, extractOf(page, source), decisions, actions);
  return { decisions: decisions.sort(byDateDesc), actions: actions.sort(byDateDesc) };
}

/** What the register needs from the wiki index. */
export interface RegisterSource {
  /** Changes whenever a page changes. */
  readonly version: number;
  /** Every page. */
  all(): Page[];
  /** A page's text read back (the index keeps none). */
  pageSource(page: Page): Promise<{ source: string } | undefined>;
}

/** The register of a running wiki. */
export interface DecisionRegister {
  /** The register as of the index's current version. */
  current(): Promise<RegisterData>;
}

/** Meeting pages' texts read at once when the register is built (each is read once per version of the page). */
const READS_AT_ONCE = 16;

/**
 * Creates the register over an index; it is rebuilt lazily when the index version changes, reading
 * again only the meeting pages whose text changed (what each page holds is kept by blob id).
 */
export function createDecisionRegister({ index }: { index: RegisterSource }): DecisionRegister {
  let cached: { version: number; data: Promise<RegisterData> } | undefined;
  let extracted = new Map<string, { blob: string; found: Found }>();
  const limit = createLimit(READS_AT_ONCE);

  async function build(): Promise<RegisterData> {
    const meetings = index.all().filter((page) => meetingTypes.has(page.meta.type));
    const next = new Map<string, { blob: string; found: Found }>();
    const founds = await Promise.all(
      meetings.map(async (page) => {
        const kept = extracted.get(page.path);
        if (kept?.blob === page.blob) return kept.found;
        // Extracted when the index parsed the page (kept in its snapshot too): no text to read back.
        if (page.meeting) return page.meeting;
        const text = await limit(() => index.pageSource(page));
        return text === undefined ? undefined : extractOf(page, text.source);
      }),
    );
    const decisions: RegisterDecision[] = [];
    const actions: RegisterAction[] = [];
    meetings.forEach((page, k) => {
      const found = founds[k];
      if (found === undefined) return;
      next.set(page.path, { blob: page.blob, found });
      entriesOf(page, found, decisions, actions);
    });
    extracted = next;
    return { decisions: decisions.sort(byDateDesc), actions: actions.sort(byDateDesc) };
  }

  return {
    current() {
      if (cached?.version !== index.version) {
        const version = index.version;
        const data = build();
        cached = { version, data };
        // A failed build (a file unreadable for a moment) is not kept: the next call tries again.
        data.catch(() => {
          if (cached?.data === data) cached = undefined;
        });
      }
      return cached.data;
    },
  };
}
