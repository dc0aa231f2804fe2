import { existsSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SearchIndexName } from '../../domain/search-pages';

// The Pagefind bundles live beside the build's client and server folders (dist/search/<index>/),
// never in the public folder, and go out only through the signed-in route /pagefind/<index>/….


/** The URL folder of a person's index, for the search island. */
export const searchBundleUrl = (index: SearchIndexName) => `/pagefind/${index}/`;

/**
 * The folder that holds the indexes: SALESBOOK_SEARCH_DIR; or, in a built server, `search/` beside
 * the server folder that holds this code's entry.mjs; or `<SALESBOOK_DIST or dist>/search` (dev).
 */
export function searchRoot(): string {
  if (process.env.SALESBOOK_SEARCH_DIR) return resolve(process.env.SALESBOOK_SEARCH_DIR);
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'entry.mjs'))) return resolve(dir, '..', 'search');
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return resolve(process.env.SALESBOOK_DIST || 'dist', 'search');
}

// Only the files the Pagefind search script loads: no UI bundles, no playground, no folders.
const BUNDLE_FILES: [RegExp, string][] = [
  [/^pagefind(-worker|-highlight)?\.js$/, 'text/javascript; charset=utf-8'],
  [/^pagefind-entry\.json$/, 'application/json; charset=utf-8'],
  [/^pagefind\.[a-z0-9_-]+\.pf_meta$/i, 'application/octet-stream'],
  // Pagefind gzips its WebAssembly and unpacks it itself.
  [/^wasm\.[a-z0-9_-]+\.pagefind$/i, 'application/octet-stream'],
  [/^(fragment\/[a-z0-9_-]+\.pf_fragment|index\/[a-z0-9_-]+\.pf_index|filter\/[a-z0-9_-]+\.pf_filter)$/i, 'application/octet-stream'],
];

/** A bundle file that may be served: its path on disk, type, size and modification time. */
export interface BundleFile {
  path: string;
  contentType: string;
  size: number;
  mtimeMs: number;
}

/**
 * The file for `/pagefind/<index>/<name>`, or undefined. Only names the bundle has are accepted,
 * and the resolved real path must stay inside the index's folder, so "..", encoded slashes and
 * symbolic links cannot reach anything else.
 */
export function bundleFile(index: SearchIndexName, name: string, root = searchRoot()): BundleFile | undefined {
  const type = BUNDLE_FILES.find(([pattern]) => pattern.test(name))?.[1];
  if (!type) return undefined;
  const folder = resolve(root, index);
  const candidate = resolve(folder, name);
  if (!candidate.startsWith(folder + sep)) return undefined;
  try {
    const real = realpathSync(candidate);
    if (!real.startsWith(realpathSync(folder) + sep)) return undefined;
    const stat = statSync(real);
    if (!stat.isFile()) return undefined;
    return { path: real, contentType: type, size: stat.size, mtimeMs: stat.mtimeMs };
  } catch {
    return undefined;
  }
}
