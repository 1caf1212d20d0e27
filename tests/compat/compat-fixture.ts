/**
 * A compatibility fixture (`tests/compat/fixtures/<generator>/`) copied into a fresh git repository,
 * with what it expects (`expected.json`), and the HTML pieces a visitor's checks read.
 */
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { root } from '../helpers/start-hub.ts';

/** What a fixture expects a visitor to find. */
export interface Expected {
  /** Generator the folder is written for. */
  generator: string;
  /** SPDX id the pages carry (from `_gare/licence.yml`). */
  licence: string;
  /** Every page: repository path, the address it is served at, its title and tags. */
  pages: { path: string; address: string; title: string; tags: string[]; date?: string }[];
  /** Markdown files that must not be pages (templates, tables of contents). */
  absent?: string[];
  /** Links that worked in the original tool: the page at `from` links to `to` (an address). */
  links: { from: string; to: string }[];
  /** Old or path-based addresses that move (301) to a page's address. */
  redirects: { from: string; to: string }[];
  /** Sommaire sections in order, each with its page titles in order. */
  sections: { title: string; pages: string[] }[];
  /** A word of one page, and that page's title. */
  search: { q: string; finds: string };
  /** Syntax of the generator the fixture also holds (rendered by the Markdown pipeline). */
  syntax: string[];
}

/** Generators with a fixture folder. */
export const fixtureGenerators = ['jekyll', 'hugo', 'vuepress', 'docsify', 'mkdocs', 'docusaurus', 'gitbook', 'obsidian'] as const;

/** Reads a fixture's expectations. */
export async function readExpected(generator: string): Promise<Expected> {
  return JSON.parse(await readFile(path.join(root, 'tests/compat/fixtures', generator, 'expected.json'), 'utf8')) as Expected;
}

/** Copies a fixture (without `expected.json`) into a new git repository with one commit; returns its folder. */
export async function fixtureRepo(generator: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `gare-compat-${generator}-`));
  await cp(path.join(root, 'tests/compat/fixtures', generator), dir, { recursive: true });
  await rm(path.join(dir, 'expected.json'));
  const env = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: os.tmpdir(), GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_AUTHOR_NAME: 'Camille Dupont', GIT_AUTHOR_EMAIL: 'camille@exemple.org', GIT_COMMITTER_NAME: 'Camille Dupont', GIT_COMMITTER_EMAIL: 'camille@exemple.org',
    GIT_AUTHOR_DATE: '2026-04-01T10:00:00Z', GIT_COMMITTER_DATE: '2026-04-01T10:00:00Z',
  };
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: dir, env });
  execFileSync('git', ['add', '-A'], { cwd: dir, env });
  execFileSync('git', ['commit', '-q', '-m', `Documentation ${generator}`], { cwd: dir, env });
  return dir;
}

/** Text of HTML as a person reads it: tags dropped, the entities Astro writes decoded. */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The sommaire's sections as a visitor sees them: label, then each page link's address and text. */
export function sommaireSections(html: string): { title: string; pages: { href: string; title: string }[] }[] {
  const part = /<h2 id="par-rubrique"[^>]*>[\s\S]*?<\/h2>([\s\S]*?)<h2/.exec(html)?.[1] ?? '';
  return [...part.matchAll(/<details class="section-group"[\s\S]*?<\/details>/g)].map(([group]) => ({
    title: textOf(/<span class="label"[^>]*>([\s\S]*?)<\/span>/.exec(group)?.[1] ?? ''),
    pages: [...(/<ol class="section-pages"[^>]*>([\s\S]*?)<\/ol>/.exec(group)?.[1] ?? '').matchAll(/<a href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/g)].map((m) => ({
      href: (m[1] ?? '').replace(/&amp;/g, '&'),
      title: textOf(m[2] ?? ''),
    })),
  }));
}

/** The rendered body of a wiki page. */
export function articleOf(html: string): string {
  return /<article class="prose"[^>]*>([\s\S]*?)<\/article>/.exec(html)?.[1] ?? '';
}

/** The `href`s of a rendered body, entities decoded. */
export function hrefsOf(article: string): string[] {
  return [...article.matchAll(/<a [^>]*href="([^"]*)"/g)].map((m) => (m[1] ?? '').replace(/&amp;/g, '&'));
}
