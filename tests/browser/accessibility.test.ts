/**
 * WCAG 2.1 AA audit of the key pages with axe-core in Debian's Chromium, for each kind of person
 * (public bodies must comply), plus a keyboard walk of the home page.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, loggedInContext } from '../helpers/browser.ts';
import { signIn, type TestSession } from '../helpers/people.ts';
import { root, startTestHub, type TestHub } from '../helpers/start-hub.ts';

type Who = 'visiteur' | 'contributeur' | 'equipe' | 'admin';

/** One page to audit: who looks, where, and what to wait for before judging. */
interface Audit {
  name: string;
  who: Who;
  url: () => string;
  ready?: (page: Page) => Promise<void>;
  dark?: boolean;
  phone?: boolean;
  /** Selectors axe must skip, each with the reason it is not ours to fix. */
  exclude?: string[];
}

interface AxeNode { target: unknown[]; failureSummary?: string; html: string }
interface AxeViolation { id: string; impact: string | null; help: string; nodes: AxeNode[] }

// best-practice adds the landmark and heading rules (one main, unique landmarks, heading order).
const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
const wikiPath = 'ressources/animer-un-atelier.md';
const editedPath = 'ressources/trouver-une-date.md';

let gare: TestHub;
let browser: Browser;
let axeSource: string;
let padName = '';
let compareQuery = '';
const contexts = new Map<Who, BrowserContext>();
const sessions = new Map<Exclude<Who, 'visiteur'>, TestSession>();

const urlOf = (file: string): string => gare.hub.index.get(file)!.url;
const tailOf = (file: string): string => urlOf(file).slice('/wiki'.length);

async function contextFor(who: Who): Promise<BrowserContext> {
  if (who === 'visiteur') return loggedInContext(browser, gare);
  const session = await signIn(gare.hub, who, `Camille ${who}`);
  sessions.set(who, session);
  return loggedInContext(browser, gare, session);
}

/** Saves a new version through the API, so that history and comparison have two versions. */
async function editThroughApi(team: TestSession, file: string): Promise<void> {
  const current = gare.hub.index.get(file)!;
  const baseVersion = gare.hub.history.historyOf(file)[0]!.oid;
  const body = `${(await gare.hub.index.pageSource(current))!.body.trimEnd()}\n\nUne ligne ajoutée pour l’audit d’accessibilité.\n`;
  const res = await fetch(`${gare.url}/api/pages/save`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: team.cookie, 'x-csrf-token': team.csrf, origin: gare.url },
    body: JSON.stringify({ path: file, title: current.meta.title, type: current.meta.type, tags: current.meta.tags, visibility: current.meta.visibility, summary: current.meta.summary, body, baseVersion, message: 'Ajout pour l’audit' }),
  });
  expect(res.status).toBe(200);
}

async function createPad(team: TestSession): Promise<string> {
  const res = await fetch(`${gare.url}/api/pads`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: gare.url, cookie: team.cookie, 'x-csrf-token': team.csrf },
    body: new URLSearchParams({ _csrf: team.csrf, title: 'Réunion d’audit', template: 'reunion-equipe' }).toString(),
  });
  const name = (res.headers.get('location') ?? '').slice('/pads/'.length);
  expect(name).not.toBe('');
  return name;
}

/** Readable report: one block per rule, a few targets each. */
function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes.slice(0, 6).map((n) => `    - ${JSON.stringify(n.target)}\n      ${(n.failureSummary ?? '').split('\n').slice(0, 3).join(' | ')}`);
      const more = v.nodes.length > 6 ? `\n    … et ${v.nodes.length - 6} autres` : '';
      return `  ${v.id} (${v.impact ?? '?'}): ${v.help}\n${nodes.join('\n')}${more}`;
    })
    .join('\n');
}

/** Runs axe in the page; evaluating the source (rather than a script tag) keeps the page's CSP in force. */
async function axeViolations(page: Page, exclude: string[]): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  return page.evaluate(
    async ({ tags, exclude }) => {
      const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
      const context = exclude.length > 0 ? { exclude: exclude.map((s) => [s]) } : document;
      const result = await axe.run(context, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary ?? '', html: n.html.slice(0, 200) })) }));
    },
    { tags, exclude },
  );
}

