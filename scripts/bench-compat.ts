/**
 * The compatibility bench: a generated folder in the style of each common generator (about 200
 * pages each), served by a real hub and read as a visitor. Reports, per generator, the share of
 * pages served at their address under their title, and the share of links that lead where they
 * led in the original tool.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startGare } from '../server/main.ts';
import { load } from './bench/measure.ts';
import { generateStyled, styleNames, type Style, type StyledFolder } from './bench/compat-styles.ts';

/** Figures of one generator. */
export interface CompatFigures {
  /** Generator. */
  generator: Style;
  /** Pages generated. */
  pages: number;
  /** Pages answered 200 at their address with their title. */
  served: number;
  /** Links expected. */
  links: number;
  /** Links found in the rendered pages, leading to the expected address. */
  resolved: number;
}

async function writeFolder(folder: StyledFolder): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'gare-bench-compat-'));
  const files = { ...folder.files, ...Object.fromEntries(folder.pages.map((p) => [p.path, p.text])) };
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), text);
  }
  const env = { ...process.env, GIT_AUTHOR_NAME: 'Banc d’essai', GIT_AUTHOR_EMAIL: 'bench@localhost', GIT_COMMITTER_NAME: 'Banc d’essai', GIT_COMMITTER_EMAIL: 'bench@localhost' };
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: dir, env });
  execFileSync('git', ['add', '-A'], { cwd: dir, env });
  execFileSync('git', ['commit', '-qm', 'Dossier généré'], { cwd: dir, env });
  return dir;
}

const decode = (html: string) => html.replace(/<[^>]+>/g, '').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').trim();

/** Serves one generated folder and checks every page and link as a visitor. */
async function benchOne({ generator, count, root }: { generator: Style; count: number; root: string }): Promise<CompatFigures> {
  const folder = generateStyled(generator, count);
  const contentDir = await writeFolder(folder);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'gare-bench-compat-data-'));
  const gare = await startGare({ config: { port: 0, host: '127.0.0.1', dataDir, contentDir, seedContent: false, publicUrl: undefined, remote: undefined }, root });
  const figures: CompatFigures = { generator, pages: folder.pages.length, served: 0, links: 0, resolved: 0 };
  try {
    await load(folder.pages.length, 8, async (i) => {
      const page = folder.pages[i]!;
      const res = await fetch(gare.url + page.address);
      const html = await res.text();
      const title = decode(/<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)?.[1] ?? '');
      if (res.status === 200 && title === page.title) figures.served++;
      const article = /<article class="prose"[^>]*>([\s\S]*?)<\/article>/.exec(html)?.[1] ?? '';
      const hrefs = new Set([...article.matchAll(/<a [^>]*href="([^"#]*)/g)].map((m) => m[1]));
      figures.links += page.links.length;
      figures.resolved += page.links.filter((to) => hrefs.has(to)).length;
    });
  } finally {
    await gare.close();
    await rm(contentDir, { recursive: true, force: true });
    await rm(dataDir, { recursive: true, force: true });
  }
  return figures;
}

/** Runs the bench for every generator, about `count` pages each. */
export async function benchCompat({ root, count }: { root: string; count: number }): Promise<CompatFigures[]> {
  const rows: CompatFigures[] = [];
  for (const generator of styleNames) rows.push(await benchOne({ generator, count, root }));
  return rows;
}

const share = (n: number, of: number) => `${of === 0 ? '—' : `${((100 * n) / of).toFixed(1)} %`} (${n}/${of})`;

/** Prints the table the closing note quotes. */
export function printCompat(rows: CompatFigures[]): void {
  console.log('\n## Compatibilité : dossiers d’autres générateurs\n');
  console.log('| Générateur | Pages servies avec leur titre | Liens résolus |');
  console.log('|---|---|---|');
  for (const r of rows) console.log(`| ${r.generator} | ${share(r.served, r.pages)} | ${share(r.resolved, r.links)} |`);
}
