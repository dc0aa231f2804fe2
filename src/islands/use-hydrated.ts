import { useEffect, useState } from 'preact/hooks';

/**
 * False in the server-rendered HTML and until the island runs in the browser: controls that need
 * the island stay disabled until then, so a click on a slow connection is never silently lost.
 */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}
