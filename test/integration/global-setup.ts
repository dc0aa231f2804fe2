// Builds the fixture site once into dist-test for the integration tests, unless that build is current.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { isBuildCurrent, markBuild } from '../../scripts/build-state.mjs';

export const ROOT = resolve(import.meta.dirname, '../..');
export const TEST_DIST = resolve(ROOT, 'dist-test');
export const TEST_CONTENT = resolve(ROOT, 'test/fixtures/content');

const BUILD_TIMEOUT_MS = 300_000;

/**
 * Runs `astro build` of `content` into `dist` (the fixture into dist-test unless told otherwise) and
 * waits for that process's own exit only (esbuild children may linger).
 */
export function buildSite(content = TEST_CONTENT, dist = TEST_DIST): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build', '--outDir', dist], {
      cwd: ROOT,
      env: { ...process.env, SALESBOOK_CONTENT: content, SALESBOOK_DIST: dist },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => child.kill('SIGKILL'), BUILD_TIMEOUT_MS);
    // 'exit', not 'close': 'close' waits for the pipes, which lingering esbuild children may hold open.
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      child.stdout.destroy();
      child.stderr.destroy();
      if (code === 0) resolvePromise();
      else reject(new Error(`Building ${content} into ${dist} failed (${signal ?? `exit ${code}`}):\n${output}`));
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

export default async function setup() {
  const previous = process.cwd();
  // build-state.mjs fingerprints the sources by paths relative to the project folder.
  process.chdir(ROOT);
  try {
    if (isBuildCurrent(TEST_DIST)) return;
    const started = Date.now();
    await buildSite();
    markBuild(TEST_DIST);
    console.log(`integration: built the fixture site into dist-test in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    process.chdir(previous);
  }
}
