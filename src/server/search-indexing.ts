import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { onContentServed, servedContent } from '../content-store/library';
import type { ContentSnapshot } from '../content-store/snapshot';
import { completeSearchIndexes, isSearchIndexComplete, searchIndexesOf, searchIndexFolder, useSearchFolder } from './http/search-files';

// Keeps the search indexes in step with the content served. The indexer (scripts/search-index.ts,
// bundled into the build as search-indexer.mjs) runs in a process of its own, so that rendering every
// page for Pagefind never slows the people using the portal. Searches are answered from the last
// complete index until the new one is written; then they switch to it. One run at a time: content
// that changes during a run is indexed right after it.

const INDEXER = 'search-indexer.mjs';

interface Indexing {
  distDir: string;
  running: Promise<void> | undefined;
  /** The content to index once the run in progress ends. */
  next: ContentSnapshot | undefined;
  log: (message: string) => void;
}

let indexing: Indexing | undefined;

/** Runs the indexer on `snapshot` into its folder; resolves when searches are answered from it. */
function indexContent(state: Indexing, snapshot: ContentSnapshot): Promise<void> {
  const folder = searchIndexFolder(state.distDir, snapshot.root, snapshot.digest);
  if (isSearchIndexComplete(folder)) {
    useSearchFolder(folder);
    prune(state.distDir, snapshot.root, folder);
    return Promise.resolve();
  }
  const building = `${folder}.${process.pid}.building`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  const started = Date.now();
  return new Promise<void>((resolve) => {
    // Pages whose inputs did not change since the last run are taken from it rather than rendered again.
    const cache = join(searchIndexesOf(state.distDir, snapshot.root), '.rendered');
    const child = spawn(process.execPath, [join(state.distDir, INDEXER), '--dist', state.distDir, '--content', snapshot.root, '--out', building, '--cache', cache], {
      env: process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let errors = '';
    let summary = '';
    child.stderr.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-4000)));
    child.stdout.on('data', (chunk: Buffer) => (summary = (summary + chunk.toString()).slice(-1000)));
    child.once('error', (error) => {
      state.log(`Salesbook: the search index could not be built: ${error.message}`);
      resolve();
    });
    child.once('exit', (code) => {
      if (code === 0 && isSearchIndexComplete(building)) {
        // Another server on the same build may have written this content's index first: either will do.
        if (!isSearchIndexComplete(folder)) {
          rmSync(folder, { recursive: true, force: true });
          renameSync(building, folder);
        } else rmSync(building, { recursive: true, force: true });
        useSearchFolder(folder);
        prune(state.distDir, snapshot.root, folder);
        const reuse = /(\d+) rendered, (\d+) as last time/.exec(summary);
        const pages = reuse ? ` (${reuse[1]} pages rendered, ${reuse[2]} unchanged since the last run)` : '';
        state.log(`Salesbook: search index of the content served, built in ${((Date.now() - started) / 1000).toFixed(1)} s${pages}.`);
      } else {
        rmSync(building, { recursive: true, force: true });
        state.log(`Salesbook: the search index could not be built (exit ${code}); searches use the previous one.\n${errors.trim()}`);
      }
      resolve();
    });
  });
}

/** Keeps the newest indexes of a content folder (the one served and the one before, for pages still open with it). */
function prune(distDir: string, root: string, keep: string): void {
  for (const old of completeSearchIndexes(distDir, root).filter((path) => path !== keep).slice(1)) rmSync(old, { recursive: true, force: true });
}

function schedule(state: Indexing, snapshot: ContentSnapshot): Promise<void> {
  if (state.running) {
    state.next = snapshot;
    return state.running;
  }
  state.running = (async () => {
    let current: ContentSnapshot | undefined = snapshot;
    while (current) {
      state.next = undefined;
      await indexContent(state, current);
      current = state.next;
    }
    state.running = undefined;
  })();
  return state.running;
}

/**
 * Starts keeping the search indexes of the served content, for a server running from `distDir`.
 * Resolves once searches can be answered: at once from the index of the content served or, when
 * this content folder has none yet, an earlier index of it; after the first run otherwise.
 */
export function keepSearchIndexCurrent(distDir: string, log: (message: string) => void = console.warn): Promise<void> {
  if (indexing) return Promise.resolve();
  if (!existsSync(join(distDir, INDEXER))) {
    log(`Salesbook: ${join(distDir, INDEXER)} is missing, so there is no search; build again with \`npm run build\`.`);
    return Promise.resolve();
  }
  const state: Indexing = { distDir, running: undefined, next: undefined, log };
  indexing = state;
  const snapshot = servedContent();
  onContentServed((next) => void schedule(state, next));
  const earlier = completeSearchIndexes(distDir, snapshot.root)[0];
  const run = schedule(state, snapshot);
  if (earlier) {
    useSearchFolder(earlier);
    return Promise.resolve();
  }
  return run;
}
