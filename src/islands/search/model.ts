import { computed, signal } from '@preact/signals';
import { isRecordableQuery, normalizeQuery } from '../../domain/search-gaps';
import { hasFilters, noFilters, resultsPage, RESULTS_PER_PAGE, type SearchFilters, type SearchRequest } from '../../domain/search-query';
import type { SearchHit } from '../../domain/search-results';

/** Whatever answers a query: Pagefind in the browser, a fake in tests. */
export interface SearchEngine {
  search(query: string, filters: SearchFilters): Promise<SearchHit[]>;
}

export type SearchOutcome =
  | { kind: 'idle' }
  | { kind: 'done'; query: string; hits: SearchHit[]; filtered: boolean }
  | { kind: 'failed' };

export interface SearchModelOptions {
  engine: SearchEngine;
  /** Told about a query that found nothing with no filters set, once per query. */
  recordGap: (query: string) => void;
  initial?: SearchRequest;
  /** Typing pause before searching. */
  debounceMs?: number;
  /** How long a query with no results must stand before it counts as a gap (not a word half-typed). */
  gapDelayMs?: number;
}

/** The search box's state and what can be done to it, apart from any view. */
export function createSearchModel({ engine, recordGap, initial, debounceMs = 150, gapDelayMs = 1500 }: SearchModelOptions) {
  const query = signal(initial?.query ?? '');
  const filters = signal<SearchFilters>(initial?.filters ?? noFilters());
  const outcome = signal<SearchOutcome>({ kind: 'idle' });
  const busy = signal(false);
  const filtered = computed(() => hasFilters(filters.value));
  const hits = computed(() => (outcome.value.kind === 'done' ? outcome.value.hits : []));
  /** The dialog: how many of the hits are shown; "show more" adds a page's worth. */
  const shown = signal(RESULTS_PER_PAGE);
  const visible = computed(() => hits.value.slice(0, shown.value));
  /** The search page: which page of the hits is shown. */
  const page = signal(initial?.page ?? 1);
  const currentPage = computed(() => resultsPage(hits.value, page.value));

  let searchTimer: ReturnType<typeof setTimeout> | undefined;
  let gapTimer: ReturnType<typeof setTimeout> | undefined;
  let latest = 0;
  const recorded = new Set<string>();

  function recordNow(text: string) {
    clearTimeout(gapTimer);
    const normalized = normalizeQuery(text);
    if (!isRecordableQuery(normalized) || recorded.has(normalized)) return;
    recorded.add(normalized);
    recordGap(normalized);
  }

  async function run() {
    const text = query.value.trim();
    const chosen = filters.value;
    const ticket = ++latest;
    if (!text) {
      busy.value = false;
      outcome.value = { kind: 'idle' };
      return;
    }
    busy.value = true;
    try {
      const found = await engine.search(text, chosen);
      if (ticket !== latest) return;
      const isFiltered = hasFilters(chosen);
      shown.value = RESULTS_PER_PAGE;
      outcome.value = { kind: 'done', query: text, hits: found, filtered: isFiltered };
      if (found.length === 0 && !isFiltered) gapTimer = setTimeout(() => recordNow(text), gapDelayMs);
    } catch {
      if (ticket === latest) outcome.value = { kind: 'failed' };
    } finally {
      if (ticket === latest) busy.value = false;
    }
  }

  function schedule(delay: number) {
    clearTimeout(searchTimer);
    clearTimeout(gapTimer);
    searchTimer = setTimeout(run, delay);
  }

  return {
    query,
    filters,
    outcome,
    busy,
    filtered,
    hits,
    visible,
    page,
    currentPage,
    /** Shows the next hits below those shown (the dialog). */
    showMore() {
      shown.value += RESULTS_PER_PAGE;
    },
    /** Shows another page of the hits (the search page). */
    goToPage(next: number) {
      page.value = resultsPage(hits.value, next).page;
    },
    setQuery(text: string) {
      query.value = text;
      page.value = 1;
      schedule(debounceMs);
    },
    setFilters(next: SearchFilters) {
      filters.value = next;
      page.value = 1;
      schedule(0);
    },
    clearFilters() {
      filters.value = noFilters();
      page.value = 1;
      schedule(0);
    },
    /** Searches at once for what is in the box: on opening a shared link. */
    searchNow() {
      schedule(0);
    },
    /** The person pressed Enter: a query that found nothing counts as a gap now. */
    commit() {
      const current = outcome.value;
      if (current.kind === 'done' && current.hits.length === 0 && !current.filtered && current.query === query.value.trim()) {
        recordNow(current.query);
      }
    },
    dispose() {
      clearTimeout(searchTimer);
      clearTimeout(gapTimer);
      latest++;
    },
  };
}

export type SearchModel = ReturnType<typeof createSearchModel>;
