import type { Store } from './store/store';

/**
 * Values kept by key until the data store changes: for what is worked out from the store (and the
 * content, which does not change while a built server runs). A value worked out while the store
 * changed is not kept. In dev every call computes afresh.
 */
export function perDataChange<V>(): (store: Store, key: string, compute: () => Promise<V>) => Promise<V> {
  const kept = new Map<string, V>();
  let keptAt = -1;
  return async (store, key, compute) => {
    const generation = store.generation;
    if (generation !== keptAt) {
      kept.clear();
      keptAt = generation;
    }
    if (!import.meta.env.DEV && kept.has(key)) return kept.get(key)!;
    const value = await compute();
    if (store.generation === generation && keptAt === generation) kept.set(key, value);
    return value;
  };
}
