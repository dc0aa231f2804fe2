import { servedContentGeneration } from '../domain/memo';
import type { Store } from './store/store';

/**
 * Values kept by key until the data store or the served content changes: for what is worked out from
 * the store and the content. A value worked out while either changed is not kept.
 */
export function perDataChange<V>(): (store: Store, key: string, compute: () => Promise<V>) => Promise<V> {
  const kept = new Map<string, V>();
  let keptAt = '';
  return async (store, key, compute) => {
    const generation = `${store.generation}/${servedContentGeneration()}`;
    if (generation !== keptAt) {
      kept.clear();
      keptAt = generation;
    }
    if (kept.has(key)) return kept.get(key)!;
    const value = await compute();
    if (`${store.generation}/${servedContentGeneration()}` === generation && keptAt === generation) kept.set(key, value);
    return value;
  };
}
