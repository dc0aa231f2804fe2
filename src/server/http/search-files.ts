import { createHash } from 'node:crypto';
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { searchIndexes, type SearchIndexName } from '../../domain/search-pages';

// The Pagefind bundles live beside the build's client and server folders, one folder per content
// served (dist/search/<content folder>/<content digest>/<index>/), never in the public folder, and
// go out only through the signed-in route /pagefind/<index>/….

/** The URL folder of a person's index, for the search island. */
export const searchBundleUrl = (index: SearchIndexName) => `/pagefind/${index}/`;

const shortHash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

/** The folder that holds every index built from one content folder. */
export function searchIndexesOf(distDir: string, contentRoot: string): string {
  return join(distDir, 'search', shortHash(resolve(contentRoot)));
}

/**
 * The folder of the indexes of one content (by its digest) in one interface language: pages are
 * rendered in it, so SALESBOOK_LOCALE is part of what the index holds.
 */
export function searchIndexFolder(distDir: string, contentRoot: string, contentDigest: string): string {
  return join(searchIndexesOf(distDir, contentRoot), shortHash(`${contentDigest}/${process.env.SALESBOOK_LOCALE ?? ''}`));
}

/** The folders of complete indexes built from one content folder, newest first. */
export function completeSearchIndexes(distDir: string, contentRoot: string): string[] {
  const parent = searchIndexesOf(distDir, contentRoot);
  if (!existsSync(parent)) return [];
  return readdirSync(parent)
    .filter((name) => !name.includes('.'))
    .map((name) => join(parent, name))
    .filter(isSearchIndexComplete)
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
}

/** Whether `folder` holds both indexes, completely written. */
export function isSearchIndexComplete(folder: string): boolean {
  return searchIndexes.every((name) => existsSync(join(folder, name, 'pagefind-entry.json')));
}

// The folder searches are answered from, set by src/server/search-indexing.ts; SALESBOOK_SEARCH_DIR overrides it.
const CURRENT = Symbol.for('salesbook.search.folder');
const holder = globalThis as { [CURRENT]?: string };

export function useSearchFolder(folder: string): void {
  holder[CURRENT] = folder;
}

/** The folder that holds the indexes being served: SALESBOOK_SEARCH_DIR, or the one of the content served. */
export function searchRoot(): string | undefined {
  if (process.env.SALESBOOK_SEARCH_DIR) return resolve(process.env.SALESBOOK_SEARCH_DIR);
  return holder[CURRENT];
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
  if (!root) return undefined;
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
