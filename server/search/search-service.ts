/** The whole search wired together: bundles, suggestions and the no-JavaScript search, fed by one indexer. */
import { createSearchIndexer, type SearchIndexer, type SearchIndexerOptions } from './indexer.ts';
import { createServerSearch, type ServerSearch } from './server-search.ts';
import { createSuggester, type Suggester, type SuggesterOptions } from './suggest.ts';

/** Options of `createSearchService`: the indexer's, plus the suggester's. */
export interface SearchServiceOptions extends Omit<SearchIndexerOptions, 'followers'> {
  /** Suggester tuning. */
  suggester?: SuggesterOptions;
}

/** The search of the hub. */
export interface SearchService {
  /** Feed it with `rebuildAll` at start and `update` after each change; everything below follows. */
  indexer: SearchIndexer;
  /** `suggest(query, audience)` → `{ suggestion }`, for `GET /api/suggest?q=`. */
  suggest: Suggester['suggest'];
  /** Server-rendered results for `GET /recherche?q=` without JavaScript. */
  searchServerSide: ServerSearch['searchServerSide'];
}

/** Creates the indexer with the suggester and the server-side search following its records. */
export function createSearchService(options: SearchServiceOptions): SearchService {
  const suggester = createSuggester(options.suggester);
  const serverSearch = createServerSearch();
  const { suggester: _ignored, ...indexerOptions } = options;
  const indexer = createSearchIndexer({ ...indexerOptions, followers: [suggester, serverSearch] });
  return { indexer, suggest: suggester.suggest, searchServerSide: serverSearch.searchServerSide };
}
