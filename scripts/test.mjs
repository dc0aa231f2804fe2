// `npm test`: the unit and integration tests (Vitest), then the end-to-end tests (Playwright driving
// Chromium), on the suite's clock (test/clock.ts). A missing browser is dealt with first, so that the
// run does not stop at its end for it.
import { spawnSync } from 'node:child_process';
import { ensureChromium } from './chromium.mjs';

const started = Date.now();
ensureChromium();

const steps = [
  ['unit and integration tests', 'node_modules/vitest/vitest.mjs', ['run']],
  ['end-to-end tests', 'node_modules/@playwright/test/cli.js', ['test']],
];
for (const [name, script, args] of steps) {
  const result = spawnSync(process.execPath, [script, ...args], { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`npm test: the ${name} failed (${result.signal ?? `exit ${result.status}`}).`);
    process.exit(result.status || 1);
  }
}
console.log(`npm test: all passed in ${Math.round((Date.now() - started) / 1000)} s.`);
