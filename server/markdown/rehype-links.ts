/**
 * Links between pages and to the outside: relative links and images are rewritten to page and
 * attachment URLs (fragment kept) or marked `broken-link` and reported; http(s) links get
 * `class="external"`, `rel="noopener noreferrer nofollow"` and a hidden French hint. Every link
 * is recorded in `file.data.links` in document order.
 */
import type { Element, ElementContent, Root } from 'hast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { pathToSlug, slugToUrl, type PagePath } from '../wiki/paths.ts';
import { classifyHref } from './link-targets.ts';

/** Text read by screen readers after an external link, ignored by the search index. */
function externalHint(): ElementContent {
  return {
    type: 'element',
    tagName: 'span',
    properties: { className: ['visually-hidden'], dataPagefindIgnore: true },
    children: [{ type: 'text', value: ' (lien externe)' }],
  };
}

/** Adds class names to an element, keeping the ones it has. */
function addClasses(node: Element, ...names: string[]): void {
  const current: unknown = node.properties['className'];
  const list = Array.isArray(current) ? current.map(String) : typeof current === 'string' ? current.split(/\s+/) : [];
  node.properties['className'] = [...list, ...names];
}

/** Rewrites one `a[href]` or `img[src]`; returns nothing, records into `file.data.links`. */
function rewrite(node: Element, attribute: 'href' | 'src', file: VFile): void {
  const links = (file.data.links ??= []);
  const wikiTarget = node.properties['dataWikiTarget'];
  if (typeof wikiTarget === 'string') {
    delete node.properties['dataWikiTarget'];
    const missing = String(node.properties['className']).includes('wikilink-missing');
    const unresolved = missing || file.data.resolver === undefined;
    links.push({ kind: 'wiki', target: wikiTarget, url: unresolved ? undefined : String(node.properties[attribute]) });
    return;
  }
  // `#tag` links lead to the tag's page: no link between pages, nothing to resolve.
  if (String(node.properties['className']).includes('tag-link')) return;
  const value = node.properties[attribute];
  if (typeof value !== 'string') return;
  const target = classifyHref(value, file.data.pagePath);
  if (target.kind === 'other') return;
  if (target.kind === 'external') {
    links.push({ kind: 'external', target: target.url, url: target.url });
    if (node.tagName !== 'a') return;
    addClasses(node, 'external');
    node.properties['rel'] = ['noopener', 'noreferrer', 'nofollow'];
    node.children.push(externalHint());
    return;
  }
  const resolver = file.data.resolver;
  const path = target.path;
  if (resolver === undefined) {
    // Preview without an index: guess the page URL, never call anything broken.
    if (path?.endsWith('.md')) node.properties[attribute] = slugToUrl(pathToSlug(path as PagePath)) + target.suffix;
    links.push({ kind: 'relative', target: path ?? target.written, url: undefined });
    return;
  }
  const destination = path === undefined ? { kind: 'missing' as const } : resolver.resolve({ kind: 'relative', target: path });
  if (destination.kind === 'site') {
    links.push({ kind: 'relative', target: path ?? target.written, url: target.written + target.suffix });
    return;
  }
  const url = destination.kind === 'missing' ? undefined : destination.url;
  links.push({ kind: 'relative', target: path ?? target.written, url });
  if (url !== undefined) {
    node.properties[attribute] = url + target.suffix;
    // A GitBook `content-ref` card names the page by its title, not by its file name.
    if (destination.kind === 'page' && String(node.properties['className']).includes('link-card')) node.children = [{ type: 'text', value: destination.title }];
    return;
  }
  addClasses(node, 'broken-link');
  node.properties['title'] = 'Lien cassé : la cible n’existe pas';
  file.message(
    `Lien cassé : « ${target.written} » ne correspond à aucune page ni pièce jointe${path === undefined ? ' (il sort du dépôt)' : ''}. Corrigez le chemin ou créez la page.`,
    node,
    'gare:broken-link',
  );
}

/** Rehype plugin: relative, external and wiki links. */
export default function rehypeLinks() {
  return (tree: Root, file: VFile): undefined => {
    file.data.links ??= [];
    visit(tree, 'element', (node) => {
      if (node.tagName === 'a') rewrite(node, 'href', file);
      else if (node.tagName === 'img') rewrite(node, 'src', file);
    });
  };
}
