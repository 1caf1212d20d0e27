/**
 * The plain text of every page's search record, by the git blob id of the page's text, kept
 * across restarts (`.state/texts.ndjson` beside the bundles, never served). Making a record's text
 * reads the page file back and strips its Markdown: about a second of CPU and ten thousand reads
 * at 10,000 pages. A restart takes back the texts of the blobs it already knows, so only pages
 * changed since are read and stripped.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Texts made and taken back since start (tests, diagnostics). */
export interface RecordTextCounts {
  /** Texts made from a page's file (read back and stripped). */
  made: number;
  /** Texts taken back from the file or the last build, without reading the page. */
  reused: number;
}

// 2: after a format line, per page a `[url, blob, bytes]` JSON line then the text's bytes as they
// are and a newline: read back by slicing, with no JSON unescaping of 30 MB of text at 10,000 pages.
const formatLine = `${JSON.stringify({ format: 2 })}\n`;

/** Creates the store of one search folder; `file` is where it is kept between runs. */
export function createRecordTexts({ file }: { file: string }) {
  // The texts of the pages now searchable, by URL (the strings the records hold: no copy).
  const current = new Map<string, { blob: string; text: string }>();
  // The same texts by blob (a text stays right for its blob: a page's old one lingers until the next full build).
  let byBlob = new Map<string, string>();
  // Texts read back from the file at start, by blob; dropped once the first build has taken them.
  let saved: Promise<Map<string, string>> | undefined;
  const counts: RecordTextCounts = { made: 0, reused: 0 };

  async function readSaved(): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    let data: Buffer;
    try {
      data = await readFile(file);
    } catch {
      return found; // none yet: every text is made
    }
    if (data.toString('utf8', 0, formatLine.length) !== formatLine) return found;
    for (let start = formatLine.length; start < data.length; ) {
      const end = data.indexOf(10, start);
      if (end < 0) break;
      let head: unknown;
      try {
        head = JSON.parse(data.toString('utf8', start, end));
      } catch {
        break; // cut short by a crash while written: what comes before stands
      }
      const [, blob, bytes] = Array.isArray(head) ? (head as unknown[]) : [];
      if (typeof blob !== 'string' || typeof bytes !== 'number' || end + 1 + bytes >= data.length || data[end + 1 + bytes] !== 10) break;
      found.set(blob, data.toString('utf8', end + 1, end + 1 + bytes));
      start = end + 2 + bytes;
    }
    return found;
  }

  return {
    /** A lookup of known texts by blob (the saved ones are read on first call). */
    async known(): Promise<(blob: string) => string | undefined> {
      const fromFile = await (saved ??= readSaved());
      return (blob) => byBlob.get(blob) ?? fromFile.get(blob);
    },
    /** Notes the text of `url`'s record, made now (`made`) or taken back. */
    remember(url: string, blob: string, text: string, made: boolean): void {
      current.set(url, { blob, text });
      byBlob.set(blob, text);
      counts[made ? 'made' : 'reused']++;
    },
    /** Keeps only the texts of these URLs (after a full build), and lets the file's copies go. */
    keepOnly(urls: ReadonlySet<string>): void {
      let dropped = false;
      for (const url of current.keys()) if (!urls.has(url)) dropped = current.delete(url);
      if (dropped) byBlob = new Map([...current.values()].map(({ blob, text }) => [blob, text]));
      saved = Promise.resolve(new Map());
    },
    /** Forgets the text of deleted pages. */
    forget(urls: Iterable<string>): void {
      for (const url of urls) current.delete(url);
    },
    /** How many texts were made and taken back. */
    counts: (): RecordTextCounts => ({ ...counts }),
    /** Writes the texts of the searchable pages (temp file, then rename). */
    async save(): Promise<void> {
      if (current.size === 0) return;
      let out = formatLine;
      for (const [url, { blob, text }] of current) out += `${JSON.stringify([url, blob, Buffer.byteLength(text)])}\n${text}\n`;
      await mkdir(dirname(file), { recursive: true });
      const temp = `${file}.tmp-${process.pid}`;
      await writeFile(temp, out);
      await rename(temp, file);
    },
  };
}

/** The texts of one search folder. */
export type RecordTexts = ReturnType<typeof createRecordTexts>;
