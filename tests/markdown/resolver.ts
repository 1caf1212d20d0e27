/** A small fixed wiki for the Markdown tests: a few pages and one attachment. */
import type { LinkResolver } from '../../server/markdown/render-markdown.ts';
import { foldText } from '../../server/wiki/paths.ts';

const pages: Record<string, { url: string; title: string }> = {
  'pole emploi': { url: '/wiki/ressources/france-travail', title: 'France Travail' },
  'france travail': { url: '/wiki/ressources/france-travail', title: 'France Travail' },
  'outil de visio': { url: '/wiki/outils/visio', title: 'Outil de visio' },
};

const files: Record<string, string> = {
  'outils/visio.md': '/wiki/outils/visio',
  'outils/visio': '/wiki/outils/visio',
  'ressources/france-travail.md': '/wiki/ressources/france-travail',
  'ressources/plan.pdf': '/fichiers/ressources/plan.pdf',
  'ressources/images/schema.png': '/fichiers/ressources/images/schema.png',
};

/** Resolver over the fixed wiki; titles compared without case and accents. */
export const testResolver: LinkResolver = {
  wikiLink: (title) => pages[foldText(title).trim()],
  repoPath: (path) => files[path],
};
