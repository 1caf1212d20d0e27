/** The git blob id of a page's text, computed where the page is parsed. */
import { createHash } from 'node:crypto';

/** The git blob id of a text (sha-1 of `blob <bytes>\0<content>`): the same id git gives the file once committed. */
export function blobIdOf(source: string): string {
  const bytes = Buffer.from(source, 'utf8');
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}
