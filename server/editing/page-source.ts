/** Writing a page file from form fields, keeping the fields the form does not know. */
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
export function buildPageSource({ fields, body, keep = {} }: BuildPageSourceOptions): string {
  const summary = fields.summary?.trim();
  const data: Record<string, unknown> = {
    ...keep,
    title: fields.title.trim(),
    type: fields.type,
    tags: [...fields.tags],
    visibility: fields.visibility,
    summary: summary ? summary : undefined,
  };
  return writePageSource(data, body);
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
  return splitFrontMatter(source).data;
}
