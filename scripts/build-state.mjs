import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

// What a build depends on: the sources, the search indexer and the dependency lock. Content is not part
// of a build: the server reads the content folder itself.
const inputs = ['src', 'astro.config.ts', 'scripts/search-index.ts', 'scripts/build-state.mjs', 'scripts/compressed-answers.mjs', 'package-lock.json'];

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

/** A fingerprint of everything a build of the sources in `root` depends on. */
export function buildFingerprint(root = process.cwd()) {
  const hash = createHash('sha1');
  for (const input of inputs) {
    const { files, latest } = newestChange(join(root, input));
    hash.update(`${input}:${files}:${latest}`);
  }
  return hash.digest('hex');
}

// SALESBOOK_DIST holds builds side by side, never one build written over another: a build goes into a
// fresh folder under builds/, and current.json names it once it succeeded. A running server resolves
// current.json once, at its start, and keeps using its own build's folder (Node loads page chunks on
// first use, and the search indexes live there); a build is removed only when it is not the current one
// and no process that uses it runs any more. Each such process leaves a file under in-use/.
const pointerFile = (distDir) => join(distDir, 'current.json');
const buildsFolder = (distDir) => join(distDir, 'builds');
const inUseFolder = (distDir) => join(distDir, 'in-use');
const stampFile = (buildDir) => join(buildDir, 'salesbook-build.json');

/**
 * The folder of the build `distDir` names: the one current.json points to, or `distDir` itself when it
 * is a build (the search indexer is handed its server's build folder). Undefined when there is none.
 */
export function currentBuild(distDir) {
  const pointer = pointerFile(distDir);
  if (existsSync(pointer)) {
    const folder = resolve(distDir, JSON.parse(readFileSync(pointer, 'utf8')).build);
    return existsSync(join(folder, 'server', 'entry.mjs')) ? folder : undefined;
  }
  return existsSync(join(distDir, 'server', 'entry.mjs')) ? resolve(distDir) : undefined;
}

/** Whether the current build in `distDir` is a build of exactly the sources in `root`. */
export function isBuildCurrent(distDir, root = process.cwd()) {
  const build = currentBuild(distDir);
  if (!build || !existsSync(stampFile(build))) return false;
  return JSON.parse(readFileSync(stampFile(build), 'utf8')).fingerprint === buildFingerprint(root);
}

/** Stamps the build in `buildDir` with the fingerprint of the sources in `root`. */
function markBuild(buildDir, root) {
  writeFileSync(stampFile(buildDir), JSON.stringify({ fingerprint: buildFingerprint(root), builtAt: new Date().toISOString() }));
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/**
 * Marks the build in `buildDir` (under `distDir`) as used by this process until it exits, so that no
 * build removes it meanwhile. Returns the release.
 */
export function useBuild(distDir, buildDir) {
  if (resolve(buildDir, '..') !== resolve(buildsFolder(distDir))) return () => {};
  mkdirSync(inUseFolder(distDir), { recursive: true });
  const mark = join(inUseFolder(distDir), `${buildDir.split(/[\\/]/).at(-1)}.${process.pid}`);
  writeFileSync(mark, '');
  const release = () => rmSync(mark, { force: true });
  process.once('exit', release);
  return release;
}

/** Removes the builds that are not current and that no running process uses. */
export function removeUnusedBuilds(distDir) {
  const builds = buildsFolder(distDir);
  if (!existsSync(builds)) return [];
  const current = currentBuild(distDir);
  const used = new Set();
  const marks = existsSync(inUseFolder(distDir)) ? readdirSync(inUseFolder(distDir)) : [];
  for (const mark of marks) {
    const at = mark.lastIndexOf('.');
    const pid = Number(mark.slice(at + 1));
    if (Number.isInteger(pid) && isAlive(pid)) used.add(mark.slice(0, at));
    else rmSync(join(inUseFolder(distDir), mark), { force: true });
  }
  const removed = [];
  for (const name of readdirSync(builds)) {
    const folder = join(builds, name);
    if (folder === current || used.has(name)) continue;
    rmSync(folder, { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

/** Points current.json at `buildDir`: written beside and renamed over, so a reader sees the old or the new. */
function switchTo(distDir, buildDir) {
  const fresh = `${pointerFile(distDir)}.${process.pid}.tmp`;
  writeFileSync(fresh, JSON.stringify({ build: join('builds', buildDir.split(/[\\/]/).at(-1)) }));
  renameSync(fresh, pointerFile(distDir));
}

/**
 * Builds the server from the sources in `root` into a fresh folder under `distDir`, and makes it the
 * current build when the build succeeded; a failed build is removed and the current one stays.
 * Resolves with the build's folder, or rejects with the build's output.
 */
export function buildSalesbook(distDir, { root = process.cwd(), env = process.env, echo = false } = {}) {
  const dist = resolve(distDir);
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('.', '-');
  const buildDir = join(buildsFolder(dist), `${stamp}-${process.pid}`);
  mkdirSync(buildDir, { recursive: true });
  const release = useBuild(dist, buildDir);
  const astro = join(root, 'node_modules', 'astro', 'bin', 'astro.mjs');
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [astro, 'build', '--outDir', buildDir], {
      cwd: root,
      env: { ...env, SALESBOOK_DIST: buildDir },
      stdio: ['ignore', echo ? 'inherit' : 'pipe', echo ? 'inherit' : 'pipe'],
    });
    let output = '';
    const keep = (chunk) => (output = (output + chunk.toString()).slice(-20_000));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const failed = (reason) => {
      release();
      rmSync(buildDir, { recursive: true, force: true });
      reject(new Error(`The build failed (${reason}); the current build stays.\n${output}`));
    };
    // 'exit', not 'close': 'close' waits for the pipes, which lingering esbuild children may hold open.
    child.once('exit', (code, signal) => {
      child.stdout?.destroy();
      child.stderr?.destroy();
      if (code !== 0) return failed(signal ?? `exit ${code}`);
      markBuild(buildDir, root);
      switchTo(dist, buildDir);
      release();
      removeUnusedBuilds(dist);
      resolvePromise(buildDir);
    });
    child.once('error', (error) => failed(error.message));
  });
}
