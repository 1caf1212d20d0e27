import { describe, expect, it } from 'vitest';
import { detectFileType } from '../../server/editing/file-types.ts';
import { sanitizeAttachmentName } from '../../server/editing/attachment-names.ts';

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'utf8')] : p)));

describe('detecting the type of an upload from its bytes', () => {
  it.each([
    ['a PDF', bytes('%PDF-1.4\n'), 'x', 'pdf'],
    ['a PNG', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]), 'pdf', 'png'],
    ['a JPEG', bytes([0xff, 0xd8, 0xff, 0xe0]), '', 'jpg'],
    ['a GIF', bytes('GIF89a...'), '', 'gif'],
    ['a WebP', bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '), '', 'webp'],
    ['an SVG with an XML prolog', bytes('\uFEFF<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'), 'txt', 'svg'],
    ['an SVG', bytes('  <svg viewBox="0 0 1 1"></svg>'), 'svg', 'svg'],
    ['plain text', bytes('Bonjour à tous\n'), 'exe', 'txt'],
    ['a CSV', bytes('nom;date\nA;1\n'), 'csv', 'csv'],
    ['an ODT', bytes('PK', [3, 4], 'x'.repeat(26), 'mimetypeapplication/vnd.oasis.opendocument.text'), 'odt', 'odt'],
    ['a DOCX', bytes('PK', [3, 4], '....[Content_Types].xml....word/document.xml'), 'docx', 'docx'],
  ])('recognises %s', (_, data, ext, expected) => {
    expect(detectFileType(data, ext)?.ext).toBe(expected);
  });

  it.each([
    ['a Windows executable', bytes('MZ', [0x90, 0, 3, 0]), 'pdf'],
    ['an ELF binary', bytes([0x7f], 'ELF', [2, 1, 1]), 'txt'],
    ['a zip named .docx without Office parts', bytes('PK', [3, 4], 'evil.js'), 'docx'],
    ['a zip named .zip', bytes('PK', [3, 4], '[Content_Types].xml word/'), 'zip'],
    ['an ODT claiming to be a spreadsheet', bytes('PK', [3, 4], 'x'.repeat(26), 'mimetypeapplication/vnd.oasis.opendocument.text'), 'ods'],
    ['binary junk', bytes([0, 1, 2, 3, 0xfe]), 'txt'],
    ['an empty file', bytes(), 'txt'],
  ])('refuses %s', (_, data, ext) => {
    expect(detectFileType(data, ext)).toBeUndefined();
  });
});

describe('naming an uploaded file', () => {
  it.each([
    ['Compte rendu (v2).PDF', 'pdf', 'compte-rendu-v2.pdf'],
    ['Photo été.jpeg', 'jpg', 'photo-ete.jpg'],
    ['script.exe', 'txt', 'script.txt'],
    ['日本.png', 'png', 'fichier.png'],
    ['notes.md', 'txt', 'notes.txt'],
  ])('%s becomes %s', (raw, ext, expected) => {
    expect(sanitizeAttachmentName(raw, ext)).toBe(expected);
  });

  it.each(['../../etc/passwd', '.git/config', '..', '.hidden.txt', 'a\\b.txt', 'x\0.txt', ''])('refuses %j', (raw) => {
    expect(() => sanitizeAttachmentName(raw, 'txt')).toThrow(expect.objectContaining({ code: 'InvalidSlug' }));
  });
});
