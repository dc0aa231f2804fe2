// Starts the throwaway PostgreSQL of the test run (test/pg-cluster.ts) once, for every test file that
// runs a store test on PostgreSQL; they read its URL with `inject('postgres')`.
import type { TestProject } from 'vitest/node';
import { startTestCluster } from './pg-cluster';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The cluster's maintenance database, or why there is none. */
    postgres: { url: string } | { missing: string };
  }
}

export default async function setup(project: TestProject) {
  const started = Date.now();
  const cluster = await startTestCluster();
  if (typeof cluster === 'string') {
    if (process.env.CI) throw new Error(`The PostgreSQL store's tests need PostgreSQL, and CI must run them: ${cluster}.`);
    console.warn(`postgres: the PostgreSQL store's tests are skipped: ${cluster}.`);
    project.provide('postgres', { missing: cluster });
    return;
  }
  if (!process.env.SALESBOOK_TEST_DATABASE_URL) console.log(`postgres: a throwaway cluster started in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  project.provide('postgres', { url: cluster.url });
  return () => cluster.stop();
}
