/**
 * Reading a zip without trusting it: names and file kinds come from the central directory
 * (links, absolute paths, `..` and backslashes refused), and sizes are counted while inflating
 * (a header may lie), so a zip bomb stops as soon as it passes the bounds.
 */
import { Inflate } from 'fflate';
import { UnsafeArchive, WrongFileType } from './import-errors.ts';

/** Bounds of one archive. */
export interface UnzipLimits {
  /** Most bytes all entries may inflate to. */
  maxTotalBytes: number;
  /** Most entries (folders included). */
  maxEntries: number;
  /** Most inflated bytes per compressed byte, over the whole archive, past `ratioFloorBytes`. */
  maxRatio: number;
  /** Inflated size below which the ratio is not checked (small text compresses well). */
  ratioFloorBytes: number;
}

/** Default bounds: a 50 Mio upload inflates to at most 200 Mio, 100 times its size at most. */
export const defaultUnzipLimits: UnzipLimits = { maxTotalBytes: 200 * 1024 * 1024, maxEntries: 5000, maxRatio: 100, ratioFloorBytes: 10 * 1024 * 1024 };

const chunkSize = 16 * 1024;
const bomb = () => new UnsafeArchive('Archive refusée : une fois décompressée, elle dépasse la taille permise (archive piégée ou trop grosse). Découpez-la en plusieurs envois plus petits.');

/** True when the bytes start like a zip file. */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** Throws unless `name` is a plain relative path inside the archive. */
export function checkEntryName(name: string): void {
  const parts = name.replace(/\/$/, '').split('/');
  if (name.includes('\\') || name.includes('\0') || name.startsWith('/') || /^[A-Za-z]:/.test(name) || parts.some((p) => p === '..' || p === '')) {
    throw new UnsafeArchive(`Archive refusée : le chemin « ${name.slice(0, 120)} » sort du dossier de l’archive (chemin absolu, « .. » ou « \\ »). Refaites l’archive depuis le dossier exporté.`);
  }
}

interface Entry {
  name: string;
  method: number;
  compressed: number;
  offset: number;
}

function readDirectory(bytes: Uint8Array, limits: UnzipLimits): Entry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0 || !looksLikeZip(bytes)) throw new WrongFileType('Ce fichier n’est pas une archive zip lisible : exportez-le à nouveau, sans le renommer.');
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  if (count === 0xffff || at === 0xffffffff) throw new UnsafeArchive('Archive refusée : le format ZIP64 n’est pas accepté. Découpez l’export en archives plus petites.');
  if (count > limits.maxEntries) throw new UnsafeArchive(`Archive refusée : plus de ${limits.maxEntries} fichiers. Découpez l’export en plusieurs archives.`);
  const utf8 = new TextDecoder('utf-8');
  const entries: Entry[] = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) throw new WrongFileType('Archive zip abîmée : son sommaire est illisible. Exportez-la à nouveau.');
    const madeBy = view.getUint16(at + 4, true) >> 8;
    const flags = view.getUint16(at + 8, true);
    const nameLength = view.getUint16(at + 28, true);
    const name = utf8.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    const mode = view.getUint32(at + 38, true) >>> 16;
    checkEntryName(name);
    // Unix (3) and macOS (19) archives keep the file mode: a symbolic link must never be taken as a file.
    if ((madeBy === 3 || madeBy === 19) && (mode & 0o170000) === 0o120000) throw new UnsafeArchive(`Archive refusée : « ${name.slice(0, 120)} » est un lien symbolique. Refaites l’archive sans liens.`);
    if (flags & 1) throw new UnsafeArchive('Archive refusée : elle est chiffrée (mot de passe). Exportez-la sans mot de passe.');
    if (!name.endsWith('/')) entries.push({ name, method: view.getUint16(at + 10, true), compressed: view.getUint32(at + 20, true), offset: view.getUint32(at + 42, true) });
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return entries;
}

/** Inflates one entry in small chunks, counting what comes out against the bounds. */
async function inflateEntry(data: Uint8Array, count: (n: number) => void): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let size = 0;
  const inflater = new Inflate((chunk) => {
    count(chunk.length);
    size += chunk.length;
    parts.push(chunk);
  });
  for (let i = 0; i < data.length; i += chunkSize) {
    inflater.push(data.subarray(i, i + chunkSize), i + chunkSize >= data.length);
    // Let other work run between chunks: a big archive never holds the thread for long.
    if ((i / chunkSize) % 64 === 63) await new Promise((resolve) => setImmediate(resolve));
  }
  if (data.length === 0) inflater.push(new Uint8Array(0), true);
  const out = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Every file of the archive by its path, or a refusal naming the first problem; nothing partial. */
export async function safeUnzip(bytes: Uint8Array, limits: UnzipLimits = defaultUnzipLimits): Promise<Map<string, Uint8Array>> {
  const entries = readDirectory(bytes, limits);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const files = new Map<string, Uint8Array>();
  let total = 0;
  const count = (n: number) => {
    total += n;
    if (total > limits.maxTotalBytes || (total > limits.ratioFloorBytes && total > limits.maxRatio * bytes.length)) throw bomb();
  };
  for (const entry of entries) {
    if (entry.offset + 30 > bytes.length || view.getUint32(entry.offset, true) !== 0x04034b50) throw new WrongFileType('Archive zip abîmée : un fichier est introuvable. Exportez-la à nouveau.');
    const start = entry.offset + 30 + view.getUint16(entry.offset + 26, true) + view.getUint16(entry.offset + 28, true);
    const data = bytes.subarray(start, start + entry.compressed);
    try {
      if (entry.method === 0) {
        count(data.length);
        files.set(entry.name, data.slice());
      } else if (entry.method === 8) files.set(entry.name, await inflateEntry(data, count));
      else throw new UnsafeArchive(`Archive refusée : « ${entry.name.slice(0, 120)} » utilise une compression inconnue. Refaites l’archive au format zip ordinaire.`);
    } catch (error) {
      if (error instanceof UnsafeArchive) throw error;
      throw new WrongFileType(`Archive zip abîmée : « ${entry.name.slice(0, 120)} » est illisible. Exportez-la à nouveau.`, { cause: error });
    }
  }
  return files;
}
