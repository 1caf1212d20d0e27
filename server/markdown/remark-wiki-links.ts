/**
 * `[[Titre]]`, `[[Titre|texte affiché]]` and `[[Titre#Section]]` links; Obsidian embeds
 * `![[Autre note]]` are link cards, `![[image.png]]` images (remark-obsidian-embeds.ts). Text
 * inside code, inline code and existing links is left alone. A missing page links to its creation form and is reported
 * (`gare:broken-link`); without a resolver (editor preview) links point to the search page.
 */
import type { Link, Parent, Root, Text } from 'mdast';
import type { VFile } from 'vfile';
import { slugify } from '../wiki/paths.ts';
import type { LinkDestination } from './file-data.ts';
import { isFileLike, makeFileEmbed } from './remark-obsidian-embeds.ts';
import { findWikiLinks, type WikiLinkToken } from './wiki-link-syntax.ts';

/** URL of the page creation form, pre-filled with the missing title. */
export function newPageUrl(title: string): string {
  return `/nouvelle-page?titre=${encodeURIComponent(title)}`;
}

/** URL used when no resolver is given: a search for the title. */
function searchUrl(title: string): string {
  return `/recherche?q=${encodeURIComponent(title)}`;
}

/** `#section` of a heading written after `#`, as rehype-heading-ids makes it. */
function anchorOf(token: WikiLinkToken): string {
  return token.fragment === undefined ? '' : `#${slugify(token.fragment, 80)}`;
}

/** A link to a heading of the page itself (`[[#Section]]`): nothing to resolve. */
function makeAnchor(token: WikiLinkToken, text: Text): Link {
  const link: Link = { type: 'link', url: anchorOf(token), children: [{ type: 'text', value: token.label }] };
  if (text.position) link.position = text.position;
  return link;
}

/** Builds the link node for one token; resolution happens here, reporting too. */
function makeLink(token: WikiLinkToken, text: Text, file: VFile, destination: LinkDestination | undefined): Link {
  if (token.title === '') return makeAnchor(token, text);
  const found = destination?.kind === 'page' ? destination : undefined;
  const missing = destination !== undefined && found === undefined;
  const link: Link = {
    type: 'link',
    url: found ? found.url + anchorOf(token) : missing ? newPageUrl(token.title) : searchUrl(token.title),
    children: [{ type: 'text', value: token.label }],
    data: {
      hProperties: {
        // An embedded page (`![[Autre note]]`) shows as a card leading to it.
        className: ['wikilink', ...(missing ? ['wikilink-missing'] : []), ...(token.embed ? ['link-card'] : [])],
        dataWikiTarget: token.title,
        ...(missing ? { title: 'Page à créer' } : found && found.title !== token.label ? { title: found.title } : {}),
      },
    },
  };
  if (text.position) link.position = text.position;
  if (missing) {
    file.message(
      `Lien vers une page qui n’existe pas : « ${token.title} ». Créez la page ou corrigez le titre entre [[ ]].`,
      text,
      'gare:broken-link',
    );
  }
  return link;
}

/** Replaces the children of `parent` that contain wiki links; recurses except into code and links. */
function walk(parent: Parent, file: VFile): void {
  const children: Parent['children'] = [];
  for (const child of parent.children) {
    if (child.type === 'text') {
      const tokens = findWikiLinks(child.value);
      let at = 0;
      for (const token of tokens) {
        if (token.start > at) children.push({ type: 'text', value: child.value.slice(at, token.start) });
        const destination = token.title === '' ? undefined : file.data.resolver?.resolve({ kind: 'wiki', target: token.title });
        // `[[rapport.pdf]]` names a file, unless a page has that title (`[[Version 2.0]]`).
        const isFile = destination?.kind === 'file' || (isFileLike(token) && destination?.kind !== 'page');
        children.push(isFile ? makeFileEmbed(token, child, file, destination) : makeLink(token, child, file, destination));
        at = token.end;
      }
      if (tokens.length === 0) children.push(child);
      else if (at < child.value.length) children.push({ type: 'text', value: child.value.slice(at) });
      continue;
    }
    if ('children' in child && child.type !== 'link' && child.type !== 'linkReference') walk(child, file);
    children.push(child);
  }
  parent.children = children;
}

/** Remark plugin: wiki links. */
export default function remarkWikiLinks() {
  return (tree: Root, file: VFile): undefined => {
    walk(tree, file);
  };
}
