/** The import fixtures (made by tests/fixtures/import/make-fixtures.ts) and hostile uploads made on the spot. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { strToU8, zipSync } from 'fflate';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'import');

/** Bytes of a fixture file. */
export function fixture(name: string): Uint8Array {
  return new Uint8Array(fs.readFileSync(path.join(dir, name)));
}

/** A zip holding one Markdown page and `name` (a path that climbs out, an absolute path…). */
export function zipWithPath(name: string): Uint8Array {
  return zipSync({ 'page.md': strToU8('# Page\n\nTexte.\n'), [name]: strToU8('piège') });
}

/** A zip whose entry is a symbolic link (Unix mode 120777 in the external attributes). */
export function zipWithSymlink(): Uint8Array {
  return zipSync({ 'page.md': strToU8('# Page\n'), 'lien.md': [strToU8('/etc/passwd'), { os: 3, attrs: (0o120777 << 16) >>> 0 }] });
}

/** A zip bomb: 40 Mio of zeros in a few dozen Kio, with headers lying about the size. */
let bomb: Uint8Array | undefined;
export function zipBomb(): Uint8Array {
  if (bomb) return bomb;
  const bytes = zipSync({ 'bombe.md': new Uint8Array(40 * 1024 * 1024) }, { level: 6 });
  bomb = bytes;
  // Both headers claim 10 bytes: the bound must come from inflating, not from what the file says.
  const view = new DataView(bytes.buffer);
  view.setUint32(22, 10, true);
  for (let i = bytes.length - 22; i > 0; i--) {
    if (view.getUint32(i, true) === 0x02014b50) {
      view.setUint32(i + 24, 10, true);
      break;
    }
  }
  return bytes;
}
