/**
 * Obsidian embeds of files: `![[schema.png]]` and `![[schema.png|300]]` become the image, found
 * by file name anywhere in the repository (the resolver asks the index), and `![[guide.pdf]]` a
 * link to the file. A file that cannot be found is a missing link, reported like a missing page.
 * Embeds of pages (`![[Autre note]]`) are link cards, made by remark-wiki-links.
 */
import type { Image, Link, Text } from 'mdast';
import type { VFile } from 'vfile';
import type { LinkDestination } from './file-data.ts';
import type { WikiLinkToken } from './wiki-link-syntax.ts';

const fileExtension = /\.([a-z0-9]{1,8})$/i;
const imageExtensions = new Set(['png', 'jpg', 'jpeg', 'gif', 'webp', 'svg', 'avif', 'bmp']);

/** Extensions that name a file even when it cannot be found (`[[Node.js]]` or `[[Réunion 12.03]]` stay pages). */
const fileExtensions = new Set([...imageExtensions, 'pdf', 'txt', 'csv', 'odt', 'ods', 'odp', 'docx', 'xlsx', 'pptx', 'doc', 'xls', 'ppt', 'zip', 'mp3', 'mp4', 'webm', 'ogg', 'm4a', 'mov']);

/** True when a `[[…]]` names an attachment by its extension (`schema.png`, not `Note` nor `note.md`). */
export function isFileLike(token: WikiLinkToken): boolean {
  return fileExtensions.has(fileExtension.exec(token.title)?.[1]?.toLowerCase() ?? '');
}

/** The file name without folders and extension, as the image's text alternative. */
function altOf(name: string): string {
  return (name.split('/').pop() ?? name).replace(fileExtension, '').replace(/[-_]+/g, ' ').trim();
}

/**
 * The image (embed) or link for a file, `destination` being the resolver's answer (undefined in
 * the preview); `dataWikiTarget` lets rehype-links record it as a wiki link.
 */
export function makeFileEmbed(token: WikiLinkToken, text: Text, file: VFile, destination: LinkDestination | undefined): Image | Link {
  const isImage = imageExtensions.has(fileExtension.exec(token.title)?.[1]?.toLowerCase() ?? '');
  const width = /^\d{1,4}(?:x\d{1,4})?$/.test(token.label) ? token.label.split('x')[0] : undefined;
  const found = destination?.kind === 'file' ? destination.url : undefined;
  let node: Image | Link;
  if (found !== undefined && isImage && token.embed) {
    node = { type: 'image', url: found, alt: altOf(token.title), data: { hProperties: { dataWikiTarget: token.title, ...(width ? { width } : {}) } } };
  } else {
    // `site`: the resolver cannot tell (the editor lists no files): not called broken.
    const missing = destination?.kind === 'missing';
    const label = width === undefined ? token.label : token.title;
    node = {
      type: 'link',
      url: found ?? `/recherche?q=${encodeURIComponent(token.title)}`,
      children: [{ type: 'text', value: label }],
      data: {
        hProperties: {
          className: missing ? ['wikilink', 'wikilink-missing'] : ['wikilink'],
          dataWikiTarget: token.title,
          ...(missing ? { title: 'Fichier introuvable' } : {}),
        },
      },
    };
    if (missing) {
      file.message(
        `Fichier introuvable : « ${token.title} ». Ajoutez le fichier au dépôt ou corrigez son nom entre ![[ ]].`,
        text,
        'gare:broken-link',
      );
    }
  }
  if (text.position) node.position = text.position;
  return node;
}
