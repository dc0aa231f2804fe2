import { addSearchGap, isRecordableQuery, normalizeQuery, topSearchGaps } from '../../domain/search-gaps';
import type { StoredSearchGap } from '../store/data';
import type { Store } from '../store/store';
import type { AuditOf } from '../store/audit';
import * as clock from '../clock';

/** Counts one more search for `query` that found nothing. Returns the normalized query, or null when it is not worth keeping. */
export async function recordSearchGap(store: Store, query: string, now = clock.now(), audit?: AuditOf<void>): Promise<string | null> {
  const normalized = normalizeQuery(query);
  if (!isRecordableQuery(normalized)) return null;
  const at = now.toISOString();
  await store.mutate((data) => {
    data.searchGaps = addSearchGap(data.searchGaps, normalized, at);
  }, audit);
  return normalized;
}

/** The most frequent queries that found nothing. */
export async function searchGapReport(store: Store, limit = 100): Promise<StoredSearchGap[]> {
  return store.read((data) => topSearchGaps(data.searchGaps, limit));
}

/** Removes a gap from the list once the content answers it. Returns whether it was there. */
export async function dismissSearchGap(store: Store, query: string, audit?: AuditOf<boolean>): Promise<boolean> {
  const normalized = normalizeQuery(query);
  return store.mutate((data) => {
    const before = data.searchGaps.length;
    data.searchGaps = data.searchGaps.filter((g) => g.query !== normalized);
    return data.searchGaps.length < before;
  }, audit);
}
