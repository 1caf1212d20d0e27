/**
 * The sample wiki seeds every fresh install: these checks keep it valid, linked and private where
 * it must be, so a newcomer's first look is not a page of errors.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import matter from 'gray-matter';
import { beforeAll, describe, expect, it } from 'vitest';
import { FrontMatterSchema, resolveMeta, type PageMeta } from '../../server/wiki/schema.ts';
import { isPagePath, resolveRelative, tagKey, type PagePath } from '../../server/wiki/paths.ts';
import { emptySettings } from '../../server/wiki/repo-settings.ts';

const contentDir = fileURLToPath(new URL('../../content/', import.meta.url));

/** Titles linked on purpose before their page exists, so the broken-link report has something to show. */
const deliberatelyBroken = ['Charte de modération', 'Facturer en CAE'];

interface SamplePage {
  path: PagePath;
  meta: PageMeta;
  body: string;
  problems: string[];
}

// Front matter must never run code, whatever a file claims its language is.
const noCode = () => {
  throw new Error('js');
};

function parseSource(source: string) {
  return matter(source, { engines: { js: noCode, javascript: noCode } });
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.md'))
    .map((e) => relative(contentDir, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort();
}

/** Body text a reader sees as prose: code and comments hold syntax examples, not links. */
function proseOf(body: string): string {
  return body
    .replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '')
    .replace(/`[^`\n]*`/g, '')
    .replace(/<!--[\s\S]*?-->/g, '');
}

function wikiLinks(body: string): string[] {
  return [...proseOf(body).matchAll(/\[\[([^\]|]+)(?:\|[^\]]*)?\]\]/g)].map((m) => (m[1] ?? '').trim());
}

function relativeLinks(body: string): string[] {
  return [...proseOf(body).matchAll(/\]\(([^)\s]+\.md)(?:#[^)]*)?\)/g)].map((m) => m[1] ?? '');
}

let pages: SamplePage[] = [];
let byTitle = new Map<string, SamplePage>();

beforeAll(async () => {
  const files = (await listFiles(contentDir)).filter(isPagePath);
  pages = await Promise.all(
    files.map(async (path) => {
      const { data, content } = parseSource(await readFile(join(contentDir, path), 'utf8'));
      const parsed = FrontMatterSchema.safeParse(data);
      const heading = /^#\s+(.+)$/m.exec(content)?.[1]?.trim();
      const fallback = heading ?? path.split('/').pop()!.replace(/\.md$/, '');
      const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
      return { path, meta: resolveMeta(parsed.success ? parsed.data : {}, fallback, { section: path.split("/").length > 1 ? path.split("/")[0]! : "", settings: emptySettings }), body: content, problems };
    }),
  );
  byTitle = new Map(pages.flatMap((p) => [p.meta.title, ...p.meta.aliases].map((t) => [t, p] as const)));
});

describe('the sample wiki', () => {
  it('ships at least thirty pages, every front matter valid', () => {
    expect(pages.length).toBeGreaterThanOrEqual(30);
    expect(pages.filter((p) => p.problems.length > 0).map((p) => [p.path, p.problems])).toEqual([]);
  });

  it('names every file in kebab-case ASCII and gives every page a distinct title', () => {
    for (const p of pages) expect(p.path).toMatch(/^([a-z0-9-]+\/)*[a-z0-9]+(-[a-z0-9]+)*\.md$/);
    const titles = pages.map((p) => p.meta.title);
    expect(new Set(titles).size).toBe(titles.length);
  });

  it('has every kind of page a newcomer should meet', () => {
    const count = (type: string) => pages.filter((p) => p.meta.type === type).length;
    expect(count('accompagnement')).toBe(4);
    expect(count('compte-rendu')).toBeGreaterThanOrEqual(8);
    expect(count('reunion')).toBe(5);
    expect(count('tutoriel')).toBeGreaterThanOrEqual(5);
    expect(count('ressource')).toBeGreaterThanOrEqual(8);
    expect(count('journal')).toBe(2);
    expect(count('agenda')).toBe(1);
  });

  it('finds the « Pôle Emploi » theme on at least five pages of several types', () => {
    const tagged = pages.filter((p) => p.meta.tags.some((t) => tagKey(t) === tagKey('Pôle Emploi')));
    expect(tagged.length).toBeGreaterThanOrEqual(5);
    expect(new Set(tagged.map((p) => p.meta.type)).size).toBeGreaterThanOrEqual(3);
  });

  it('declares « Pôle Emploi » as an old name of « France Travail », as the team decided', async () => {
    const source = await readFile(join(contentDir, '_gare/tags.yml'), 'utf8');
    const data = parseSource(`---\n${source}\n---\n`).data as { alias?: Record<string, string> };
    expect(data.alias?.['Pôle Emploi']).toBe('France Travail');
  });

  it('keeps accompaniment, reports, meetings and logbooks team-only, and licenses public pages', () => {
    for (const p of pages) {
      if (['accompagnement', 'compte-rendu', 'reunion', 'journal'].includes(p.meta.type)) expect(p.meta.visibility, p.path).toBe('equipe');
      if (['ressource', 'tutoriel', 'agenda'].includes(p.meta.type)) expect(p.meta.visibility, p.path).toBe('public');
      if (p.meta.visibility === 'public') expect(p.meta.license, p.path).toBe('CC-BY-SA-4.0');
    }
  });

  it('resolves every [[wiki link]] to a page title, except the deliberately broken ones', () => {
    const broken = pages.flatMap((p) => wikiLinks(p.body).filter((t) => !byTitle.has(t)));
    expect([...new Set(broken)].sort()).toEqual([...deliberatelyBroken].sort());
  });

  it('resolves every relative link to a file of the wiki', () => {
    const paths = new Set(pages.map((p) => p.path as string));
    const broken = pages.flatMap((p) => relativeLinks(p.body).filter((href) => !paths.has(resolveRelative(p.path, href) ?? '')).map((href) => `${p.path} → ${href}`));
    expect(broken).toEqual([]);
  });

  it('never shows a team page title from a public page', () => {
    const leaks = pages
      .filter((p) => p.meta.visibility === 'public')
      .flatMap((p) => wikiLinks(p.body).filter((t) => byTitle.get(t)?.meta.visibility === 'equipe').map((t) => `${p.path} → ${t}`));
    expect(leaks).toEqual([]);
  });

  it('writes meeting decisions and actions in the form the register gathers', () => {
    const action = /^- \[[ x]\] Action : .+ @\p{L}[\p{L}-]* avant le \d{4}-\d{2}-\d{2}$/u;
    for (const p of pages.filter((q) => q.meta.type === 'reunion')) {
      const decisions = p.body.split(/^## /m).find((s) => s.startsWith('Décisions')) ?? '';
      const actions = p.body.split(/^## /m).find((s) => s.startsWith('Actions')) ?? '';
      expect(decisions.match(/^- Décision : \S.+$/gm)?.length ?? 0, p.path).toBeGreaterThanOrEqual(2);
      const lines = actions.split('\n').filter((l) => l.startsWith('- ['));
      expect(lines.length, p.path).toBeGreaterThanOrEqual(3);
      for (const l of lines) expect(l, p.path).toMatch(action);
    }
  });

  it('keeps the imported pages in the shapes other tools leave behind', () => {
    const faq = pages.find((p) => p.path === 'imports/faq-ancien-wiki.md');
    expect(faq?.meta.title).toBe('Foire aux questions du collectif (ancien wiki)');
    expect(faq?.body).toContain('::: tip');
    const ag = pages.find((p) => p.path === 'imports/assemblee-generale-2026.md');
    expect(ag?.meta).toMatchObject({ tags: ['gouvernance', 'assemblée générale', 'bénévolat', 'vie-du-collectif'], date: '2026-01-24', visibility: 'equipe' });
  });

  it('ships templates outside the served pages, with readable YAML', async () => {
    const templates = (await listFiles(contentDir)).filter((f) => f.startsWith('_modeles/'));
    expect(templates).toEqual(expect.arrayContaining(['_modeles/compte-rendu.md', '_modeles/ressource.md', '_modeles/tutoriel.md', '_modeles/reunion.md', '_modeles/pads/reunion-equipe.md', '_modeles/pads/entretien.md', '_modeles/pads/atelier.md', '_modeles/pads/vide.md']));
    for (const t of templates) {
      expect(isPagePath(t)).toBe(false);
      const source = await readFile(join(contentDir, t), 'utf8');
      expect(() => parseSource(source), t).not.toThrow();
      if (t.startsWith('_modeles/pads/')) expect(source, t).toContain('- [ ] Action : … @Prénom avant le AAAA-MM-JJ');
    }
  });
});
