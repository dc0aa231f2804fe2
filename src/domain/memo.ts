// Memoisation, in the two lifetimes Salesbook has: values worked out from content, which hold until
// the portal starts serving other content (`perContent`), and values worked out from the data store,
// which hold until the store changes (`perDataChange`, in src/server/memo.ts).

let contentGeneration = 0;

/** Called by the content store when the portal starts serving other content: every `perContent` value is dropped. */
export function contentChanged(): void {
  contentGeneration += 1;
}

/** Which content is served: a number that changes whenever the portal starts serving other content. */
export function servedContentGeneration(): number {
  return contentGeneration;
}

/**
 * Values kept by key while the same content is served: for what is worked out from content. A
 * promise that fails is not kept, so the next call tries again.
 */
export function perContent<V>(): (key: string, compute: () => V) => V {
  let kept = new Map<string, V>();
  let generation = contentGeneration;
  return (key, compute) => {
    if (generation !== contentGeneration) {
      kept = new Map();
      generation = contentGeneration;
    }
    if (kept.has(key)) return kept.get(key)!;
    const value = compute();
    kept.set(key, value);
    if (value instanceof Promise) value.catch(() => kept.delete(key));
    return value;
  };
}
