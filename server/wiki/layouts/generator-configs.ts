/**
 * The few settings the hub reads from other generators' configuration files: MkDocs's
 * `docs_dir`, Docusaurus's `_category_.json` and Docsify's `index.html`. Read as data only;
 * anything unreadable gives the generator's default.
 */
import type { CategoryInfo } from './site-layout.ts';
import { cleanFolder } from './gitbook.ts';
import { loadYamlMapping } from '../yaml.ts';

/** MkDocs's content folder: `docs_dir` of `mkdocs.yml`, `docs` by default. */
export function readMkdocsDocsDir(source: string | undefined): string {
  if (source === undefined) return 'docs';
  let written: unknown;
  try {
    written = loadYamlMapping(source, { what: 'mkdocs.yml' })['docs_dir'];
  } catch {
    // mkdocs.yml often holds `!!python/name:` tags the safe loader refuses: read the one line.
    written = /^docs_dir:\s*['"]?([^'"#\n]+?)['"]?\s*(?:#.*)?$/m.exec(source)?.[1];
  }
  return (typeof written === 'string' ? cleanFolder(written) : undefined) ?? 'docs';
}

/** `label` and `position` of a Docusaurus `_category_.json`; empty when unreadable. */
export function readCategory(source: string | undefined): CategoryInfo {
  if (source === undefined || source.length > 64 * 1024) return {};
  try {
    const data: unknown = JSON.parse(source);
    if (!data || typeof data !== 'object') return {};
    const { label, position } = data as Record<string, unknown>;
    return {
      label: typeof label === 'string' && label.trim() !== '' ? label.trim().slice(0, 200) : undefined,
      position: typeof position === 'number' && Number.isFinite(position) ? position : undefined,
    };
  } catch {
    return {};
  }
}

/** True when an `index.html` starts Docsify. */
export function isDocsifyPage(source: string | undefined): boolean {
  return source !== undefined && /\$docsify|docsify(?:@\d+)?(?:\/lib)?\/docsify/i.test(source.slice(0, 200_000));
}
