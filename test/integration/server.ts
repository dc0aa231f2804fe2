// Starts the real built Salesbook server (scripts/serve.mjs on dist-test) for integration tests,
// and small HTTP helpers. Everything talks to 127.0.0.1 only.
import { parse as devalueParse } from 'devalue';
import { spawn, type ChildProcess } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import * as clock from '../../src/server/clock';
import { readStoreState } from '../../src/server/store/store';
import { ClockFile } from '../clock';
import { storeFileBytes, TEST_AUDIT_KEY } from '../store-files';
import { removeTempDirs, tempDir } from '../temp';
import { ROOT, TEST_CONTENT, TEST_DIST, testBuild } from './global-setup';

export { ROOT, TEST_CONTENT, TEST_DIST, testBuild };

const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

export interface StartOptions {
  /** The data folder; a fresh temporary one when absent. */
  data?: string;
  /** Seed the demo people on a first start (SALESBOOK_DEMO=1). */
  demo?: boolean;
  /** Extra environment for the server process. */
  env?: Record<string, string>;
  /** Extra options for node, before the script (such as --import). */
  nodeArgs?: string[];
  /** The port to listen on; a free one when absent. */
  port?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  dataDir: string;
  /** The server's clock: `clock.advance(ms)` moves it forward at once. */
  clock: ClockFile;
  process: ChildProcess;
  /** SIGTERM, then wait for the exit (SIGKILL after 10 s). */
  stop(): Promise<void>;
  /** SIGKILL (kill -9), then wait for the exit. */
  kill9(): Promise<void>;
  /** Everything the server printed so far, stdout and stderr. */
  output(): string;
}

/** The server exited before it listened; carries its exit code and output. */
export class ServerExitError extends Error {
  constructor(
    readonly code: number | null,
    readonly signal: NodeJS.Signals | null,
    readonly output: string,
  ) {
    super(`The server exited before listening (${signal ?? `exit code ${code}`}). Its output:\n${output}`);
  }
}

const running = new Set<RunningServer>();

/** A port nobody listens on right now, on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

/** A fresh temporary folder, removed when the test file ends (test/temp.ts). */
export { tempDir as tempDataDir };

/** Stops every server still running, then removes the temporary folders made so far; for afterAll. */
export async function cleanUp(): Promise<void> {
  await stopAllServers();
  removeTempDirs();
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Starts `node scripts/serve.mjs` on the fixture build; resolves once it listens. */
export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const dataDir = options.data ?? tempDir('salesbook-it-');
  const port = options.port ?? (await freePort());
  // The server's clock follows a file in its data folder, started at this process's time (the suite's
  // clock) unless an earlier server on the same data left it running.
  const serverClock = new ClockFile(join(dataDir, 'test-clock'));
  if (!existsSync(serverClock.path)) serverClock.set(clock.now());
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('SALESBOOK_')) delete env[key];
  Object.assign(env, {
    SALESBOOK_CLOCK_FILE: serverClock.path,
    SALESBOOK_CONTENT: TEST_CONTENT,
    SALESBOOK_DIST: TEST_DIST,
    SALESBOOK_DATA: dataDir,
    SALESBOOK_AUDIT_KEY: TEST_AUDIT_KEY.toString(),
    HOST: '127.0.0.1',
    PORT: String(port),
    // Password hashes as cheap as the seeded ones (test/integration/seed.ts), so sign-ins stay quick
    // and nothing is hashed again at sign-in; a test that wants the real cost sets it back.
    SALESBOOK_SCRYPT_N: '1024',
    // Demo people without the made-up history, unless a test asks for it.
    ...(options.demo ? { SALESBOOK_DEMO: '1', SALESBOOK_DEMO_HISTORY: '0' } : {}),
    ...options.env,
  });
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), 'scripts/serve.mjs'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = `${env.SERVER_CERT_PATH ? 'https' : 'http'}://127.0.0.1:${port}`;

  const server: RunningServer = {
    url,
    port,
    dataDir,
    clock: serverClock,
    process: child,
    output: () => output,
    async stop() {
      running.delete(server);
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      if (!(await waitForExit(child, STOP_TIMEOUT_MS))) {
        child.kill('SIGKILL');
        await waitForExit(child, STOP_TIMEOUT_MS);
      }
    },
    async kill9() {
      running.delete(server);
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await waitForExit(child, STOP_TIMEOUT_MS);
    },
  };
  running.add(server);

  await new Promise<void>((resolve, reject) => {
    const listening = `Server listening on ${url}`;
    const timer = setTimeout(() => {
      void server.kill9().then(() => reject(new Error(`The server did not listen within ${START_TIMEOUT_MS / 1000} s. Its output:\n${output}`)));
    }, START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(listening)) {
        clearTimeout(timer);
        child.off('exit', onExit);
        resolve();
      }
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      clearTimeout(timer);
      running.delete(server);
      // Let the pipes deliver what is left before reporting.
      setTimeout(() => reject(new ServerExitError(code, signal, output)), 50);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', onExit);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
  return server;
}

/** Runs the server expecting it to refuse to start; returns its exit code and output. */
export async function startExpectingFailure(options: StartOptions = {}): Promise<ServerExitError> {
  try {
    const server = await startServer(options);
    await server.stop();
  } catch (error) {
    if (error instanceof ServerExitError) return error;
    throw error;
  }
  throw new Error('The server started, but it was expected to refuse.');
}

/** Stops every server still running; for afterEach/afterAll. */
export async function stopAllServers(): Promise<void> {
  await Promise.all([...running].map((server) => server.stop()));
}

export const SESSION_COOKIE = 'salesbook_session';

/** The `name=value` of the session cookie a response sets, if it sets one. */
export function sessionCookieFrom(response: Response): string | undefined {
  for (const header of response.headers.getSetCookie()) {
    const pair = header.split(';')[0]!.trim();
    if (pair.startsWith(`${SESSION_COOKIE}=`)) return pair;
  }
  return undefined;
}

/**
 * POSTs a urlencoded form with the server's own Origin (or `origin`), without following redirects;
 * `from` sends it as if through a trusted proxy from that client address (X-Forwarded-For).
 */
export function postForm(url: string, path: string, fields: Record<string, string>, cookie?: string, origin: string = url, from?: string): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', origin };
  if (from) headers['x-forwarded-for'] = from;
  if (cookie) headers.cookie = cookie;
  return fetch(new URL(path, url), { method: 'POST', headers, body: new URLSearchParams(fields).toString(), redirect: 'manual' });
}

