import { describe, expect, it } from 'vitest';
import { addSearchGap, isRecordableQuery, MAX_GAP_QUERY, normalizeQuery, topSearchGaps, type SearchGap } from '../../src/domain/search-gaps';

describe('queries as gaps are counted', () => {
  it('are trimmed, lower-cased, with ё as е and single spaces', () => {
    expect(normalizeQuery('  Расчёт   ПРЕМИИ \n')).toBe('расчет премии');
    expect(normalizeQuery('скидка\u0000\u200bклиенту')).toBe('скидка клиенту');
  });

  it('are cut to a sane length', () => {
    expect(normalizeQuery('а'.repeat(300))).toHaveLength(MAX_GAP_QUERY);
  });

  it('are recorded only with two characters or more and a letter or digit', () => {
    expect(isRecordableQuery('ок')).toBe(true);
    expect(isRecordableQuery('a')).toBe(false);
    expect(isRecordableQuery('?!')).toBe(false);
    expect(isRecordableQuery('')).toBe(false);
  });
});

describe('the list of gaps', () => {
  const gap = (query: string, count: number, lastAt: string): SearchGap => ({ query, count, firstAt: '2027-01-01T00:00:00.000Z', lastAt });

  it('counts a repeated query once, with the latest time', () => {
    const once = addSearchGap([], 'тендер', '2027-01-02T10:00:00.000Z');
    const twice = addSearchGap(once, 'тендер', '2027-01-03T10:00:00.000Z');
    expect(twice).toEqual([{ query: 'тендер', count: 2, firstAt: '2027-01-02T10:00:00.000Z', lastAt: '2027-01-03T10:00:00.000Z' }]);
    expect(once[0]!.count).toBe(1);
  });

  it('makes room by dropping the least asked, oldest query when full', () => {
    const full = [gap('a', 3, '2027-01-01T00:00:00.000Z'), gap('b', 1, '2027-01-05T00:00:00.000Z'), gap('c', 1, '2027-01-02T00:00:00.000Z')];
    expect(addSearchGap(full, 'd', '2027-01-06T00:00:00.000Z', 3).map((g) => g.query)).toEqual(['a', 'b', 'd']);
  });

  it('shows the most frequent first, then the most recent', () => {
    const gaps = [gap('редкий', 1, '2027-01-09T00:00:00.000Z'), gap('частый', 5, '2027-01-01T00:00:00.000Z'), gap('свежий', 1, '2027-01-10T00:00:00.000Z')];
    expect(topSearchGaps(gaps).map((g) => g.query)).toEqual(['частый', 'свежий', 'редкий']);
    expect(topSearchGaps(gaps, 1).map((g) => g.query)).toEqual(['частый']);
  });
});
