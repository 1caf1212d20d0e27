/**
 * Splits a page file into front matter and body, safely: YAML between `---` lines (read by the
 * guarded loader of `yaml.ts`; gray-matter would evaluate `---js` front matter as code) or TOML
 * between `+++` lines (Hugo, Zola), read by smol-toml, a parser of data only, size bounded alike.
 */
import matter from 'gray-matter';
import yaml from 'js-yaml';
import { parse as parseToml, TomlError } from 'smol-toml';
import { loadYamlMapping, MAX_YAML_BYTES, YamlError } from './yaml.ts';

/** Front matter larger than this is refused (a page's metadata is a few lines). */
export const MAX_FRONT_MATTER_BYTES = MAX_YAML_BYTES;

/** Thrown for front matter the hub refuses to read; the message is for a person. */
export class FrontMatterError extends Error {}

function refuseCode(): never {
  throw new FrontMatterError('front matter exécutable refusé : seul le YAML (entre deux lignes ---) est accepté');
}

function parseYaml(text: string): object {
  return loadYamlMapping(text, { what: 'front matter', maxBytes: MAX_FRONT_MATTER_BYTES });
}

const engines = {
  yaml: { parse: parseYaml, stringify: (o: object) => yaml.dump(o) },
  js: refuseCode,
  javascript: refuseCode,
  coffee: refuseCode,
  coffeescript: refuseCode,
  json: refuseCode,
  toml: refuseCode,
};

/** Result of splitting a page file. */
export interface SplitPage {
  /** Parsed front matter fields (empty when none or unreadable). */
  data: Record<string, unknown>;
  /** Markdown body. */
  body: string;
  /** Why the front matter could not be read, if it could not. */
  error: string | undefined;
}

// Inline tables and arrays nest at most this deep in a page's metadata.
const MAX_TOML_DEPTH = 20;

/** `+++` … `+++` at the very start: the TOML block and the body after it, or undefined. */
function tomlBlock(source: string): { text: string; body: string } | undefined {
  const open = /^\+\+\+[ \t]*\r?\n/.exec(source);
  if (!open) return undefined;
  const close = /\r?\n\+\+\+[ \t]*(?:\r?\n|$)/g;
  close.lastIndex = open[0].length - 1;
  const end = close.exec(source);
  if (!end) return undefined;
  return { text: source.slice(open[0].length, end.index), body: source.slice(end.index + end[0].length) };
}

/** Reads TOML front matter; the same size bound as YAML, no code, no prototype keys. */
function splitToml({ text, body }: { text: string; body: string }): SplitPage {
  if (text.length > MAX_FRONT_MATTER_BYTES || new TextEncoder().encode(text).length > MAX_FRONT_MATTER_BYTES) {
    return { data: {}, body, error: `front matter trop long (plus de ${MAX_FRONT_MATTER_BYTES / 1024} Kio)` };
  }
  try {
    const data = parseToml(text, { maxDepth: MAX_TOML_DEPTH, unsafeKeyBehaviour: 'drop' });
    return { data, body, error: undefined };
  } catch (error) {
    const line = error instanceof TomlError ? ` ligne ${error.line}` : '';
    return { data: {}, body, error: `TOML illisible${line} : vérifiez les guillemets et les « = » entre les lignes +++` };
  }
}

/** Splits `source` into front matter and body; never throws. */
export function splitFrontMatter(source: string): SplitPage {
  const toml = tomlBlock(source);
  if (toml) return splitToml(toml);
  try {
    // Passing options also disables gray-matter's unbounded cache keyed by file content.
    const parsed = matter(source, { engines: engines as never, language: 'yaml' });
    return { data: parsed.data, body: parsed.content, error: undefined };
  } catch (error) {
    const message = error instanceof FrontMatterError || error instanceof YamlError ? error.message : `YAML illisible : ${firstLine(error)}`;
    return { data: {}, body: stripFrontMatterBlock(source), error: message };
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}

function stripFrontMatterBlock(source: string): string {
  const m = /^---[^\n]*\n[\s\S]*?\n---[ \t]*(?:\n|$)/.exec(source);
  return m ? source.slice(m[0].length) : source;
}

/** Serialises front matter and body back into a page file. */
export function joinFrontMatter(data: Record<string, unknown>, body: string): string {
  const clean = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined));
  // Written the way people write front matter by hand (`tags: [a, b]`, `date: 2026-03-12`), so
  // the first web edit of a page does not show header changes nobody made.
  const text = yaml.dump(clean, { lineWidth: -1, flowLevel: 1 }).replace(/^(date: )'(\d{4}-\d{2}-\d{2})'$/m, '$1$2');
  const head = Object.keys(clean).length ? `---\n${text}---\n` : '';
  return head + (body.startsWith('\n') || !head ? body : `\n${body}`);
}
