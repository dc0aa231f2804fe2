import { defineConfig } from 'vitest/config';
import { useSuiteClock } from './test/clock.ts';

// Every process of the run, and every server a test starts, reads the suite's clock.
useSuiteClock();

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    // Builds the fixture site into dist-test once (skipped when that build is current); the
    // end-to-end tests serve the same build. A throwaway PostgreSQL serves the PostgreSQL store's tests.
    globalSetup: ['test/integration/global-setup.ts', 'test/pg-global-setup.ts'],
    setupFiles: ['test/setup.ts'],
    // Integration tests start real servers and builds: one file at a time on a small machine.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
