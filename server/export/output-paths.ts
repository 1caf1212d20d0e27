/** Where an exported address is written, so any static host serves it at the same address. */
import path from 'node:path';

/** Path prefixes of pages that need the server (sign-in, editing, pads, API): never exported. */
export const serverOnlyPrefixes = [
  '/api', '/yjs', '/connexion', '/deconnexion', '/bienvenue', '/invitation', '/reinitialiser', '/admin',
  '/modifier', '/nouvelle-page', '/historique', '/comparer', '/version', '/pads', '/a-corriger', '/pagefind',
  // One's own account, notifications and personal calendar: they need a session or a secret.
  '/compte', '/notifications', '/calendrier',
  // Attachments are copied from the repository, one by one through the visitor's gate.
  '/fichiers',
];

/** True when a crawled address belongs in the export (no query string, no server-only page). */
export function isExportable(pathWithQuery: string): boolean {
  if (pathWithQuery.includes('?')) return false;
  return !serverOnlyPrefixes.some((prefix) => pathWithQuery === prefix || pathWithQuery.startsWith(`${prefix}/`));
}

/** Decoded path segments of a URL path; undefined when one could climb out of the export. */
export function safeSegments(pathname: string): string[] | undefined {
  const segments: string[] = [];
  for (const raw of pathname.split('/')) {
    if (raw === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
    if (segment === '.' || segment === '..' || /[/\\\0]/.test(segment)) return undefined;
    segments.push(segment);
  }
  return segments;
}

/** File of an address in the export: `<path>/index.html` for a page, the path itself for a file. */
export function outputFile(outDir: string, pathname: string, isHtml: boolean): string | undefined {
  const segments = safeSegments(pathname);
  if (!segments) return undefined;
  const last = segments.at(-1) ?? '';
  if (isHtml && !/\.html?$/i.test(last)) return path.join(outDir, ...segments, 'index.html');
  return segments.length > 0 ? path.join(outDir, ...segments) : undefined;
}
