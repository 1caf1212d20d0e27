/** Downloads every file of an audience's live search bundles, the way a curious visitor could. */
import { textOf } from './scan.ts';

/** One downloaded file. */
export interface Fetched {
  /** Address. */
  where: string;
  /** HTTP status. */
  status: number;
  /** Body. */
  body: Buffer;
}

/** Fetches the manifest, then each bundle's entry, meta and every index, filter and fragment file it names. */
export async function fetchSearchFiles(base: string, prefix: string, cookie?: string): Promise<Fetched[]> {
  const out: Fetched[] = [];
  const get = async (where: string): Promise<Fetched> => {
    const res = await fetch(base + where, cookie ? { headers: { cookie } } : {});
    const fetched = { where, status: res.status, body: Buffer.from(await res.arrayBuffer()) };
    out.push(fetched);
    return fetched;
  };
  const manifest = await get(`${prefix}/manifest.json`);
  if (manifest.status !== 200) return out;
  const m = JSON.parse(manifest.body.toString('utf8')) as { basePath: string; deltaPath: string | null };
  for (const folder of [m.basePath, m.deltaPath]) {
    if (!folder) continue;
    const at = `${prefix}/${folder}`;
    await get(`${at}pagefind.js`);
    const entry = await get(`${at}pagefind-entry.json`);
    if (entry.status !== 200) continue;
    const languages = (JSON.parse(entry.body.toString('utf8')) as { languages: Record<string, { hash: string }> }).languages;
    for (const [language, { hash }] of Object.entries(languages)) {
      const meta = await get(`${at}pagefind.${hash}.pf_meta`);
      // The meta file names every index chunk, filter and page fragment by hash.
      // Binary CBOR: a length byte may precede a name, so no word boundary is looked for.
      const hashes = new Set(textOf(meta.body).match(new RegExp(`${language}_[0-9a-f]{7,}`, 'g')) ?? []);
      hashes.delete(hash);
      for (const h of hashes) {
        for (const kind of ['index', 'filter', 'fragment']) {
          const f = await get(`${at}${kind}/${h}.pf_${kind}`);
          if (f.status !== 200) out.pop();
        }
      }
    }
  }
  return out;
}
