/**
 * The static-site anchor: a minimal Hugo site over the same Markdown files (Hugo reads the
 * corpus folder in place; a trivial layout), built by Debian's `hugo`, then Pagefind's CLI over
 * Hugo's output — the time from `hugo` start to Pagefind done.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ensureProgram, pagefindBinary, runProgram } from './scale-tools.ts';

/** The site's files: configuration and layouts, content read from `contentDir`. */
export function hugoSiteFiles(contentDir: string): Record<string, string> {
  const page = (main: string) => `<!doctype html>\n<html lang="fr"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>\n<body>${main}</body></html>\n`;
  return {
    // Pages dated later this year are pages all the same; feeds and sitemaps are left out, as the
    // hub builds none of them at start.
    'config.toml': [
      `baseURL = "http://127.0.0.1/"`,
      `languageCode = "fr"`,
      `title = "Banc d’essai"`,
      `contentDir = ${JSON.stringify(contentDir)}`,
      `buildFuture = true`,
      // A section's list at 100,000 pages holds 20,000 links: more than the default per-page time.
      `timeout = "600s"`,
      `disableKinds = ["RSS", "sitemap", "robotsTXT", "404"]`,
      `ignoreFiles = ["\\\\.git/"]`,
      '',
    ].join('\n'),
    'layouts/_default/single.html': page(`<main data-pagefind-body><h1>{{ .Title }}</h1>\n<p>{{ delimit .Params.tags ", " }}</p>\n{{ .Content }}</main>`),
    'layouts/_default/list.html': page(`<main><h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></main>`),
  };
}

/** Writes the minimal site into `siteDir`. */
export async function writeHugoSite({ contentDir, siteDir }: { contentDir: string; siteDir: string }): Promise<void> {
  for (const [file, text] of Object.entries(hugoSiteFiles(contentDir))) {
    await mkdir(path.dirname(path.join(siteDir, file)), { recursive: true });
    await writeFile(path.join(siteDir, file), text);
  }
}

/** Figures of the static build. */
export interface StaticBuild {
  /** `hugo` alone: what a static site redoes for any change. */
  hugoMs: number;
  /** Pagefind over Hugo's output. */
  pagefindMs: number;
  /** Hugo's output (served by the static server). */
  publicDir: string;
  /** How Pagefind ran: its CLI binary, or its Node API when no binary is there. */
  pagefindHow: string;
}

/** Builds the site with Hugo then indexes it with Pagefind; installs hugo when missing. */
export async function buildStaticSite({ root, contentDir, siteDir, timeoutMs, say }: { root: string; contentDir: string; siteDir: string; timeoutMs: number; say: (line: string) => void }): Promise<StaticBuild> {
  const hugo = await ensureProgram('hugo', 'hugo', say);
  await writeHugoSite({ contentDir, siteDir });
  const publicDir = path.join(siteDir, 'public');
  const binary = await pagefindBinary(root);
  const t0 = performance.now();
  await runProgram(hugo, ['--quiet', '--source', siteDir, '--destination', publicDir], { cwd: siteDir, timeoutMs });
  const t1 = performance.now();
  let pagefindHow: string;
  if (binary) {
    pagefindHow = `CLI ${path.relative(root, binary)}`;
    await runProgram(binary, ['--site', publicDir, '--quiet'], { cwd: siteDir, timeoutMs });
  } else {
    pagefindHow = 'API Node du paquet pagefind (pas de binaire CLI)';
    const pagefind = await import('pagefind');
    const { index, errors } = await pagefind.createIndex({});
    if (!index) throw new Error(`pagefind : ${errors.join(' / ')}`);
    await index.addDirectory({ path: publicDir });
    await index.writeFiles({ outputPath: path.join(publicDir, 'pagefind') });
    await pagefind.close();
  }
  return { hugoMs: t1 - t0, pagefindMs: performance.now() - t1, publicDir, pagefindHow };
}
