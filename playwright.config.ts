import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './scripts/chromium.mjs';
import { useSuiteClock } from './test/clock';

const port = Number(process.env.SALESBOOK_E2E_PORT || 4399);
// The server runs on the suite's clock, and the tests compute what they expect from it.
useSuiteClock();

export default defineConfig({
  testDir: 'test/e2e',
  globalSetup: './test/e2e/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    launchOptions: { executablePath: chromiumPath(), args: chromiumArgs },
    locale: 'ru-RU',
    timezoneId: 'Asia/Yekaterinburg',
  },
  // Editing in the browser publishes into the served copy of the content, so it runs after the rest.
  projects: [
    { name: 'portal', testIgnore: /(editing|section-recheck)\.spec\.ts$/ },
    { name: 'editing', testMatch: /(editing|section-recheck)\.spec\.ts$/, dependencies: ['portal'] },
  ],
  webServer: {
    command: 'node test/e2e/server.mjs',
    url: `http://127.0.0.1:${port}/`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    // SIGTERM lets the server close its data store and remove its temporary data folder.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    env: { SALESBOOK_E2E_PORT: String(port) },
  },
});
