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

/**
 * One value per store, kept until its data, the content served or `context` (the day, say) changes:
 * for a page's figures worked out from all of a store's data. Callers that come while it is worked out
 * share the work; a value that fails is not kept.
 */
export function perStore<V>(): (store: Store, context: string, compute: () => Promise<V>) => Promise<V> {
  const kept = new WeakMap<Store, { at: string; value: Promise<V> }>();
  return (store, context, compute) => {
    const at = `${store.generation}/${servedContentGeneration()}/${context}`;
    const found = kept.get(store);
    if (found?.at === at) return found.value;
    const value = compute();
    kept.set(store, { at, value });
    value.catch(() => {
      if (kept.get(store)?.value === value) kept.delete(store);
    });
    return value;
  };
}
