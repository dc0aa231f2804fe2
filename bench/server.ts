// Starts a built Salesbook on 127.0.0.1 for the benchmark, signs in, and stops it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..');

/** A search index the server reported as built: its seconds, and how many pages it rendered and reused, when it says. */
export interface IndexRun {
  seconds: number;
  rendered: number | null;
  unchanged: number | null;
}

// "Salesbook: search index of the content served, built in 4.2 s (16 pages rendered, 44 unchanged since the last run)."
const INDEX_LINE = /search index of the content served, built in ([\d.]+) s(?: \((\d+) pages rendered, (\d+) unchanged)?/;

export interface BenchServer {
  url: string;
  dataDir: string;
  process: ChildProcess;
  /** Seconds from spawning serve.mjs to "Server listening": reading and checking the content, and the first search index when the build has none of this folder yet. */
  startS: number;
  /** serve.mjs built the code again before starting, because the sources changed since the build. */
  rebuilt: boolean;
  /** Every search index the server said it built, from its start on. */
  indexRuns: IndexRun[];
  stop(): Promise<void>;
}

const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

function waitForExit(child: ChildProcess, ms: number): Promise<void> {
  if (exited(child)) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * Serves the build in `dist` with the content folder `content` on `port`: with fresh demo data, or
 * with the data already in `dataDir`; `extraEnv` adds to the server's environment. A first start on a
 * content folder waits for its search index, so it may take a while on a large corpus.
 */
export async function startServer(
  dist: string,
  content: string,
  port: number,
  dataDir = mkdtempSync(join(tmpdir(), 'salesbook-bench-data-')),
  options: { timeoutMs?: number; extraEnv?: Record<string, string> } = {},
): Promise<BenchServer> {
  const timeoutMs = options.timeoutMs ?? 300_000;
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('SALESBOOK_')) delete env[key];
  Object.assign(env, { SALESBOOK_DIST: dist, SALESBOOK_CONTENT: content, SALESBOOK_DATA: dataDir, SALESBOOK_DEMO: '1', HOST: '127.0.0.1', PORT: String(port), NODE_ENV: 'production', ...options.extraEnv });
  const started = performance.now();
  const child = spawn(process.execPath, ['scripts/serve.mjs'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const indexRuns: IndexRun[] = [];
  const partial = new Map<unknown, string>();
  const readLines = (stream: unknown, chunk: Buffer) => {
    const lines = ((partial.get(stream) ?? '') + chunk.toString()).split('\n');
    partial.set(stream, lines.pop() ?? '');
    for (const line of lines) {
      const said = INDEX_LINE.exec(line);
      if (said) indexRuns.push({ seconds: Number(said[1]), rendered: said[2] ? Number(said[2]) : null, unchanged: said[3] ? Number(said[3]) : null });
    }
  };
  child.stdout!.on('data', (chunk: Buffer) => readLines(child.stdout, chunk));
  child.stderr!.on('data', (chunk: Buffer) => readLines(child.stderr, chunk));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The server did not listen within ${timeoutMs / 1000} s:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-10_000);
      if (output.includes(`Server listening on ${url}`)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The server exited (${code}) before listening:\n${output}`));
    });
  });
  const startS = (performance.now() - started) / 1000;
  child.removeAllListeners('exit');
  return {
    url,
    dataDir,
    process: child,
    startS,
    rebuilt: output.includes('Salesbook: building into'),
    indexRuns,
    async stop() {
      if (exited(child)) return;
      child.kill('SIGTERM');
      await waitForExit(child, 10_000);
      if (!exited(child)) {
        child.kill('SIGKILL');
        await waitForExit(child, 5_000);
      }
      child.stdout?.destroy();
      child.stderr?.destroy();
    },
  };
}

/** Signs in through the sign-in form and returns the session cookie, `salesbook_session=…`. */
export async function signIn(url: string, login: string, password = 'demo'): Promise<string> {
  const response = await fetch(`${url}/login?_action=login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: url },
    body: new URLSearchParams({ login, password }).toString(),
    redirect: 'manual',
  });
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(';')[0]!.trim())
    .find((pair) => pair.startsWith('salesbook_session='));
  if (response.status !== 303 || !cookie) throw new Error(`Signing in as ${login} answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
  return cookie;
}
