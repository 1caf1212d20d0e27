/** Links and images of an imported Markdown body: found, resolved inside the upload, rewritten. Pure. */

// `[text](dest "title")` and `![alt](<dest>)`; the destination is group 2.
const linkPattern = /(!?\[[^\]\n]*\]\()(<[^>\n]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)((?:\s+"[^"\n]*")?\))/g;

/** A destination pointing into the upload: the path it names there and what follows (`#part`). */
export interface UploadTarget {
  /** Path inside the upload. */
  path: string;
  /** `#fragment` kept after rewriting, or ''. */
  fragment: string;
}

/** Resolves a destination written in `from` to a path inside the upload; undefined for URLs, anchors and paths that climb out. */
export function resolveInUpload(from: string, destination: string): UploadTarget | undefined {
  const raw = destination.replace(/^<|>$/g, '');
  if (raw === '' || raw.startsWith('#') || raw.startsWith('/') || /^[a-z][a-z0-9+.-]*:/i.test(raw)) return undefined;
  const hash = raw.indexOf('#');
  const fragment = hash >= 0 ? raw.slice(hash) : '';
  let target = (hash >= 0 ? raw.slice(0, hash) : raw).replace(/\?.*$/, '');
  try {
    target = decodeURIComponent(target);
  } catch {
    return undefined;
  }
  const parts = from.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(seg);
  }
  return parts.length > 0 ? { path: parts.join('/'), fragment } : undefined;
}

/** Every destination of a body that points into the upload. */
export function uploadTargets(from: string, body: string): UploadTarget[] {
  return [...body.matchAll(linkPattern)].map((m) => resolveInUpload(from, m[2] ?? '')).filter((t): t is UploadTarget => t !== undefined);
}

/** The body with each destination into the upload replaced by `urlOf(path)` (kept when it answers undefined). */
export function rewriteUploadLinks(from: string, body: string, urlOf: (path: string) => string | undefined): string {
  return body.replace(linkPattern, (whole, open: string, destination: string, close: string) => {
    const target = resolveInUpload(from, destination);
    const url = target ? urlOf(target.path) : undefined;
    return url === undefined || !target ? whole : `${open}${url}${target.fragment}${close}`;
  });
}

/**
 * URL of a stored attachment, as `attachmentUrl` (editing/attachments.ts) makes it: repeated here
 * because that module loads isomorphic-git, seconds of start-up for the import worker.
 */
export function fileUrl(file: string): string {
  return '/fichiers/' + file.split('/').map(encodeURIComponent).join('/');
}
