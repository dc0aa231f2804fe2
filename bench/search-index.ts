// The search indexes of a content folder, built by the indexer bundled into the build
// (<dist>/search-indexer.mjs) with the arguments the server gives it (src/server/search-indexing.ts).
// This is the part of the work that grows with the content; the build itself does not.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { folderSize, runMeasured } from './measure';
import { ROOT } from './server';

export interface SearchIndexFigures {
  documents: number;
  words: number;
  /** Pages the indexer rendered (documents, scripts, lessons, roles), and how many each index holds. */
  pages: number;
  staffPages: number;
  headsPages: number;
  wallS: number;
  /** Highest sum of RSS of the indexer and its two Pagefind processes. */
  peakMemoryMb: number;
  pagesPerS: number;
  /** Both indexes, staff and heads, as written. */
  indexMb: number;
  indexFiles: number;
}

/** Runs the indexer on `content` into `out` (removed afterwards), measured, as a process of its own. */
export async function indexContent(dist: string, content: string, out: string, counts: { documents: number; words: number }): Promise<SearchIndexFigures> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('SALESBOOK_')) delete env[key];
  Object.assign(env, { NODE_ENV: 'production' });
  const run = await runMeasured(process.execPath, [join(dist, 'search-indexer.mjs'), '--dist', dist, '--content', content, '--out', out], { cwd: ROOT, env, timeoutMs: 10 * 60_000 });
  try {
    if (run.code !== 0) throw new Error(`The search indexer failed on ${counts.documents} documents (exit ${run.code}):\n${run.output.slice(-4000)}`);
    // "Salesbook search index: 1013 pages (staff 970, heads 1013) in 12.5 s → …". Without --cache
    // every page is rendered, as at a server's first start on a content folder.
    const said = /(\d+) pages \(staff (\d+), heads (\d+)/.exec(run.output);
    if (!said) throw new Error(`The search indexer did not say how many pages it indexed:\n${run.output.slice(-2000)}`);
    const { bytes, files } = folderSize(out);
    const wallS = run.wallMs / 1000;
    return {
      ...counts,
      pages: Number(said[1]),
      staffPages: Number(said[2]),
      headsPages: Number(said[3]),
      wallS,
      peakMemoryMb: run.peakRssBytes / 1024 / 1024,
      pagesPerS: Number(said[1]) / wallS,
      indexMb: bytes / 1024 / 1024,
      indexFiles: files,
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
