import { pagefindFilters } from '../../domain/search-query';
import {
  byTermsMatched,
  combineTermHits,
  queryTerms,
  significantTerms,
  toHit,
  type PagefindResultData,
  type SearchHit,
  type TermResults,
} from '../../domain/search-results';
import type { SearchEngine } from './model';

/** The part of Pagefind's browser API that search uses. */
interface Pagefind {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  search(
    term: string,
    options: { filters: Record<string, string | string[]> },
  ): Promise<{ results: { score: number; data(): Promise<PagefindResultData> }[] } | null>;
}

/** Pagefind returns a ranked list; reading a result's data costs a request, so look at the top only. */
const READ_RESULTS = 20;
const SHOW_RESULTS = 10;

/**
 * Search through the Pagefind bundle at `bundleUrl` (the signed-in route /pagefind/<index>/).
 * Pagefind loads on first use; a failed load is retried on the next search.
 */
export function pagefindEngine(bundleUrl: string): SearchEngine & { preload(): void } {
  let loading: Promise<Pagefind> | undefined;
  const load = () => {
    loading ??= (async () => {
      const pagefind = (await import(/* @vite-ignore */ `${bundleUrl}pagefind.js`)) as Pagefind;
      // Result URLs are the site's own paths; the bundle's folder is not part of them.
      await pagefind.options({ baseUrl: '/', excerptLength: 24 });
      await pagefind.init();
      return pagefind;
    })().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
  return {
    preload() {
      load().catch(() => undefined);
    },
    async search(query, filters) {
      const pagefind = await load();
      const read = async (term: string): Promise<TermResults> => {
        const response = await pagefind.search(term, { filters: pagefindFilters(filters) });
        const top = response?.results.slice(0, READ_RESULTS) ?? [];
        return { term, results: await Promise.all(top.map(async (result) => ({ score: result.score, data: await result.data() }))) };
      };
      const words = queryTerms(query);
      const terms = [...new Set(significantTerms(words))];
      const whole = byTermsMatched(
        (await read(query)).results.map(({ data }) => toHit(data, query)).filter((hit): hit is SearchHit => hit !== undefined),
      );
      if (whole[0]?.matched === terms.length || words.length < 2) return whole.slice(0, SHOW_RESULTS);
      // No page has every word that matters: try them one by one (see combineTermHits). One after
      // another: Pagefind loads index chunks lazily, and parallel first searches can miss them.
      const perTerm: TermResults[] = [];
      for (const term of terms) perTerm.push(await read(term));
      const combined = combineTermHits(perTerm);
      return (combined.length > 0 ? combined : whole).slice(0, SHOW_RESULTS);
    },
  };
}
