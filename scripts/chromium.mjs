import { spawnSync } from 'node:child_process';
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

const APT_INSTALL = 'apt-get update && apt-get install -y chromium';
const APT_INSTALL_QUIET = 'apt-get update -qq && apt-get install -y -qq chromium';
const isRoot = () => process.getuid?.() === 0;

function stop(lines) {
  console.error(lines.join('\n'));
  process.exit(1);
}

/** Stops at once, with the fix, when there is no browser to run the end-to-end tests in. */
export function requireChromium() {
  const path = chromiumPath();
  if (existsSync(path)) return path;
  stop([
    `Salesbook end-to-end tests need Chromium, and there is none at ${path}.`,
    `Install it with:  ${isRoot() ? APT_INSTALL : 'sudo apt-get update && sudo apt-get install -y chromium'}`,
    'or point SALESBOOK_CHROMIUM to another Chromium or Chrome binary.',
  ]);
}

/**
 * Makes sure there is a Chromium for the end-to-end tests. Where there is none, and this runs as root
 * on Debian (apt-get is there), it installs Debian's chromium package, printing one line; anywhere
 * else it stops at once with the command to run.
 */
export function ensureChromium() {
  const path = chromiumPath();
  if (existsSync(path)) return path;
  const canInstall = !process.env.SALESBOOK_CHROMIUM && process.platform === 'linux' && isRoot() && existsSync('/usr/bin/apt-get');
  if (!canInstall) return requireChromium();
  console.log(`Salesbook tests: no Chromium at ${path}; installing Debian's chromium package with apt-get …`);
  const result = spawnSync('sh', ['-c', APT_INSTALL_QUIET], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status === 0 && existsSync(path)) return path;
  stop([
    `${(result.stdout ?? '') + (result.stderr ?? '')}`.trim().split('\n').slice(-15).join('\n'),
    `Salesbook tests: installing Chromium failed (${result.error?.message ?? `exit ${result.status}`}). Install it with:  ${APT_INSTALL}`,
    'or point SALESBOOK_CHROMIUM to another Chromium or Chrome binary.',
  ]);
}
