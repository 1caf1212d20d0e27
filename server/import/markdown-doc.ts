/** One Markdown file of an upload as a document: its front matter, its title, its tags. */
import { splitFrontMatter } from '../wiki/front-matter.ts';
import { WrongFileType } from './import-errors.ts';
import type { ImportedDoc } from './import-types.ts';

/** Fields the hub sets itself from the import options. */
const ownFields = new Set(['title', 'type', 'visibility', 'tags']);

/** Text of a file that must be UTF-8 text; undefined for anything else (binary, other encodings). */
export function decodeText(bytes: Uint8Array): string | undefined {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
    return /[\u0000-\u0008\u000e-\u001f]/.test(text) ? undefined : text;
  } catch {
    return undefined;
  }
}

/** Notion's 32-hex id suffix dropped: `Réunion 0c1d…9f` → `Réunion`. */
export function dropNotionId(name: string): string {
  return name.replace(/\s+[0-9a-f]{32}$/i, '').trim() || name;
}

/** Tags as HedgeDoc writes them: a YAML list or one comma-separated line. */
function tagsOf(value: unknown): string[] {
  const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
  return list.map((t) => String(t).trim()).filter((t) => t !== '' && t.length <= 60);
}

/** Options of `readMarkdownDoc`. */
export interface ReadMarkdownDocOptions {
  /** Path in the upload. */
  source: string;
  /** Folder names under the target section. */
  folders: string[];
  /** Title when the file names none (file name without extension and id). */
  fallbackTitle: string;
  /** The file's text. */
  text: string;
}

/** Reads one Markdown file: front matter kept, title from it, else the first `# heading`, else the file name. */
export function readMarkdownDoc({ source, folders, fallbackTitle, text }: ReadMarkdownDocOptions): ImportedDoc {
  const split = splitFrontMatter(text.replace(/\r\n?/g, '\n'));
  if (split.error) throw new WrongFileType(`En-tête illisible dans « ${source} » : ${split.error}. Corrigez les lignes entre les deux « --- » puis réessayez.`);
  let body = split.body.replace(/^\n+/, '');
  const heading = /^#[ \t]+(.+?)[ \t#]*(?:\n|$)/.exec(body);
  let title = typeof split.data.title === 'string' && split.data.title.trim() !== '' ? split.data.title.trim() : undefined;
  // The first heading is the title in HedgeDoc and Notion exports: the page shows it once, not twice.
  if (heading?.[1] && (title === undefined || heading[1].trim() === title)) {
    title ??= heading[1].trim();
    body = body.slice(heading[0].length).replace(/^\n+/, '');
  }
  const fields = Object.fromEntries(Object.entries(split.data).filter(([k]) => !ownFields.has(k)));
  return { source, folders, title: (title ?? fallbackTitle).slice(0, 200), body, tags: tagsOf(split.data.tags), fields };
}
