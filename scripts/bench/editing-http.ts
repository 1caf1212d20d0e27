/**
 * Editing through the hub's HTTP API, as the web editor does it: a save measured from the request
 * until the page is served with the new text, sequential and concurrent, and the history pages.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { RunningGare } from '../../server/main.ts';
import { load, percentile, until } from './measure.ts';

/** A logged-in person: cookie and CSRF token. */
export interface BenchSession {
  cookie: string;
  csrf: string;
}

/** Creates the first admin straight in the account store and opens a session for them. */
export async function signInAdmin(gare: RunningGare): Promise<BenchSession> {
  const token = await gare.hub.accounts.createFirstAdminToken();
  if (!token) throw new Error('the bench needs a hub without accounts');
  const account = await gare.hub.accounts.acceptInvitation({ token, name: 'Banc d’essai', email: 'banc@exemple.org', password: 'un mot de passe pour le banc' });
  const session = await gare.hub.accounts.createSession({ userId: account.person.id });
  return { cookie: `gare_session=${session.sessionId}`, csrf: session.csrf };
}

/** p50 and p99 of a series, with its size. */
export interface Spread {
  p50Ms: number;
  p99Ms: number;
  count: number;
}

const spread = (values: number[]): Spread => ({ p50Ms: percentile(values, 50), p99Ms: percentile(values, 99), count: values.length });

/** Options shared by the measures. */
export interface HttpBenchOptions {
  gare: RunningGare;
  who: BenchSession;
}

function headers({ gare, who }: HttpBenchOptions): Record<string, string> {
  return { origin: gare.url, cookie: who.cookie, 'x-csrf-token': who.csrf, 'content-type': 'application/json' };
}

/** The page's current version (commit id) as the editor gets it. */
async function versionOf(options: HttpBenchOptions, file: string): Promise<string> {
  const res = await fetch(`${options.gare.url}/api/pages/${file.slice(0, -3)}`, { headers: headers(options) });
  const json = (await res.json()) as { version?: string };
  if (res.status !== 200 || !json.version) throw new Error(`GET /api/pages/${file} answered ${res.status}`);
  return json.version;
}

/** Saves `file` with one more line, then polls its page until the line is served; returns the new version. */
async function saveAndSee(options: HttpBenchOptions, file: string, baseVersion: string, mark: string): Promise<string> {
  const { gare } = options;
  const page = gare.hub.index.get(file);
  if (!page) throw new Error(`${file} is not in the index`);
  const source = await readFile(path.join(gare.hub.config.contentDir, file), 'utf8');
  const body = source.replace(/^---\n[\s\S]*?\n---\n/, '').trimStart() + `\nLigne ajoutée par le banc : ${mark}.\n`;
  const { title, type, tags, visibility } = page.meta;
  const res = await fetch(`${gare.url}/api/pages/save`, {
    method: 'POST',
    headers: headers(options),
    body: JSON.stringify({ path: file, title, type, tags, visibility, body, baseVersion, message: `Banc ${mark}` }),
  });
  const json = (await res.json()) as { version?: string; changed?: boolean };
  if (res.status !== 200 || !json.version || !json.changed) throw new Error(`save of ${file} answered ${res.status} ${JSON.stringify(json)}`);
  await until(async () => (await (await fetch(gare.url + page.url, { headers: { cookie: options.who.cookie } })).text()).includes(mark), 30_000);
  return json.version;
}

/** `count` saves of one page, one after the other. */
export async function sequentialSaves(options: HttpBenchOptions & { file: string; count: number }): Promise<Spread> {
  let version = await versionOf(options, options.file);
  const times: number[] = [];
  for (let i = 0; i < options.count; i++) {
    const t = performance.now();
    version = await saveAndSee(options, options.file, version, `seq${i}x`);
    times.push(performance.now() - t);
  }
  return spread(times);
}

/** `rounds` of `files.length` saves at once, each on its own page. */
export async function concurrentSaves(options: HttpBenchOptions & { files: string[]; rounds: number }): Promise<Spread> {
  const times: number[] = [];
  for (let round = 0; round < options.rounds; round++) {
    const versions = await Promise.all(options.files.map((file) => versionOf(options, file)));
    const n = options.files.length;
    times.push(...(await load(n, n, (i) => saveAndSee(options, options.files[i]!, versions[i]!, `conc${round}r${i}x`).then(() => undefined))));
  }
  return spread(times);
}

/** Time to get `url` `count` times; the HTTP status instead when it is not 200 (the other figures still print). */
export async function pageTimes(options: HttpBenchOptions & { url: string; count: number }): Promise<Spread | number> {
  const times: number[] = [];
  for (let i = 0; i < options.count; i++) {
    const t = performance.now();
    const res = await fetch(options.gare.url + options.url, { headers: { cookie: options.who.cookie } });
    await res.arrayBuffer();
    if (res.status !== 200) return res.status;
    times.push(performance.now() - t);
  }
  return spread(times);
}
