import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// What a build depends on: the sources, the search indexer and the dependency lock. Content is not part
// of a build: the server reads the content folder itself.
const inputs = ['src', 'astro.config.ts', 'scripts/search-index.ts', 'scripts/compressed-answers.mjs', 'package-lock.json'];

function newestChange(path, acc = { files: 0, latest: 0 }) {
  if (!existsSync(path)) return acc;
  const stat = statSync(path);
  if (stat.isDirectory()) {
    for (const name of readdirSync(path)) newestChange(join(path, name), acc);
  } else {
    acc.files += 1;
    acc.latest = Math.max(acc.latest, stat.mtimeMs);
  }
  return acc;
}

/** A fingerprint of everything a build depends on. */
export function buildFingerprint() {
  const hash = createHash('sha1');
  for (const input of inputs) {
    const { files, latest } = newestChange(input);
    hash.update(`${input}:${files}:${latest}`);
  }
  return hash.digest('hex');
}

const stampFile = (distDir) => join(distDir, 'salesbook-build.json');

/** Whether `distDir` holds a build of exactly these sources. */
export function isBuildCurrent(distDir) {
  const file = stampFile(distDir);
  if (!existsSync(file) || !existsSync(join(distDir, 'server', 'entry.mjs'))) return false;
  return JSON.parse(readFileSync(file, 'utf8')).fingerprint === buildFingerprint();
}

export function markBuild(distDir) {
  writeFileSync(stampFile(distDir), JSON.stringify({ fingerprint: buildFingerprint(), builtAt: new Date().toISOString() }));
}
