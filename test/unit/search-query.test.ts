import { describe, expect, it } from 'vitest';
import { hasFilters, pagefindFilters, parseSearchParams, searchParamsOf, type FilterChoices } from '../../src/domain/search-query';

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