const audits: Audit[] = [
  { name: 'home', who: 'visiteur', url: () => '/' },
  { name: 'table of contents (sommaire)', who: 'visiteur', url: () => '/sommaire' },
  { name: 'tag index', who: 'visiteur', url: () => '/tags' },
  { name: 'one tag', who: 'visiteur', url: () => '/tags/outils-libres' },
  { name: 'public wiki page with its table of contents', who: 'visiteur', url: () => urlOf(wikiPath), ready: async (p) => void (await p.locator('nav.toc').first().waitFor({ state: 'attached' })) },
  {
    name: 'search with live results',
    who: 'visiteur',
    url: () => '/recherche?q=atelier',
    // The server's results come first; typing brings the live list (and the filter chips).
    ready: async (p) => {
      await p.getByRole('searchbox', { name: 'Rechercher dans le wiki' }).fill('atelier');
      await p.getByRole('list', { name: 'Résultats de la recherche' }).getByRole('link').first().waitFor({ timeout: 15_000 });
      await p.locator('.filter-chip').first().waitFor();
    },
  },
  {
    name: 'misspelt search with its corrected results',
    who: 'visiteur',
    url: () => '/recherche?q=pseudonimisation',
    // The corrected results show at once, with the way back to the words as typed.
    ready: async (p) => void (await p.getByRole('link', { name: 'pseudonimisation' }).first().waitFor({ timeout: 15_000 })),
  },
  { name: 'login', who: 'visiteur', url: () => '/connexion' },
  { name: 'help', who: 'visiteur', url: () => '/aide' },
  { name: 'help on writing (tables, code)', who: 'visiteur', url: () => '/aide/ecrire' },
  { name: 'not found', who: 'visiteur', url: () => '/wiki/cette-page-nexiste-pas' },
  { name: 'editor with CodeMirror', who: 'contributeur', url: () => `/modifier${tailOf(wikiPath)}`, ready: async (p) => void (await p.locator('.cm-content').waitFor()) },
  { name: 'new page', who: 'contributeur', url: () => '/nouvelle-page', ready: async (p) => void (await p.locator('form[data-new-page]').waitFor()) },
  { name: 'page history', who: 'contributeur', url: () => `/historique${tailOf(editedPath)}` },
  { name: 'comparison of two versions', who: 'contributeur', url: () => `/comparer${tailOf(editedPath)}?${compareQuery}` },
  { name: 'my proposals', who: 'contributeur', url: () => '/propositions' },
  { name: 'pads', who: 'equipe', url: () => '/pads' },
  { name: 'one pad', who: 'equipe', url: () => `/pads/${padName}`, ready: async (p) => void (await p.locator('[data-pad-root][data-ready="true"]').waitFor({ timeout: 15_000 })) },
  { name: 'decision register', who: 'equipe', url: () => '/registre' },
  { name: 'recent changes', who: 'equipe', url: () => '/modifications' },
  { name: 'pages to fix', who: 'equipe', url: () => '/a-corriger' },
  { name: 'people (admin)', who: 'admin', url: () => '/admin' },
];

/** Every page in light and dark mode (contrast differs), and the busiest ones at a phone's width. */
const onPhone = new Set(['home', 'help on writing (tables, code)', 'public wiki page with its table of contents', 'search with live results', 'editor with CodeMirror', 'one pad']);
const runs: Audit[] = audits.flatMap((a) => [
  a,
  { ...a, name: `${a.name} in dark mode`, dark: true },
  ...(onPhone.has(a.name) ? [{ ...a, name: `${a.name} on a phone (390×844)`, phone: true }] : []),
]);

