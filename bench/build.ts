// Builds a generated content folder with `npm run build`, as a person would, and measures it.
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { currentBuild } from '../scripts/build-state.mjs';
import { folderSize, runMeasured } from './measure';
import { ROOT } from './server';

export interface BuildFigures {
  documents: number;
  /** Every content page the build serves: documents, scripts, lessons. */
  pages: number;
  words: number;
  wallS: number;
  peakMemoryMb: number;
  pagesPerS: number;
  outputMb: number;
  /** Where the search index was found in the build output, relative to the build folder, if anywhere. */
  searchIndex: string | null;
}

/** Where a search index sits in a build: a `search` folder beside it, or a `pagefind` folder in it. */
export function findSearchIndex(dist: string): string | null {
  const candidates = [join(dist, 'search'), join(dist, 'pagefind'), join(dist, 'server', 'pagefind'), join(dist, 'client', 'pagefind'), join(dist, 'search', 'pagefind')];
  return candidates.filter((path) => existsSync(join(path, 'pagefind.js')) || existsSync(join(path, 'pagefind-entry.json'))).at(0) ?? candidates.find((path) => existsSync(path)) ?? null;
}

/** The search index's folder relative to the build, so that results name no folder of this machine. */
function relativeIndex(dist: string): string | null {
  const found = findSearchIndex(dist);
  return found === null ? null : relative(dist, found) || '.';
}

export async function buildCorpus(content: string, dist: string, counts: { documents: number; pages: number; words: number }): Promise<BuildFigures> {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const env = { ...process.env, SALESBOOK_CONTENT: content, SALESBOOK_DIST: dist, ASTRO_TELEMETRY_DISABLED: '1' };
  const run = await runMeasured(npm, ['run', 'build'], { cwd: ROOT, env, timeoutMs: 15 * 60_000 });
  if (run.code !== 0) throw new Error(`npm run build of ${counts.documents} documents failed (exit ${run.code}):\n${run.output.slice(-4000)}`);
  // npm run build stamps the build and makes it the current one of `dist`, which serve.mjs then serves.
  const build = currentBuild(dist);
  if (!build) throw new Error(`npm run build left no current build in ${dist}`);
  return {
    ...counts,
    wallS: run.wallMs / 1000,
    peakMemoryMb: run.peakRssBytes / 1024 / 1024,
    pagesPerS: counts.pages / (run.wallMs / 1000),
    outputMb: folderSize(build).bytes / 1024 / 1024,
    searchIndex: relativeIndex(build),
  };
}
