/** Writing a page file from form fields, keeping the fields the form does not know. */
import yaml from 'js-yaml';
import { joinFrontMatter, splitFrontMatter } from '../wiki/front-matter.ts';
import type { Visibility } from '../wiki/schema.ts';

/** The fields the web editor edits. */
export interface EditedFields {
  /** Page title. */
  title: string;
  /** Page type. */
  type: string;
  /** Tags, display form. */
  tags: readonly string[];
  /** Who may read the page. */
  visibility: Visibility;
  /** One-sentence summary; empty or undefined removes it. */
  summary?: string | undefined;
}

/** Options of `buildPageSource`. */
export interface BuildPageSourceOptions {
  /** Edited fields (they win over `keep`). */
  fields: EditedFields;
  /** Markdown body without front matter. */
  body: string;
  /** Front matter of the existing file: unknown fields and their order are kept. */
  keep?: Record<string, unknown> | undefined;
  /** The existing file: its fields that did not change keep their YAML as written (else the text `keep` came from, when `frontMatterOf` read it). */
  original?: string | undefined;
}

/** The file each `frontMatterOf` answer was read from (weak: gone with the answer). */
const readFrom = new WeakMap<object, string>();

/** The YAML between the two `---` lines of a file, as written; undefined when there is none. */
function frontMatterText(source: string): string | undefined {
  const m = /^---[ \t]*\n([\s\S]*?\n)?---[ \t]*(?:\n|$)/.exec(source.replace(/\r\n?/g, '\n'));
  return m ? (m[1] ?? '') : undefined;
}

/** Top-level fields of YAML text, each with its lines (comments and indented lines go with the field above). */
function fieldBlocks(text: string): Map<string, string> | undefined {
  const blocks = new Map<string, string>();
  let key: string | undefined;
  for (const line of text.split('\n').slice(0, -1)) {
    const top = /^([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]|$)/.exec(line);
    if (top?.[1]) {
      if (blocks.has(top[1])) return undefined;
      key = top[1];
      blocks.set(key, '');
    } else if (key === undefined || /^[^\s#-]/.test(line)) return undefined;
    blocks.set(key, `${blocks.get(key) ?? ''}${line}\n`);
  }
  return blocks;
}

const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(plainValues({ v: a })) === JSON.stringify(plainValues({ v: b }));

/** Front matter with each unchanged field written as it was in `written`, the others the hub's way. */
function keepWrittenStyle(data: Record<string, unknown>, written: string): string | undefined {
  const blocks = fieldBlocks(written);
  if (!blocks) return undefined;
  let out = '';
  for (const [key, value] of Object.entries(plainValues(data))) {
    if (value === undefined) continue;
    const block = blocks.get(key);
    let before: unknown;
    try {
      before = block === undefined ? undefined : (yaml.load(block) as Record<string, unknown> | null)?.[key];
    } catch {
      before = undefined;
    }
    out += block !== undefined && sameValue(before, value) ? block : joinFrontMatter({ [key]: value }, '').slice(4).replace(/---\n\n?$/, '');
  }
  return out;
}

/** Dates YAML read as Date objects go back as `AAAA-MM-JJ` text, not as a timestamp. */
function plainValues(data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (value instanceof Date && !Number.isNaN(value.getTime())) {
      const iso = value.toISOString();
      out[key] = iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
    } else out[key] = value;
  }
  return out;
}

/** Body with Unix line ends, no leading blank lines and one final line end. */
export function normalizeBody(body: string): string {
  const text = body.replace(/\r\n?/g, '\n').replace(/^\n+/, '');
  return text === '' || text.endsWith('\n') ? text : `${text}\n`;
}

/** Serialises front matter and body the one way the hub writes pages. */
export function writePageSource(data: Record<string, unknown>, body: string): string {
  return joinFrontMatter(plainValues(data), normalizeBody(body));
}

/** The page file for the edited fields and body. */
export function buildPageSource({ fields, body, keep = {}, original }: BuildPageSourceOptions): string {
  const summary = fields.summary?.trim();
  const data: Record<string, unknown> = {
    ...keep,
    title: fields.title.trim(),
    type: fields.type,
    tags: [...fields.tags],
    visibility: fields.visibility,
    summary: summary ? summary : undefined,
  };
  // Fields nobody changed keep their quoting and layout, so the first web edit shows no header noise.
  const before = original ?? readFrom.get(keep);
  const written = before === undefined ? undefined : frontMatterText(before);
  const head = written === undefined ? undefined : keepWrittenStyle(data, written);
  if (before === undefined || head === undefined || head === '') return writePageSource(data, body);
  const text = normalizeBody(body);
  const source = `---\n${head}---\n${text.startsWith('\n') ? '' : '\n'}${text}`;
  // Nothing changed in content: the file stays byte for byte as it was (no commit, no diff).
  return normalizeSource(source) === normalizeSource(before) ? before : source;
}

/**
 * The same file written the hub's way (so a merge compares content, not YAML style); a file
 * whose front matter cannot be read is returned as it is.
 */
export function normalizeSource(source: string): string {
  const split = splitFrontMatter(source.replace(/\r\n?/g, '\n'));
  if (split.error || Object.keys(split.data).length === 0) return source.replace(/\r\n?/g, '\n');
  return writePageSource(split.data, split.body);
}

/** Front matter fields of a file (empty when unreadable). */
export function frontMatterOf(source: string): Record<string, unknown> {
  const { data, error } = splitFrontMatter(source);
  if (error === undefined) readFrom.set(data, source);
  return data;
}
