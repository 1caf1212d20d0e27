/**
 * Etherpad / Framapad export (`.etherpad`): a JSON object whose `pad:<name>` entry holds the
 * last text, `pad:<name>:revs:<n>` the revisions with their author and time, and
 * `globalAuthor:<id>` the authors' names. The page takes the last text and credits every author.
 */
import { z } from 'zod';
import { etherpadText } from './etherpad-text.ts';
import { WrongFileType } from './import-errors.ts';
import { importedPerson, type ParsedUpload } from './import-types.ts';

/** The parts of an Etherpad export the hub reads (the rest is ignored). */
const PadSchema = z.looseObject({
  /** The pad's current text, and its attributes as changeset ops (lists, headings). */
  atext: z.looseObject({ text: z.string(), attribs: z.string().optional() }),
  /** Attribute pool the ops refer to. */
  pool: z.looseObject({ numToAttrib: z.record(z.string(), z.array(z.string())).optional() }).optional(),
});
const RevisionSchema = z.looseObject({
  /** Who made the revision and when (ms since 1970). */
  meta: z.looseObject({ author: z.string().optional(), timestamp: z.number().optional() }).optional(),
});
const AuthorSchema = z.looseObject({
  /** Name the author typed in the pad. */
  name: z.string().nullish(),
});

const refused = () => new WrongFileType('Ce fichier n’est pas un export Etherpad lisible : dans le pad, choisissez « Importer/Exporter » puis « Etherpad », et envoyez ce fichier tel quel.');

/** Reads an Etherpad export into one document crediting every named author. */
export function readEtherpad(text: string, fileName: string): ParsedUpload {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new WrongFileType(refused().message, { cause: error });
  }
  if (typeof data !== 'object' || data === null) throw refused();
  const record = data as Record<string, unknown>;
  const padKey = Object.keys(record).find((k) => /^pad:[^:]+$/.test(k));
  const pad = padKey ? PadSchema.safeParse(record[padKey]) : undefined;
  if (!padKey || !pad?.success) throw refused();
  const names = new Map<string, string>();
  for (const [key, value] of Object.entries(record)) {
    const author = key.startsWith('globalAuthor:') ? AuthorSchema.safeParse(value) : undefined;
    if (author?.success && author.data.name) names.set(key.slice('globalAuthor:'.length), author.data.name.trim());
  }
  // Authors in the order they first wrote, so the commit credits them as the pad's history does.
  const order: { id: string; time: number }[] = [];
  for (const [key, value] of Object.entries(record)) {
    const m = new RegExp(`^${padKey.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:revs:(\\d+)$`).exec(key);
    const rev = m ? RevisionSchema.safeParse(value) : undefined;
    const author = rev?.success ? rev.data.meta?.author : undefined;
    if (author) order.push({ id: author, time: Number(m?.[1]) });
  }
  order.sort((a, b) => a.time - b.time);
  const ids = [...new Set([...order.map((o) => o.id), ...names.keys()])];
  const people = [...new Set(ids.map((id) => names.get(id)).filter((n): n is string => !!n))];
  const anonymous = ids.filter((id) => !names.get(id)).length;
  const padName = padKey.slice('pad:'.length);
  const body = etherpadText(pad.data.atext.text, pad.data.atext.attribs, pad.data.pool?.numToAttrib).replace(/\r\n?/g, '\n').trimEnd() + '\n';
  const firstLine = body.split('\n').find((l) => l.trim() !== '')?.replace(/^#+\s*/, '').trim();
  const title = (firstLine && firstLine.length <= 120 ? firstLine : undefined) ?? (fileName.replace(/\.etherpad$/i, '') || padName);
  return {
    format: 'etherpad',
    docs: [{ source: fileName, folders: [], title, body: stripTitleLine(body, title), tags: [], fields: {} }],
    files: [],
    authors: people.map((name) => importedPerson(name, 'etherpad')),
    skipped: anonymous > 0 ? [{ name: `${anonymous} auteur(s) sans nom`, reason: 'Le pad ne donne pas leur nom : ils ne peuvent pas être crédités.' }] : [],
  };
}

/** The body without its first line when that line is the title (the page shows the title already). */
function stripTitleLine(body: string, title: string): string {
  const lines = body.split('\n');
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first >= 0 && lines[first]?.replace(/^#+\s*/, '').trim() === title) lines.splice(first, 1);
  return lines.join('\n').replace(/^\n+/, '');
}
