/** `npm run export`: the public site as static files that work from a domain root, and nothing else. */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkedPaths } from '../../server/export/html-links.ts';
import { isExportable, outputFile } from '../../server/export/output-paths.ts';
import { createWikiSearch } from '../../site/scripts/search-client.ts';
import { root } from '../helpers/start-hub.ts';
import { fileFetch, filePrefix, installFileFetch } from '../search/helpers.ts';
import { canaries, createLeakRepo, linkedTeamTitle, paths } from './leak-fixture.ts';
import { findCanaries } from './scan.ts';

const run = promisify(execFile);
let repo: Awaited<ReturnType<typeof createLeakRepo>>;
let work: string;
let out: string;
let printed: string;

/** Runs the export command as a person would (Node 24, the project folder as working directory). */
function exportCommand(...args: string[]) {
  // --no-build: rebuilding dist/ here would pull it from under the other test files' hubs.
  return run(process.execPath, ['scripts/export.ts', '--no-build', ...args], { cwd: root, env: { ...process.env, GARE_DATA_DIR: path.join(work, 'data') } });
}

beforeAll(async () => {
  repo = await createLeakRepo();
  work = await mkdtemp(path.join(os.tmpdir(), 'gare-export-test-'));
  out = path.join(work, 'site');
  printed = (await exportCommand('--content', repo.dir, '--out', out)).stdout;
}, 60_000);
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
  await rm(repo.dir, { recursive: true, force: true });
});

const exists = (file: string) => stat(path.join(out, file)).then(() => true, () => false);

async function htmlFiles(): Promise<string[]> {
  return (await readdir(out, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile() && e.name.endsWith('.html'))
    .map((e) => path.relative(out, path.join(e.parentPath, e.name)));
}

describe('the static export', () => {
  it('writes every public page as <adresse>/index.html, the lists, the help, the 404 and the assets', async () => {
    for (const file of [
      'index.html', '404.html', 'sommaire/index.html', 'tags/index.html', 'tags/cae/index.html', 'recherche/index.html', 'aide/index.html',
      'wiki/ressources/page-publique-ordinaire/index.html', 'wiki/ressources/ancienne-fiche-equipe/index.html', 'favicon.svg',
    ]) expect(await exists(file), file).toBe(true);
    expect(await readFile(path.join(out, '404.html'), 'utf8')).toContain('Page introuvable');
    expect(await exists('wiki/accompagnements')).toBe(false);
    expect(await exists('connexion/index.html')).toBe(false);
    expect(printed).toMatch(/\d+ pages, \d+ pièces jointes, \d+ pages dans la recherche, \d+ fichiers, [\d.]+ [KM]io/);
  });

  it('leaves no link between exported pages broken when served from a domain root', async () => {
    const broken: string[] = [];
    for (const file of await htmlFiles()) {
      const html = await readFile(path.join(out, file), 'utf8');
      const at = `/${file.replace(/index\.html$/, '')}`;
      for (const link of linkedPaths(html, at, 'http://export.test')) {
        // Server-only pages (sign-in, editing, API) and searches with parameters are left out on purpose.
        if (!isExportable(link) && !link.startsWith('/fichiers/')) continue;
        const pathname = link.split('?')[0] ?? link;
        const asPage = outputFile(out, pathname, true);
        const asFile = outputFile(out, pathname, false);
        const found = (asPage && (await stat(asPage).then(() => true, () => false))) || (asFile && (await stat(asFile).then((s) => s.isFile(), () => false)));
        if (!found) broken.push(`${at} → ${link}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('offers no « Se connecter » and no link into sign-in, editing or history: the export has no server', async () => {
    const offers: string[] = [];
    const files = await htmlFiles();
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const html = await readFile(path.join(out, file), 'utf8');
      // The wiki's own text may explain signing in (a tutorial); the site around it offers nothing.
      const chrome = html.replace(/<article\b[\s\S]*?<\/article>/g, '');
      if (chrome.includes('Se connecter')) offers.push(`${file}: « Se connecter »`);
      for (const link of linkedPaths(html, `/${file}`, 'http://export.test')) {
        if (/^\/(connexion|deconnexion|modifier|historique|comparer|version|nouvelle-page|pads|api|admin)(\/|\?|$)/.test(link)) offers.push(`${file} → ${link}`);
      }
    }
    expect(offers).toEqual([]);
  });

  it('copies the attachments of public pages, never a team page’s', async () => {
    expect(await exists(`fichiers/${paths.publicAttachment}`)).toBe(true);
    expect(await exists(`fichiers/${paths.attachmentA}`)).toBe(false);
    expect(await exists('fichiers/accompagnements')).toBe(false);
  });

  it('ships its own search, which finds public pages and nothing of the team', async () => {
    installFileFetch();
    const search = createWikiSearch({ prefix: filePrefix(path.join(out, 'pagefind'), 'public'), fetch: fileFetch, suggestUrl: null });
    const found = await search.searchWiki('fiche publique ordinaire');
    expect(found.results.map((r) => r.url)).toContain('/wiki/ressources/page-publique-ordinaire');
    const teamUrls = [paths.teamA, paths.teamB, paths.brokenC, paths.teamD].map((p) => `/wiki/${p.replace(/\.md$/, '')}`);
    for (const word of [...Object.values(canaries), linkedTeamTitle]) {
      // Pagefind matches prefixes, so a strange word may find a public page: never a team one, nor a team word.
      const { results } = await search.searchWiki(word);
      expect(results.filter((r) => teamUrls.includes(r.url)), word).toEqual([]);
      expect(findCanaries(JSON.stringify(results), Object.values(canaries)), word).toEqual([]);
    }
    expect(await exists('pagefind/equipe')).toBe(false);
  });

  it('replaces its own previous export, but refuses to empty a folder it did not write', async () => {
    await writeFile(path.join(out, 'vieux-fichier.html'), 'ancien');
    await exportCommand('--content', repo.dir, '--out', out);
    expect(await exists('vieux-fichier.html')).toBe(false);
    const other = path.join(work, 'autre');
    await mkdir(other);
    await writeFile(path.join(other, 'precieux.txt'), 'à garder');
    const refused = await exportCommand('--content', repo.dir, '--out', other).then(() => undefined, (error: { code: number; stderr: string }) => error);
    expect(refused?.code).toBe(2);
    expect(refused?.stderr).toContain('n’est pas vide');
    expect(await readFile(path.join(other, 'precieux.txt'), 'utf8')).toBe('à garder');
  }, 60_000);
});
