// Builds the server once into dist-test for the integration tests, unless its current build is of these sources.
import { resolve } from 'node:path';
import { buildSalesbook, currentBuild, isBuildCurrent } from '../../scripts/build-state.mjs';

export const ROOT = resolve(import.meta.dirname, '../..');
/** Where the fixture site's builds are (SALESBOOK_DIST of the servers the tests start). */
export const TEST_DIST = resolve(ROOT, 'dist-test');
export const TEST_CONTENT = resolve(ROOT, 'test/fixtures/content');

/** The folder of the current build in dist-test: its client files and search indexes. */
export function testBuild(): string {
  const build = currentBuild(TEST_DIST);
  if (!build) throw new Error('dist-test holds no build: the global setup builds it.');
  return build;
}

export default async function setup() {
  if (isBuildCurrent(TEST_DIST, ROOT)) return;
  const started = Date.now();
  await buildSalesbook(TEST_DIST, { root: ROOT });
  console.log(`integration: built the fixture site into dist-test in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
