/** Finding canary words in anything a server answers: HTML, JSON, XML, gzip'd search files. */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

/** Lower case, accents removed. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Decompressed text of some bytes (gzip opened when it is gzip, as Pagefind stores its files). */
export function textOf(bytes: Buffer): string {
  let text = bytes.toString('utf8');
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      text += `\n${gunzipSync(bytes).toString('utf8')}`;
    } catch {
      // Not gzip after all: the raw text is scanned.
    }
  }
  // Entities and JSON escapes could hide a word from a plain search.
  return text
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/\\u([0-9a-f]{4})/gi, (_, n: string) => String.fromCharCode(parseInt(n, 16)));
}

/** Every spelling of a canary to look for: as is, folded, and their URL-encoded forms. */
export function formsOf(canary: string): string[] {
  const forms = new Set([canary.toLowerCase(), fold(canary)]);
  for (const f of [...forms]) forms.add(encodeURIComponent(f).toLowerCase());
  return [...forms];
}

/** Canaries of `all` found in `text` (any form), except those in `allowed` (echoes of the request). */
export function findCanaries(text: string, all: readonly string[], allowed: readonly string[] = []): string[] {
  const lower = text.toLowerCase();
  const folded = fold(text);
  return all.filter((c) => !allowed.includes(c) && formsOf(c).some((f) => lower.includes(f) || folded.includes(f)));
}

/** Canaries named by a request address itself: a page may echo what was asked, that is no leak. */
export function canariesInAddress(address: string, all: readonly string[]): string[] {
  let decoded = address;
  try {
    decoded = decodeURIComponent(address);
  } catch {
    // Kept raw.
  }
  return findCanaries(`${address} ${decoded}`, all);
}

/** One place a canary was found. */
export interface Leak {
  /** Address or file. */
  where: string;
  /** Canaries found there. */
  found: string[];
}

/** Leaks of one answer to `where`; canaries named by the address asked are not counted unless `strict`. */
export function leaksOf(where: string, body: Buffer | string, all: readonly string[], strict = false): Leak[] {
  const found = findCanaries(typeof body === 'string' ? body : textOf(body), all, strict ? [] : canariesInAddress(where, all));
  return found.length > 0 ? [{ where, found }] : [];
}

/** Every file under `dir`, decoded like the server's answers. */
export async function scanFolder(dir: string, all: readonly string[]): Promise<{ files: number; leaks: Leak[] }> {
  const entries = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
  const leaks: Leak[] = [];
  for (const e of entries) {
    const file = path.join(e.parentPath, e.name);
    const name = path.relative(dir, file);
    // Nobody asked for these files by name: a canary in the name counts as much as in the text.
    leaks.push(...leaksOf(name, `${name}\n${textOf(await readFile(file))}`, all, true));
  }
  return { files: entries.length, leaks };
}
