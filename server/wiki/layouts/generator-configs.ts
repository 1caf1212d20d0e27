/**
 * The few settings the hub reads from other generators' configuration files: MkDocs's
 * `docs_dir`, Docusaurus's `_category_.json` and Docsify's `index.html`. Read as data only;
 * anything unreadable gives the generator's default.
 */
import type { CategoryInfo } from './site-layout.ts';
import { cleanFolder } from './gitbook.ts';
import { loadYamlMapping } from '../yaml.ts';

/** What the hub reads of `mkdocs.yml`: the content folder and the `nav:` order. */
export interface MkdocsConfig {
  /** `docs_dir`, `docs` by default. */
  docsDir: string;
  /** Page paths of `nav:` in order, relative to `docsDir`. */
  nav: string[];
}

/** Paths of a MkDocs `nav:` (strings, `Titre: page.md`, nested lists), in order; links to other sites left out. */
function navPaths(nav: unknown, out: string[] = []): string[] {
  if (typeof nav === 'string') {
    if (!/^[a-z][a-z0-9+.-]*:/i.test(nav) && out.length < 20_000) out.push(nav.replace(/^\.\//, ''));
  } else if (Array.isArray(nav)) for (const item of nav) navPaths(item, out);
  else if (nav && typeof nav === 'object') for (const value of Object.values(nav)) navPaths(value, out);
  return out;
}

/** Reads `mkdocs.yml`; its `!!python/name:` tags (values the hub never needs) are dropped before the safe loader reads it. */
export function readMkdocsConfig(source: string | undefined): MkdocsConfig {
  if (source === undefined) return { docsDir: 'docs', nav: [] };
  let data: Record<string, unknown>;
  try {
    data = loadYamlMapping(source.replace(/!!python\/[^\s,}\]]+/g, ''), { what: 'mkdocs.yml' });
  } catch {
    data = { docs_dir: /^docs_dir:\s*['"]?([^'"#\n]+?)['"]?\s*(?:#.*)?$/m.exec(source)?.[1] };
  }
  const written = data['docs_dir'];
  return { docsDir: (typeof written === 'string' ? cleanFolder(written) : undefined) ?? 'docs', nav: navPaths(data['nav']) };
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