beforeAll(async () => {
  gare = await startTestHub();
  [browser, axeSource] = await Promise.all([launchBrowser(), readFile(path.join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8'), gare.hub.search.ready]);
  for (const who of ['visiteur', 'contributeur', 'equipe', 'admin'] as const) contexts.set(who, await contextFor(who));
  const team = sessions.get('equipe')!;
  const before = gare.hub.history.historyOf(editedPath)[0]!.oid;
  await editThroughApi(team, editedPath);
  const after = gare.hub.history.historyOf(editedPath)[0]!.oid;
  compareQuery = `de=${before}&a=${after}`;
  padName = await createPad(team);
});

afterAll(async () => {
  await browser?.close();
  await gare?.stop();
});

describe('accessibility of the site (WCAG 2.1 AA, axe-core)', () => {
  it.each(runs.map((a) => [a.name, a] as const))('%s has no WCAG 2.1 AA violation', async (_name, audit) => {
    const page = await contexts.get(audit.who)!.newPage();
    try {
      if (audit.phone) await page.setViewportSize({ width: 390, height: 844 });
      if (audit.dark) await page.emulateMedia({ colorScheme: 'dark' });
      const res = await page.goto(gare.url + audit.url());
      expect(res?.status(), `${audit.url()} answered`).toBeLessThan(audit.name.startsWith('not found') ? 500 : 400);
      await audit.ready?.(page);
      const violations = await axeViolations(page, audit.exclude ?? []);
      expect(violations.length, `${audit.who} ${audit.url()}\n${describeViolations(violations)}`).toBe(0);
    } finally {
      await page.close();
    }
  });
});

describe('the audit itself', () => {
  it('reports a field without a label, so a clean result means something', async () => {
    const page = await contexts.get('visiteur')!.newPage();
    try {
      await page.goto(gare.url + '/');
      await page.evaluate(() => document.querySelector('main')!.append(document.createElement('input')));
      const ids = (await axeViolations(page, [])).map((v) => v.id);
      expect(ids).toContain('label');
    } finally {
      await page.close();
    }
  });
});

describe('keyboard use of the home page', () => {
  async function focused(page: Page): Promise<{ text: string; tag: string; inNav: boolean; inMain: boolean; visible: boolean; onScreen: boolean; type: string }> {
    return page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return { text: '', tag: 'body', inNav: false, inMain: false, visible: false, onScreen: false, type: '' };
      const style = getComputedStyle(el);
      const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
      const shadow = style.boxShadow !== 'none' && style.boxShadow !== '';
      const box = el.getBoundingClientRect();
      return {
        text: (el.textContent ?? '').trim() || el.getAttribute('aria-label') || '',
        tag: el.tagName.toLowerCase(),
        inNav: el.closest('nav[aria-label="Navigation principale"]') !== null,
        inMain: el.closest('main') !== null,
        visible: outline || shadow,
        onScreen: box.width > 1 && box.height > 1 && box.bottom > 0 && box.right > 0 && box.top < innerHeight && box.left < innerWidth,
        type: el.getAttribute('type') ?? '',
      };
    });
  }

  // Order on the home page (no header search there): skip link, site name, « Se connecter »,
  // main navigation, then the big search field in <main>.
  it('reaches the skip link first, then the main navigation and the search, with a visible focus at every step', async () => {
    const page = await contexts.get('visiteur')!.newPage();
    try {
      await page.goto(gare.url + '/');
      const steps: Awaited<ReturnType<typeof focused>>[] = [];
      for (let i = 0; i < 14; i++) {
        await page.keyboard.press('Tab');
        steps.push(await focused(page));
      }
      expect(steps[0]!.text).toBe('Aller au contenu');
      expect(steps[0]!.onScreen, 'the skip link shows when focused').toBe(true);
      const nav = steps.findIndex((s) => s.inNav);
      const search = steps.findIndex((s) => s.type === 'search');
      expect(nav, 'the main navigation is reached').toBeGreaterThan(0);
      expect(search, 'the search field is reached, after the navigation').toBeGreaterThan(nav);
      const hidden = steps.filter((s) => !s.visible).map((s) => `${s.tag} « ${s.text} »`);
      expect(hidden, 'elements focused without a visible outline').toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('jumps from the skip link straight to the search field of the home page', async () => {
    const page = await contexts.get('visiteur')!.newPage();
    try {
      await page.goto(gare.url + '/');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Tab');
      const now = await focused(page);
      expect(now.type).toBe('search');
      expect(now.inMain).toBe(true);
      expect(now.visible).toBe(true);
    } finally {
      await page.close();
    }
  });
});
