// Memoisation, in the two lifetimes Salesbook has: values worked out from content, which cannot
// change while a built server runs (`perBuild`), and values worked out from the data store, which
// hold until the store changes (`perDataChange`, in src/server/memo.ts).

/**
 * Values kept by key for the life of the process: for what is worked out from content. In dev,
 * where content is edited live, every call computes afresh. A promise that fails is not kept, so
 * the next call tries again.
 */
export function perBuild<V>(): (key: string, compute: () => V) => V {
  const kept = new Map<string, V>();
  return (key, compute) => {
    if (import.meta.env.DEV) return compute();
    if (kept.has(key)) return kept.get(key)!;
    const value = compute();
    kept.set(key, value);
    if (value instanceof Promise) value.catch(() => kept.delete(key));
    return value;
  };
}
