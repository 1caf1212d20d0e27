/** The whole search wired together: bundles, suggestions and the no-JavaScript search, fed by one indexer. */
import { createSearchIndexer, type SearchIndexer, type SearchIndexerOptions } from './indexer.ts';
import { createServerSearch, type ServerSearch, type ServerSearchQuery } from './server-search.ts';
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
  /** Server-rendered results for `GET /recherche?q=` without JavaScript, with a suggestion when they are few. */
  searchServerSide(query: ServerSearchQuery): ServerSearchAnswer;
}

/** Results of the server-side search plus « Vouliez-vous dire … ? ». */
export interface ServerSearchAnswer extends ReturnType<ServerSearch['searchServerSide']> {
  /** Corrected query, when results are few and a word looks misspelt. */
  suggestion: string | undefined;
}

/** Creates the indexer with the suggester and the server-side search following its records. */
export function createSearchService(options: SearchServiceOptions): SearchService {
  const suggester = createSuggester(options.suggester);
  const serverSearch = createServerSearch();
  const { suggester: _ignored, ...indexerOptions } = options;
  const indexer = createSearchIndexer({ ...indexerOptions, followers: [suggester, serverSearch] });
  return {
    indexer,
    suggest: suggester.suggest,
    searchServerSide(query) {
      const answer = serverSearch.searchServerSide(query);
      const few = answer.results.length < 3 && query.query.trim() !== '';
      return { ...answer, suggestion: few ? suggester.suggest(query.query, query.audience).suggestion : undefined };
    },
  };
}
