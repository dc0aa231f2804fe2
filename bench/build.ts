// Builds Salesbook with `npm run build`, as a person would, and measures it. The build holds the code
// only: the server reads the content folder when it starts, so one build serves every corpus.
import { currentBuild } from '../scripts/build-state.mjs';
import { folderSize, runMeasured } from './measure';
import { ROOT } from './server';

export interface BuildFigures {
  wallS: number;
  peakMemoryMb: number;
  /** The build folder right after the build, before any search index is written into it. */
  outputMb: number;
}

/** Builds into `dist`; returns the figures and the build's own folder (`dist`'s current build). */
export async function buildCode(dist: string): Promise<BuildFigures & { folder: string }> {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('SALESBOOK_')) delete env[key];
  Object.assign(env, { SALESBOOK_DIST: dist, ASTRO_TELEMETRY_DISABLED: '1' });
  const run = await runMeasured(npm, ['run', 'build'], { cwd: ROOT, env, timeoutMs: 10 * 60_000 });
  if (run.code !== 0) throw new Error(`npm run build failed (exit ${run.code}):\n${run.output.slice(-4000)}`);
  // npm run build stamps the build and makes it the current one of `dist`, which serve.mjs then serves.
  const folder = currentBuild(dist);
  if (!folder) throw new Error(`npm run build left no current build in ${dist}`);
  return {
    wallS: run.wallMs / 1000,
    peakMemoryMb: run.peakRssBytes / 1024 / 1024,
    outputMb: folderSize(folder).bytes / 1024 / 1024,
    folder,
  };
}
