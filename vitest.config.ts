import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    // Builds the fixture site into dist-test once (skipped when that build is current).
    globalSetup: ['test/integration/global-setup.ts'],
    // Integration tests start real servers and builds: one file at a time on a small machine.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
