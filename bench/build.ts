// Builds Salesbook with `npm run build`, as a person would, and measures it. The build holds the code
// only: the server reads the content folder when it starts, so one build serves every corpus.
import { markBuild } from '../scripts/build-state.mjs';
import { folderSize, runMeasured } from './measure';
import { ROOT } from './server';

export interface BuildFigures {
  wallS: number;
  peakMemoryMb: number;
  /** The build folder right after the build, before any search index is written into it. */
  outputMb: number;
}

export async function buildCode(dist: string): Promise<BuildFigures> {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('SALESBOOK_')) delete env[key];
  Object.assign(env, { SALESBOOK_DIST: dist, ASTRO_TELEMETRY_DISABLED: '1' });
  const run = await runMeasured(npm, ['run', 'build'], { cwd: ROOT, env, timeoutMs: 10 * 60_000 });
  if (run.code !== 0) throw new Error(`npm run build failed (exit ${run.code}):\n${run.output.slice(-4000)}`);
  // serve.mjs rebuilds unless the build is stamped as current for these sources.
  markBuild(dist);
  return {
    wallS: run.wallMs / 1000,
    peakMemoryMb: run.peakRssBytes / 1024 / 1024,
    outputMb: folderSize(dist).bytes / 1024 / 1024,
  };
}
