// Content gaps: what people searched for and did not find. Queries only, never who asked.

/** A query that found nothing, how often, first and last time (ISO). */
export interface SearchGap {
  query: string;
  count: number;
  firstAt: string;
  lastAt: string;
}

/** The longest query kept, in characters. */
export const MAX_GAP_QUERY = 100;
/** How many different queries are kept; the least asked and oldest go first. */
export const GAP_LIMIT = 500;

/**
 * A query as gaps are counted: trimmed, one space between words, lower case, ё as е, no control
 * characters, at most MAX_GAP_QUERY characters. "Скидка  " and "скидка" are the same gap.
 */
export function normalizeQuery(raw: string): string {
  return raw
    .replace(/[\p{Cc}\p{Cf}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()
    .replace(/ё/g, 'е')
    .slice(0, MAX_GAP_QUERY)
    .trim();
}

/** Whether a normalized query is worth recording: two characters or more, with a letter or a digit. */
export function isRecordableQuery(query: string): boolean {
  return query.length >= 2 && /[\p{L}\p{N}]/u.test(query);
}

/**
 * The gaps after one more search for `query` found nothing at `at`. Keeps at most `limit`
 * queries: when full, the one asked least often (and longest ago among those) makes room.
 */
export function addSearchGap(gaps: readonly SearchGap[], query: string, at: string, limit = GAP_LIMIT): SearchGap[] {
  const existing = gaps.find((g) => g.query === query);
  if (existing) return gaps.map((g) => (g === existing ? { ...g, count: g.count + 1, lastAt: at } : g));
  const kept = [...gaps];
  while (kept.length >= limit) {
    const weakest = kept.reduce((a, b) => (b.count < a.count || (b.count === a.count && b.lastAt < a.lastAt) ? b : a));
    kept.splice(kept.indexOf(weakest), 1);
  }
  return [...kept, { query, count: 1, firstAt: at, lastAt: at }];
}

/** The most frequent gaps first; among equals, the most recent first. */
export function topSearchGaps(gaps: readonly SearchGap[], limit = 100): SearchGap[] {
  return [...gaps]
    .sort((a, b) => b.count - a.count || b.lastAt.localeCompare(a.lastAt) || a.query.localeCompare(b.query))
    .slice(0, limit);
}
