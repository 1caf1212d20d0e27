/**
 * Which uploaded files the hub accepts, decided from their first bytes (the browser's
 * Content-Type and the file name are not trusted). Pure.
 */

/** An accepted file type. */
export interface FileType {
  /** Extension the stored file gets (lower case, no dot). */
  ext: string;
  /** MIME type it is served with. */
  mime: string;
  /** Raster images are the only files shown inline. */
  inline: boolean;
}

const types: Record<string, FileType> = {
  pdf: { ext: 'pdf', mime: 'application/pdf', inline: false },
  png: { ext: 'png', mime: 'image/png', inline: true },
  jpg: { ext: 'jpg', mime: 'image/jpeg', inline: true },
  gif: { ext: 'gif', mime: 'image/gif', inline: true },
  webp: { ext: 'webp', mime: 'image/webp', inline: true },
  svg: { ext: 'svg', mime: 'image/svg+xml', inline: false },
  txt: { ext: 'txt', mime: 'text/plain; charset=utf-8', inline: false },
  csv: { ext: 'csv', mime: 'text/csv; charset=utf-8', inline: false },
  odt: { ext: 'odt', mime: 'application/vnd.oasis.opendocument.text', inline: false },
  ods: { ext: 'ods', mime: 'application/vnd.oasis.opendocument.spreadsheet', inline: false },
  odp: { ext: 'odp', mime: 'application/vnd.oasis.opendocument.presentation', inline: false },
  docx: { ext: 'docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', inline: false },
  xlsx: { ext: 'xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', inline: false },
  pptx: { ext: 'pptx', mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', inline: false },
};

/** Human list of accepted types, for error messages. */
export const acceptedTypesLabel = 'PDF, PNG, JPEG, GIF, WebP, SVG, texte (.txt, .csv), OpenDocument (.odt, .ods, .odp) ou Office (.docx, .xlsx, .pptx)';

/** The type served for a stored file's extension (unknown: a download of opaque bytes). */
export function typeOfExtension(ext: string): FileType {
  return types[ext.toLowerCase()] ?? { ext, mime: 'application/octet-stream', inline: false };
}

const startsWith = (bytes: Uint8Array, sig: readonly number[], at = 0): boolean => sig.every((b, i) => bytes[at + i] === b);
const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));
const latin1 = (bytes: Uint8Array, from: number, to: number): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1', from, to);

function asText(bytes: Uint8Array): string | undefined {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    // Control characters mean binary data, whatever the decoder accepted.
    return /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text) ? undefined : text;
  } catch {
    return undefined;
  }
}

const officeFolder: Record<string, string> = { docx: 'word/', xlsx: 'xl/', pptx: 'ppt/' };
const odfKind: Record<string, string> = { odt: 'text', ods: 'spreadsheet', odp: 'presentation' };

function zipType(bytes: Uint8Array, ext: string): FileType | undefined {
  const kind = odfKind[ext];
  // ODF packages start with an uncompressed `mimetype` entry naming their kind.
  if (kind) return latin1(bytes, 30, 120).startsWith(`mimetypeapplication/vnd.oasis.opendocument.${kind}`) ? types[ext] : undefined;
  const folder = officeFolder[ext];
  if (!folder) return undefined;
  const all = latin1(bytes, 0, bytes.length);
  return all.includes('[Content_Types].xml') && all.includes(folder) ? types[ext] : undefined;
}

/** The accepted type of these bytes, or undefined; `nameExt` (from the file name) only picks between look-alikes. */
export function detectFileType(bytes: Uint8Array, nameExt: string): FileType | undefined {
  const ext = nameExt.toLowerCase();
  if (bytes.length === 0) return undefined;
  if (startsWith(bytes, ascii('%PDF-'))) return types['pdf'];
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return types['png'];
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return types['jpg'];
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return types['gif'];
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return types['webp'];
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return zipType(bytes, ext);
  const text = asText(bytes);
  if (text === undefined) return undefined;
  const head = text.replace(/^\uFEFF/, '').trimStart().slice(0, 65536).toLowerCase();
  if ((head.startsWith('<svg') || head.startsWith('<?xml') || head.startsWith('<!doctype svg')) && /<svg[\s>]/.test(head)) return types['svg'];
  return ext === 'csv' ? types['csv'] : types['txt'];
}
