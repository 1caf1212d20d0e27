/** Names of uploaded files: never a path, never hidden, a slug and the extension of the real type. Pure. */
import { InvalidSlug } from '../errors.ts';
import { foldText, slugify } from '../wiki/paths.ts';

/** Extension written in a file name (`Rapport.PDF` → `pdf`), or ''. */
export function extensionOf(name: string): string {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(name);
  return m?.[1]?.toLowerCase() ?? '';
}

/** The stored name of an upload: `Compte rendu (v2).PDF` → `compte-rendu-v2.pdf`; paths and hidden names are refused. */
export function sanitizeAttachmentName(raw: string, ext: string): string {
  const name = raw.normalize('NFC').trim();
  if (name === '' || /[/\\\0]/.test(name) || name.startsWith('.') || name.length > 255) {
    throw new InvalidSlug('Nom de fichier refusé : donnez un nom simple, sans « / », « \\ » ni point au début (par exemple « compte-rendu.pdf »).');
  }
  const base = name.slice(0, name.length - (extensionOf(name) ? extensionOf(name).length + 1 : 0));
  const slug = foldText(base).replace(/[^a-z0-9]+/g, '') === '' ? 'fichier' : slugify(base, 60);
  return `${slug}.${ext}`;
}

/** `rapport.pdf` → `rapport-2.pdf` (n ≥ 2). */
export function numberedName(name: string, n: number): string {
  const i = name.lastIndexOf('.');
  return i < 0 ? `${name}-${n}` : `${name.slice(0, i)}-${n}${name.slice(i)}`;
}
