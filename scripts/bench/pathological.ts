/** Issue 9, item 2: time to serve a near-200 kB pathological page, beside an ordinary page, in one run. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gitCommitFile } from './corpus.ts';
import { until } from './measure.ts';

/** Figures of the pathological-page probe, in ms. */
export interface PathologicalFigures {
  /** First view of the page (renders its Markdown once per version). */
  firstViewMs: number;
  /** A later view (what every visitor pays). */
  viewMs: number;
  /** A later view of an ordinary page of the same corpus. */
  ordinaryViewMs: number;
}

async function timed(url: string): Promise<number> {
  const t = performance.now();
  const res = await fetch(url);
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
  return performance.now() - t;
}

/** Commits 195,000 `[` (the worst input under the 200 kB render limit) and times its views and an ordinary page's. */
export async function benchPathological({ url, contentDir, ordinaryUrl }: { url: string; contentDir: string; ordinaryUrl: string }): Promise<PathologicalFigures> {
  const rel = 'ressources/piege-crochets.md';
  await writeFile(path.join(contentDir, rel), `---\ntitle: Piège à crochets\ntype: ressource\n---\n\n${'['.repeat(195_000)}\n`);
  gitCommitFile(contentDir, 'Page pathologique du banc');
  // The contents list names the page once it is indexed, without rendering it.
  await until(async () => (await (await fetch(url + '/sommaire')).text()).includes('Piège à crochets'));
  const firstViewMs = await timed(url + '/wiki/ressources/piege-crochets');
  const viewMs = await timed(url + '/wiki/ressources/piege-crochets');
  await timed(url + ordinaryUrl);
  const ordinaryViewMs = await timed(url + ordinaryUrl);
  return { firstViewMs, viewMs, ordinaryViewMs };
}
