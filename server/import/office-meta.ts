/** Title and authors written in an office document's metadata (`docProps/core.xml`, `meta.xml`). */
import { DOMParser } from '@xmldom/xmldom';
import { WrongFileType } from './import-errors.ts';

/** UTF-8 text of a part of an office document, if present. */
export function decode(part: Uint8Array | undefined): string | undefined {
  return part ? new TextDecoder('utf-8').decode(part) : undefined;
}

/** An XML document parsed strictly: malformed XML is a WrongFileType naming the part. */
export function parseXml(text: string, part: string): Document {
  try {
    const doc = new DOMParser({ onError: (level, message) => { if (level !== 'warning') throw new Error(message); } }).parseFromString(text, 'text/xml');
    return doc as unknown as Document;
  } catch (error) {
    throw new WrongFileType(`Document abîmé : sa partie « ${part} » n’est pas du XML lisible. Ouvrez-le puis enregistrez-le à nouveau.`, { cause: error });
  }
}

const placeholders = new Set(['un-named', 'unknown', 'inconnu', 'auteur inconnu', 'user', 'utilisateur']);

/** What the metadata says. */
export interface OfficeMeta {
  /** Title, if set. */
  title: string | undefined;
  /** Creator and last editor, deduplicated. */
  authors: string[];
}

/** Reads title and authors from a metadata part (undefined part: nothing known). */
export function readOfficeMeta(xml: string | undefined, part: string): OfficeMeta {
  if (xml === undefined) return { title: undefined, authors: [] };
  const doc = parseXml(xml, part);
  const first = (name: string) => doc.getElementsByTagName(name)[0]?.textContent?.trim() || undefined;
  // Tools write placeholders when nobody set a name: they credit no one.
  const authors = ['dc:creator', 'meta:initial-creator', 'cp:lastModifiedBy'].map(first).filter((a): a is string => a !== undefined && !placeholders.has(a.toLowerCase()));
  return { title: first('dc:title'), authors: [...new Set(authors)] };
}
