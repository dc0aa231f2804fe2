import { pagefindFilters } from '../../domain/search-query';
import { findHits, READ_RESULTS, type PagefindResultData, type TermResults } from '../../domain/search-results';
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
      return findHits(read, query);
    },
  };
}
