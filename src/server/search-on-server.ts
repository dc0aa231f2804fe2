import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SearchIndexName } from '../domain/search-pages';
import { pagefindFilters, type SearchFilters } from '../domain/search-query';
import { findHits, READ_RESULTS, type SearchHit, type TermResults } from '../domain/search-results';
import { searchRoot } from './http/search-files';

// The search page answers without JavaScript too: the server runs the very Pagefind script the
// browser loads, on the same index files, and turns its results into hits with the same rules
// (findHits). Pagefind's script reads its files with the global `fetch`, so it runs in a worker
// thread whose own `fetch` reads the index folder from disk; the server's `fetch` is left alone.

/** Longest a search may take before the page says search is unavailable. */
const SEARCH_TIMEOUT_MS = 10_000;

// CommonJS, evaluated by the worker: no file to bundle into the build.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { readFile } = require('node:fs/promises');
const { pathToFileURL, fileURLToPath } = require('node:url');
const base = pathToFileURL(workerData.folder.endsWith('/') ? workerData.folder : workerData.folder + '/');
globalThis.fetch = async (input) => {
  const url = new URL(String(input), base);
  url.search = '';
  if (!url.href.startsWith(base.href)) return new Response(null, { status: 404 });
  try {
    return new Response(await readFile(fileURLToPath(url)));
  } catch {
    return new Response(null, { status: 404 });
  }
};
const ready = import(new URL('pagefind.js', base).href).then(async (pagefind) => {
  await pagefind.options({ baseUrl: '/', excerptLength: 24 });
  await pagefind.init();
  return pagefind;
});
parentPort.on('message', async ({ id, term, filters, limit }) => {
  try {
    const pagefind = await ready;
    const response = await pagefind.search(term, { filters });
    const top = response ? response.results.slice(0, limit) : [];
    const results = await Promise.all(top.map(async (result) => ({ score: result.score, data: await result.data() })));
    parentPort.postMessage({ id, results });
  } catch (error) {
    parentPort.postMessage({ id, error: String((error && error.message) || error) });
  }
});
`;

interface Searcher {
  folder: string;
  /** False once the thread stopped (it failed, or was replaced). */
  alive(): boolean;
  read(term: string, filters: Record<string, string | string[]>): Promise<TermResults>;
  stop(): void;
}

function startSearcher(folder: string): Searcher {
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { folder } });
  worker.unref();
  let next = 0;
  let running = true;
  const waiting = new Map<number, { done: (results: TermResults['results']) => void; fail: (error: Error) => void }>();
  const failAll = (error: Error) => {
    for (const { fail } of waiting.values()) fail(error);
    waiting.clear();
  };
  worker.on('message', ({ id, results, error }: { id: number; results?: TermResults['results']; error?: string }) => {
    const call = waiting.get(id);
    waiting.delete(id);
    if (error !== undefined || !results) call?.fail(new Error(`search failed: ${error}`));
    else call?.done(results);
  });
  worker.on('error', failAll);
  worker.on('exit', () => {
    running = false;
    failAll(new Error('the search thread stopped'));
  });
  return {
    folder,
    alive: () => running,
    read(term, filters) {
      const id = next++;
      return new Promise((done, fail) => {
        const timer = setTimeout(() => {
          waiting.delete(id);
          fail(new Error(`search took over ${SEARCH_TIMEOUT_MS / 1000} s`));
        }, SEARCH_TIMEOUT_MS);
        waiting.set(id, {
          done: (results) => {
            clearTimeout(timer);
            done({ term, results });
          },
          fail: (error) => {
            clearTimeout(timer);
            fail(error);
          },
        });
        worker.postMessage({ id, term, filters, limit: READ_RESULTS });
      });
    },
    stop: () => void worker.terminate(),
  };
}

// One thread per index, for the folder being served; a new index (the content changed) replaces it.
const SEARCHERS = Symbol.for('salesbook.search.searchers');
const holder = globalThis as { [SEARCHERS]?: Map<SearchIndexName, Searcher> };

function searcherFor(index: SearchIndexName): Searcher | undefined {
  const root = searchRoot();
  if (!root) return undefined;
  const folder = join(root, index);
  if (!existsSync(join(folder, 'pagefind.js'))) return undefined;
  const searchers = (holder[SEARCHERS] ??= new Map());
  let searcher = searchers.get(index);
  if (!searcher || searcher.folder !== folder || !searcher.alive()) {
    searcher?.stop();
    searcher = startSearcher(folder);
    searchers.set(index, searcher);
  }
  return searcher;
}

/**
 * Every hit for a query in one index, as the browser would find it; undefined when there is no
 * index yet. Which index a person may search is the caller's to decide (searchIndexName).
 */
export async function searchOnServer(index: SearchIndexName, query: string, filters: SearchFilters): Promise<SearchHit[] | undefined> {
  const searcher = searcherFor(index);
  if (!searcher) return undefined;
  const chosen = pagefindFilters(filters);
  return findHits((term) => searcher.read(term, chosen), query);
}
