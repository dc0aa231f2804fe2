// A build while the server runs: one that fails (a mistake in the sources) and one that succeeds must
// leave the running server answering every kind of page, its scripts and styles, and search, and a
// restart then serves the new build. Node loads a page's code on its first request, so some pages are
// asked for the first time only after both builds.
import { spawn } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildSalesbook, currentBuild } from '../../scripts/build-state.mjs';
import { cleanUp, get, ROOT, signIn, startServer, tempDataDir, type RunningServer } from './server';

const dist = join(ROOT, 'dist-rebuild-test');
const data = tempDataDir('salesbook-rebuild-');

/** Pages asked for before, during and after the builds: one of each kind, and the search bundle. */
const THROUGHOUT = [
  '/',
  '/docs/',
  '/docs/lead-handling/',
  '/docs/lead-handling/sheet',
  '/scripts/',
  '/scripts/cold-call/',
  '/courses/',
  '/courses/basics/',
  '/courses/basics/first-contact/',
  '/quizzes/basics-final/',
  '/checklists/trainee-skills/',
  '/roles/',
  '/search',
  '/team/',
  '/team/trainee1/',
  '/pagefind/heads/pagefind.js',
  '/pagefind/heads/pagefind-entry.json',
];
/** Pages whose code the server has not loaded until both builds are over. */
const FIRST_AFTER = ['/roles/trainee/', '/team/coverage/', '/team/analytics/', '/admin/people/', '/admin/docs/', '/admin/search-gaps/', '/team/export/matrix.csv'];

let server: RunningServer;
let cookie: string;
let assets: string[];

/** The paths of `paths`, with every answer that was not 200. */
async function failures(paths: string[]): Promise<string[]> {
  const answers = await Promise.all(
    paths.map((path) =>
      get(server.url, path, cookie).then(
        async (response) => (await response.arrayBuffer(), `${path} ${response.status}`),
        (error: Error) => `${path} ${error.cause ?? error.message}`,
      ),
    ),
  );
  return answers.filter((answer) => !answer.endsWith(' 200'));
}

/** Runs `npm run build` (scripts/build.mjs) in `root` into the test's builds, asking for pages meanwhile. */
async function buildWhileServing(root: string): Promise<{ code: number | null; output: string; failed: string[]; rounds: number }> {
  const child = spawn(process.execPath, ['scripts/build.mjs'], { cwd: root, env: { ...process.env, SALESBOOK_DIST: dist }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let done = false;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => ((done = true), resolve(code))));
  const failed = new Set<string>();
  let rounds = 0;
  while (!done) {
    for (const failure of await failures([...THROUGHOUT, ...assets])) failed.add(failure);
    rounds++;
  }
  return { code: await exited, output, failed: [...failed], rounds };
}

beforeAll(async () => {
  rmSync(dist, { recursive: true, force: true });
  await buildSalesbook(dist, { root: ROOT });
  server = await startServer({ demo: true, data, env: { SALESBOOK_DIST: dist } });
  cookie = await signIn(server.url, 'head', 'demo');
  const home = await (await get(server.url, '/', cookie)).text();
  assets = [...home.matchAll(/(?:href|src)="(\/_astro\/[^"]+\.(?:css|js))"/g)].map((match) => match[1]!);
}, 180_000);

afterAll(async () => {
  await cleanUp();
  rmSync(dist, { recursive: true, force: true });
});

it('a build that fails, then one that succeeds, leave the running server answering; a restart serves the new build', async () => {
  expect(assets.some((path) => path.endsWith('.css'))).toBe(true);
  expect(assets.some((path) => path.endsWith('.js'))).toBe(true);
  expect(await failures([...THROUGHOUT, ...assets])).toEqual([]);
  const first = currentBuild(dist)!;

  // A copy of the sources with a mistake in them, built into the same place.
  const broken = tempDataDir('salesbook-broken-src-');
  for (const name of ['src', 'scripts', 'astro.config.ts', 'tsconfig.json', 'package.json', 'package-lock.json']) cpSync(join(ROOT, name), join(broken, name), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(broken, 'node_modules'), 'dir');
  appendFileSync(join(broken, 'src', 'domain', 'calendar.ts'), '\nexport const = ;\n');
  const failing = await buildWhileServing(broken);
  expect(failing.code, failing.output).toBe(1);
  expect(failing.output).toContain('calendar.ts');
  expect(failing.rounds).toBeGreaterThan(0);
  expect(failing.failed).toEqual([]);
  expect(currentBuild(dist)).toBe(first);
  expect(readdirSync(join(dist, 'builds'))).toEqual([first.split('/').at(-1)]);

  const succeeding = await buildWhileServing(ROOT);
  expect(succeeding.code, succeeding.output).toBe(0);
  expect(succeeding.rounds).toBeGreaterThan(0);
  expect(succeeding.failed).toEqual([]);
  const second = currentBuild(dist)!;
  expect(second).not.toBe(first);
  // The running server's build stays while it runs.
  expect(existsSync(join(first, 'server', 'entry.mjs'))).toBe(true);
  expect(await failures([...THROUGHOUT, ...FIRST_AFTER, ...assets])).toEqual([]);

  await server.stop();
  server = await startServer({ data, env: { SALESBOOK_DIST: dist } });
  cookie = await signIn(server.url, 'head', 'demo');
  const home = await (await get(server.url, '/', cookie)).text();
  const fresh = [...home.matchAll(/(?:href|src)="(\/_astro\/[^"]+\.(?:css|js))"/g)].map((match) => match[1]!);
  expect(fresh.length).toBeGreaterThan(0);
  expect(await failures([...THROUGHOUT, ...FIRST_AFTER, ...fresh])).toEqual([]);
  // No server runs the first build any more: the restart removed it.
  expect(readdirSync(join(dist, 'builds'))).toEqual([second.split('/').at(-1)]);
}, 300_000);