/** GETs a path (sent as written, not normalized) without following redirects. */
export function get(url: string, path: string, cookie?: string): Promise<Response> {
  return fetch(`${url}${path}`, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
}

/** Signs in through the login form (from client address `from`, see postForm); returns the session cookie (`salesbook_session=…`). */
export async function signIn(url: string, login: string, password: string, cookie?: string, from?: string): Promise<string> {
  const response = await postForm(url, '/login?_action=login', { login, password }, cookie, url, from);
  const body = await response.text();
  const session = sessionCookieFrom(response);
  if (response.status !== 303 || !session) {
    throw new Error(`Signing in as ${login} answered ${response.status}${session ? '' : ' without a session cookie'}: ${body.slice(0, 300)}`);
  }
  return session;
}

/** The data on disk — the data file with its journal replayed — as a running server has it. */
export function readStore(dataDir: string): any {
  return readStoreState(join(dataDir, 'salesbook.json'));
}

/** The data file's and its journals' bytes: equal before and after, nothing was written. */
export function storedBytes(dataDir: string): Buffer {
  return storeFileBytes(join(dataDir, 'salesbook.json'));
}

export interface RawResponse {
  status: number;
  location: string | undefined;
  setCookie: string[];
  body: string;
}

/**
 * Sends a request with the path exactly as written (fetch would normalize "/a/../b" and the like),
 * to 127.0.0.1 only, with a 10 s limit.
 */
export function rawRequest(url: string, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port: Number(port), method, path, headers, timeout: 10_000 }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        const setCookie = res.headers['set-cookie'] ?? [];
        resolve({ status: res.statusCode ?? 0, location: res.headers.location, setCookie, body: text });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${path} timed out`)));
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Calls an Astro action as a form posts it from the server's own origin; what it returned (devalue
 * on success) or its error (plain JSON).
 */
export async function postAction(url: string, name: string, fields: Record<string, string | string[]>, cookie: string): Promise<{ status: number; body: any }> {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) for (const one of [value].flat()) form.append(key, one);
  const response = await fetch(new URL(`/_actions/${name}`, url), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: url, cookie },
    body: form.toString(),
  });
  const text = await response.text();
  return { status: response.status, body: response.ok ? devalueParse(text) : JSON.parse(text) };
}
