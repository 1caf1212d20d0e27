/** A small fixed wiki for the Markdown tests: a few pages and attachments, through the one resolver. */
import type { LinkResolver } from '../../server/markdown/render-markdown.ts';
import { attachmentUrl, createLinkLookup, resolveLink } from '../../server/wiki/resolve-link.ts';
import { pathToSlug, slugToUrl, type PagePath } from '../../server/wiki/paths.ts';

const pages = [
  { path: 'ressources/france-travail.md', title: 'France Travail', aliases: ['Pôle Emploi'] },
  { path: 'outils/visio.md', title: 'Outil de visio' },
];
const lookup = createLinkLookup(pages);
/** Files of the fixed wiki that are not pages, found by name as Obsidian embeds are. */
const files = ['pieces/schema.png', 'ressources/guide.pdf'];

/** Resolver over the fixed wiki; titles compared without case and accents. */
export const testResolver: LinkResolver = {
  resolve(link) {
    const file = link.kind === 'wiki' ? files.find((f) => f.split('/').pop() === link.target) : undefined;
    if (file) return { kind: 'file', url: attachmentUrl(file) };
    const to = resolveLink({ from: 'ressources/visio.md', link }, lookup);
    if (to === 'site') return { kind: 'site' };
    if (to === 'file') return { kind: 'file', url: attachmentUrl(link.target) };
    const page = pages.find((p) => p.path === to);
    return page ? { kind: 'page', url: slugToUrl(pathToSlug(page.path as PagePath)), title: page.title } : { kind: 'missing' };
  },
};
