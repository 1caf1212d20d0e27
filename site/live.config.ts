import { defineLiveCollection } from 'astro:content';
import { pagesLoader } from './lib/pages-loader.ts';

/** Pages of the content repository, read live from the hub's in-memory index. */
const pages = defineLiveCollection({ loader: pagesLoader() });

export const collections = { pages };
