/**
 * The one way the hub reads YAML that people write (page front matter, `_gare/*.yml`): bounded
 * size, bounded alias expansion, js-yaml's default schema (plain data and dates, no custom or
 * executable tags), and errors a person can act on, in French. No `node:` import: the browser
 * editor reads front matter with it too.
 */
import yaml from 'js-yaml';

/** YAML larger than this is refused (front matter and settings files are a few lines). */
export const MAX_YAML_BYTES = 64 * 1024;
/** Maximum number of YAML values once aliases are expanded (an alias bomb expands to billions). */
export const MAX_YAML_NODES = 10_000;

/** Why a YAML text was refused. */
export type YamlErrorCode = 'yaml-too-large' | 'yaml-too-complex' | 'yaml-syntax' | 'yaml-not-mapping';

/** Thrown for YAML the hub refuses to read; the message is for a person, the code for programs. */
export class YamlError extends Error {
  /** Stable reason, for tests and callers. */
  readonly code: YamlErrorCode;

  constructor(code: YamlErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'YamlError';
    this.code = code;
  }
}

/** Options of `loadYaml`. */
export interface LoadYamlOptions {
  /** What is read, named for a person (`front matter`, `_gare/tags.yml`): starts every message. */
  what: string;
  /** Size limit in bytes (UTF-8); defaults to MAX_YAML_BYTES. */
  maxBytes?: number;
}

function utf8Length(text: string): number {
  // Every UTF-16 unit is at most 3 UTF-8 bytes: most texts are decided without encoding them.
  return text.length * 3 <= MAX_YAML_BYTES ? text.length : new TextEncoder().encode(text).length;
}

function kibibytes(bytes: number): string {
  return bytes % 1024 === 0 ? `${bytes / 1024} Kio` : `${bytes} octets`;
}

function countNodes(value: unknown, budget: { left: number }, what: string): void {
  if (--budget.left < 0) throw new YamlError('yaml-too-complex', `${what} trop complexe (alias YAML en cascade ?)`);
  if (Array.isArray(value)) for (const v of value) countNodes(v, budget, what);
  else if (value && typeof value === 'object' && !(value instanceof Date) && !ArrayBuffer.isView(value)) {
    for (const v of Object.values(value)) countNodes(v, budget, what);
  }
}

function syntaxError(error: unknown, what: string): YamlError {
  if (error instanceof yaml.YAMLException) {
    const line = error.mark ? ` ligne ${error.mark.line + 1}` : '';
    return new YamlError('yaml-syntax', `${what} : YAML illisible${line} (${error.reason})`, { cause: error });
  }
  const first = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
  return new YamlError('yaml-syntax', `${what} : YAML illisible (${first})`, { cause: error });
}

/** Parses `text`; throws YamlError when it is too large, too complex (alias bomb) or not YAML. */
export function loadYaml(text: string, { what, maxBytes = MAX_YAML_BYTES }: LoadYamlOptions): unknown {
  if (text.length > maxBytes || utf8Length(text) > maxBytes) {
    throw new YamlError('yaml-too-large', `${what} trop long (plus de ${kibibytes(maxBytes)})`);
  }
  let data: unknown;
  try {
    data = yaml.load(text, { schema: yaml.DEFAULT_SCHEMA, json: false });
  } catch (error) {
    throw syntaxError(error, what);
  }
  // js-yaml shares aliased values instead of copying them, so loading is cheap; walking the
  // result is what an alias bomb makes explode: the walk stops at the budget.
  countNodes(data, { left: MAX_YAML_NODES }, what);
  return data;
}

/** Parses `text` as a list of `name: value` fields; an empty text gives `{}`. Throws YamlError. */
export function loadYamlMapping(text: string, options: LoadYamlOptions): Record<string, unknown> {
  const data = loadYaml(text, options);
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data) || data instanceof Date) {
    throw new YamlError('yaml-not-mapping', `${options.what} doit être une liste de champs « nom: valeur »`);
  }
  return data as Record<string, unknown>;
}
