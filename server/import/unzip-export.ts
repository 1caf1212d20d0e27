/**
 * A Markdown export's files. Notion wraps big exports in a zip of zips (`Export-…-Part-1.zip`):
 * the inner archives are opened too, under the same bounds, all of them sharing one budget.
 */
import { defaultUnzipLimits, safeUnzip } from './safe-unzip.ts';

// More parts than this is not an export the hub should take in one import.
const maxParts = 10;

/** The files of an export zip, inner zips opened when the archive holds nothing but zips. */
export async function unzipExport(bytes: Uint8Array): Promise<Map<string, Uint8Array>> {
  const outer = await safeUnzip(bytes);
  const names = [...outer.keys()].filter((n) => !/(^|\/)(__MACOSX|\.DS_Store)/.test(n));
  if (names.length === 0 || names.length > maxParts || !names.every((n) => /\.zip$/i.test(n))) return outer;
  let used = names.reduce((sum, n) => sum + (outer.get(n)?.length ?? 0), 0);
  const files = new Map<string, Uint8Array>();
  for (const name of names) {
    const part = outer.get(name) as Uint8Array;
    const inner = await safeUnzip(part, { ...defaultUnzipLimits, maxTotalBytes: Math.max(0, defaultUnzipLimits.maxTotalBytes - used) });
    for (const [path, data] of inner) {
      used += data.length;
      files.set(path, data);
    }
  }
  return files;
}
