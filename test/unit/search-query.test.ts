import { describe, expect, it } from 'vitest';
import { hasFilters, pagefindFilters, parseSearchParams, resultsPage, searchParamsOf, type FilterChoices } from '../../src/domain/search-query';

const choices: FilterChoices = { kinds: ['regulation', 'statute'], roles: ['manager', 'trainee'], statuses: false };

describe('a search link', () => {
  it('reads the query and the filters', () => {
    const request = parseSearchParams(new URLSearchParams('q=скидка&type=doc&type=script&kind=regulation&audience=manager'), choices);
    expect(request).toEqual({ query: 'скидка', filters: { type: ['doc', 'script'], kind: 'regulation', audience: 'manager' } });
  });

  it('ignores values it does not know, and the status filter unless it exists', () => {
    const request = parseSearchParams(new URLSearchParams('q=x&type=spreadsheet&kind=memo&audience=ceo&status=draft'), choices);
    expect(request.filters).toEqual({ type: [] });
    expect(hasFilters(request.filters)).toBe(false);
    expect(parseSearchParams(new URLSearchParams('status=draft'), { ...choices, statuses: true }).filters.status).toBe('draft');
  });

  it('caps a very long query', () => {
    expect(parseSearchParams(new URLSearchParams({ q: 'я'.repeat(1000) }), choices).query).toHaveLength(200);
  });

  it('is written back in a fixed order, empty parts left out', () => {
    expect(searchParamsOf({ query: ' премия ', filters: { type: ['lesson'], audience: 'trainee' } }).toString()).toBe(
      'q=%D0%BF%D1%80%D0%B5%D0%BC%D0%B8%D1%8F&type=lesson&audience=trainee',
    );
    expect(searchParamsOf({ query: '', filters: { type: [] } }).toString()).toBe('');
  });
});

describe('filters for Pagefind', () => {
  it('are only the ones set; a list means any of them', () => {
    expect(pagefindFilters({ type: [] })).toEqual({});
    expect(pagefindFilters({ type: ['doc', 'lesson'], kind: 'statute', status: 'draft' })).toEqual({ type: ['doc', 'lesson'], kind: 'statute', status: 'draft' });
  });
});

describe('pages of results', () => {
  it('keep the page in the link with the query and filters, and leave out the first page', () => {
    const request = parseSearchParams(new URLSearchParams('q=памятка&type=doc&kind=regulation&page=2'), choices);
    expect(request).toEqual({ query: 'памятка', filters: { type: ['doc'], kind: 'regulation' }, page: 2 });
    expect(searchParamsOf(request).toString()).toBe('q=%D0%BF%D0%B0%D0%BC%D1%8F%D1%82%D0%BA%D0%B0&type=doc&kind=regulation&page=2');
    expect(searchParamsOf({ ...request, page: 1 }).has('page')).toBe(false);
  });

  it('read a page that is not a whole number above 1 as the first', () => {
    for (const page of ['0', '-3', '1.5', 'two', '', '99999999999999999999']) {
      expect(parseSearchParams(new URLSearchParams({ q: 'x', page }), choices).page, page).toBeUndefined();
    }
  });

  it('cut the hits into tens, and show the last page for a page past it', () => {
    const hits = Array.from({ length: 23 }, (_, i) => i + 1);
    expect(resultsPage(hits)).toEqual({ hits: hits.slice(0, 10), page: 1, pages: 3, total: 23, first: 0 });
    expect(resultsPage(hits, 3)).toEqual({ hits: [21, 22, 23], page: 3, pages: 3, total: 23, first: 20 });
    expect(resultsPage(hits, 40).page).toBe(3);
    expect(resultsPage([], 2)).toEqual({ hits: [], page: 1, pages: 1, total: 0, first: 0 });
  });
});
