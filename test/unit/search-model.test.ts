import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SearchFilters } from '../../src/domain/search-query';
import type { SearchHit } from '../../src/domain/search-results';
import { createSearchModel, type SearchEngine } from '../../src/islands/search/model';

const hit = (url: string): SearchHit => ({ url, title: url, excerpt: [], meta: {}, more: [], matched: 1 });

/** An engine that answers from a table, after `delay` ms, and remembers what it was asked. */
function fakeEngine(answers: Record<string, string[]>, delay = 10) {
  const calls: { query: string; filters: SearchFilters }[] = [];
  const engine: SearchEngine = {
    search: (query, filters) => {
      calls.push({ query, filters });
      const urls = filters.type.length > 0 ? [] : (answers[query] ?? []);
      return new Promise((done) => setTimeout(() => done(urls.map(hit)), delay));
    },
  };
  return { engine, calls };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('the search model', () => {
  it('searches once the typing pauses, for what is typed last', async () => {
    const { engine, calls } = fakeEngine({ возр: ['/scripts/objection/'] });
    const model = createSearchModel({ engine, recordGap: () => undefined });
    model.setQuery('в');
    model.setQuery('во');
    model.setQuery('возр');
    await vi.advanceTimersByTimeAsync(200);
    expect(calls.map((c) => c.query)).toEqual(['возр']);
    expect(model.hits.value.map((h) => h.url)).toEqual(['/scripts/objection/']);
    expect(model.busy.value).toBe(false);
  });

  it('never shows an older answer over a newer one', async () => {
    let slow = true;
    const engine: SearchEngine = {
      search: (query) => new Promise((done) => setTimeout(() => done([hit(`/${query}/`)]), slow ? 500 : 10)),
    };
    const model = createSearchModel({ engine, recordGap: () => undefined, debounceMs: 0 });
    model.setQuery('old');
    await vi.advanceTimersByTimeAsync(1);
    slow = false;
    model.setQuery('new');
    await vi.advanceTimersByTimeAsync(1000);
    expect(model.hits.value.map((h) => h.url)).toEqual(['/new/']);
  });

  it('goes back to idle when the box is emptied', async () => {
    const { engine } = fakeEngine({ премия: ['/docs/motivation/'] });
    const model = createSearchModel({ engine, recordGap: () => undefined });
    model.setQuery('премия');
    await vi.advanceTimersByTimeAsync(200);
    model.setQuery('  ');
    await vi.advanceTimersByTimeAsync(200);
    expect(model.outcome.value).toEqual({ kind: 'idle' });
  });

  it('records a query that found nothing once it has stood a moment, normalized, once', async () => {
    const recorded: string[] = [];
    const { engine } = fakeEngine({});
    const model = createSearchModel({ engine, recordGap: (q) => recorded.push(q) });
    model.setQuery('Тенде');
    await vi.advanceTimersByTimeAsync(500);
    model.setQuery('Тендер  ');
    await vi.advanceTimersByTimeAsync(1000);
    expect(recorded).toEqual([]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(recorded).toEqual(['тендер']);
    model.setQuery('тендер');
    await vi.advanceTimersByTimeAsync(5000);
    expect(recorded).toEqual(['тендер']);
  });

  it('records at once when the person presses Enter on a query that found nothing', async () => {
    const recorded: string[] = [];
    const model = createSearchModel({ engine: fakeEngine({}).engine, recordGap: (q) => recorded.push(q) });
    model.setQuery('кофемашина');
    await vi.advanceTimersByTimeAsync(200);
    model.commit();
    expect(recorded).toEqual(['кофемашина']);
    await vi.advanceTimersByTimeAsync(5000);
    expect(recorded).toEqual(['кофемашина']);
  });

  it('does not count a search narrowed by filters as a gap, and searches again without them', async () => {
    const recorded: string[] = [];
    const { engine, calls } = fakeEngine({ ночью: ['/docs/lead-handling/'] });
    const model = createSearchModel({ engine, recordGap: (q) => recorded.push(q), initial: { query: 'ночью', filters: { type: ['script'] } } });
    model.searchNow();
    await vi.advanceTimersByTimeAsync(5000);
    expect(model.outcome.value).toMatchObject({ kind: 'done', hits: [], filtered: true });
    model.commit();
    expect(recorded).toEqual([]);
    model.clearFilters();
    await vi.advanceTimersByTimeAsync(100);
    expect(calls.at(-1)).toEqual({ query: 'ночью', filters: { type: [] } });
    expect(model.hits.value.map((h) => h.url)).toEqual(['/docs/lead-handling/']);
  });

  it('says search failed when the engine cannot load, and recovers on the next search', async () => {
    let broken = true;
    const engine: SearchEngine = { search: async () => (broken ? Promise.reject(new Error('404')) : [hit('/x/')]) };
    const model = createSearchModel({ engine, recordGap: () => undefined });
    model.setQuery('скрипт');
    await vi.advanceTimersByTimeAsync(200);
    expect(model.outcome.value).toEqual({ kind: 'failed' });
    broken = false;
    model.setQuery('скрипты');
    await vi.advanceTimersByTimeAsync(200);
    expect(model.hits.value).toHaveLength(1);
  });
});

describe('more than a page of results', () => {
  const many = Array.from({ length: 23 }, (_, i) => `/docs/memo-${i + 1}/`);

  it('shows ten in the dialog, and ten more each time the person asks, until all are shown', async () => {
    const { engine } = fakeEngine({ памятка: many });
    const model = createSearchModel({ engine, recordGap: () => undefined });
    model.setQuery('памятка');
    await vi.advanceTimersByTimeAsync(200);
    expect(model.hits.value).toHaveLength(23);
    expect(model.visible.value.map((h) => h.url)).toEqual(many.slice(0, 10));
    model.showMore();
    model.showMore();
    expect(model.visible.value.map((h) => h.url)).toEqual(many);
    // A new search starts again from the first ten.
    model.setQuery('памятки');
    await vi.advanceTimersByTimeAsync(200);
    expect(model.visible.value).toHaveLength(0);
  });

  it('opens a link on its page, and goes back to the first page when the search changes', async () => {
    const { engine } = fakeEngine({ памятка: many, памятк: many });
    const model = createSearchModel({ engine, recordGap: () => undefined, initial: { query: 'памятка', filters: { type: [] }, page: 3 } });
    model.searchNow();
    await vi.advanceTimersByTimeAsync(50);
    expect(model.currentPage.value).toMatchObject({ page: 3, pages: 3, total: 23, first: 20 });
    model.goToPage(2);
    expect(model.currentPage.value.hits.map((h) => h.url)).toEqual(many.slice(10, 20));
    model.goToPage(9);
    expect(model.page.value).toBe(3);
    model.setQuery('памятк');
    await vi.advanceTimersByTimeAsync(200);
    expect(model.currentPage.value.page).toBe(1);
  });
});
