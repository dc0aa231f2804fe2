import { existsSync } from 'node:fs';

/** The Chromium that end-to-end tests and benchmarks drive: SALESBOOK_CHROMIUM, or Debian's. */
export function chromiumPath() {
  return process.env.SALESBOOK_CHROMIUM || '/usr/bin/chromium';
}

/** Flags that keep a headless Chromium quiet on a machine without internet access. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Stops at once, with the fix, when there is no browser to run the end-to-end tests in. */
export function requireChromium() {
  const path = chromiumPath();
  if (existsSync(path)) return path;
  console.error(
    [
      `Salesbook end-to-end tests need Chromium, and there is none at ${path}.`,
      'Install it with:  apt-get update && apt-get install -y chromium',
      'or point SALESBOOK_CHROMIUM to another Chromium or Chrome binary.',
    ].join('\n'),
  );
  process.exit(1);
}
