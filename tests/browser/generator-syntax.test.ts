/**
 * A page written for other generators, as a visitor sees it in Chromium: a table of contents for
 * `[[toc]]`, callouts for MkDocs, Docusaurus and GitBook boxes, a card for `{% content-ref %}`,
 * a quiet notice for unknown template tags, the images (relative and `![[…]]`) loaded, tags as
 * links; none of the source markers left visible, and axe finds no violation.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PagePath } from '../../server/wiki/paths.ts';
import { collectPageErrors, launchBrowser, loggedInContext } from '../helpers/browser.ts';
import { root, startTestHub, type TestHub } from '../helpers/start-hub.ts';

// A 4×4 PNG, so the image has a size once loaded.
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAEklEQVR4nGNgYGD4z8DAwMDAAAAMAQEBqZ0eSwAAAABJRU5ErkJggg==', 'base64');

const guide = `# Guide d’accueil

[[toc]]

## Avant le rendez-vous

!!! warning "Pièces à apporter"
    Apportez une **pièce d’identité** et un justificatif de domicile.

:::tip Bon à savoir
Le guichet ouvre à 9 h. #accueil
:::

## Sur place

{% hint style="info" %}
Le formulaire est aussi [en ligne](https://exemple.org/formulaire).
{% endhint %}

![Schéma du parcours](img/schema.png)

![[plan.png]]

{% include bandeau.html %}

{{< youtube abc123 >}}

### Pour aller plus loin

{% content-ref url="../fiche.md" %}
[fiche.md](../fiche.md)
{% endcontent-ref %}

Voir aussi [[Fiche pratique#Horaires]].

\`{% ce code reste tel quel %}\`
`;

const files: Record<string, string | Buffer> = {
  '_gare/visibilite.yml': 'defaut: public\n',
  'guide/index.md': guide,
  'guide/img/schema.png': png,
  'pieces/plan.png': png,
  'fiche.md': '# Fiche pratique\n\n## Horaires\n\nDe 9 h à 17 h.\n',
};

let repo: string;
let gare: TestHub;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let axeSource: string;
const errors: string[] = [];

beforeAll(async () => {
  repo = await mkdtemp(path.join(os.tmpdir(), 'gare-syntax-'));
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(repo, file)), { recursive: true });
    await writeFile(path.join(repo, file), content);
  }
  const git = (...args: string[]) => execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8' });
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('-c', 'user.name=Doc', '-c', 'user.email=doc@example.org', 'commit', '-q', '-m', 'Documentation');
  gare = await startTestHub({ contentDir: repo });
  axeSource = await readFile(path.join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');
  browser = await launchBrowser();
  context = await loggedInContext(browser, gare);
  page = await context.newPage();
  collectPageErrors(page, errors);
  await page.goto(gare.url + gare.hub.index.addressOf('guide/index.md' as PagePath));
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await gare?.stop();
  if (repo) await rm(repo, { recursive: true, force: true });
});

describe('a page in the syntax of other generators', () => {
  it('shows no source marker as text', async () => {
    const text = await page.locator('main article.prose').innerText();
    expect(text).toContain('Pièces à apporter');
    for (const marker of ['{%', '{{', ':::', '!!!', '[[toc]]', '[[', 'endhint']) {
      // Only the code written on purpose keeps its tag, and the notices quote theirs.
      const outside = text.replaceAll('{% ce code reste tel quel %}', '').replace(/Élément de mise en page non pris en charge : \S+ [^\n]*/g, '');
      expect(outside, marker).not.toContain(marker);
    }
    await expect(page.locator('main article.prose code', { hasText: '{% ce code reste tel quel %}' }).count()).resolves.toBe(1);
  });

  it('[[toc]] is a table of contents linked to the headings', async () => {
    const toc = page.getByRole('navigation', { name: 'Table des matières' });
    await expect(toc.getByRole('link').allInnerTexts()).resolves.toEqual(['Avant le rendez-vous', 'Sur place', 'Pour aller plus loin']);
    await toc.getByRole('link', { name: 'Sur place' }).click();
    await page.waitForURL(/#sur-place$/);
  });

  it('the three kinds of boxes look like the hub’s callouts, titled in French', async () => {
    const titles = await page.locator('main aside.callout > .callout-title').allInnerTexts();
    expect(titles).toEqual(['Pièces à apporter', 'Bon à savoir', 'Information']);
    await expect(page.locator('main aside.callout-warning strong').innerText()).resolves.toBe('pièce d’identité');
    const border = await page.locator('main aside.callout-warning').evaluate((el) => getComputedStyle(el).borderLeftWidth);
    expect(border).toBe('4px');
  });

  it('unknown template tags are quiet notices', async () => {
    const notices = page.locator('main .template-notice');
    await expect(notices.count()).resolves.toBe(2);
    await expect(notices.first().innerText()).resolves.toBe('Élément de mise en page non pris en charge : {% include bandeau.html %}');
    const size = await notices.first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize) / parseFloat(getComputedStyle(el.parentElement!).fontSize));
    expect(size).toBeLessThan(1);
  });

  it('the images load, relative to the page and by name', async () => {
    const images = page.locator('main img');
    await expect(images.count()).resolves.toBe(2);
    for (const img of await images.all()) {
      await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBeGreaterThan(0);
    }
    await expect(page.getByRole('img', { name: 'Schéma du parcours' }).isVisible()).resolves.toBe(true);
  });

  it('the content-ref card and the heading link lead to the page; #accueil to its tag', async () => {
    const card = page.locator('main a.link-card');
    await expect(card.innerText()).resolves.toContain('Fiche pratique');
    await expect(card.getAttribute('href')).resolves.toBe('/wiki/fiche');
    await expect(page.locator('main a.wikilink', { hasText: 'Horaires' }).getAttribute('href')).resolves.toBe('/wiki/fiche#horaires');
    await expect(page.locator('main a.tag-link').getAttribute('href')).resolves.toBe('/tags/accueil');
  });

  it('axe finds no violation, and the page logs no error', async () => {
    await page.evaluate(axeSource);
    const violations = await page.evaluate(async () => {
      const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } }).axe;
      const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }, resultTypes: ['violations'] });
      return result.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
    });
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
  });
});
