// `npm run bench -- --store=postgres`: the PostgreSQL store beside the data file. A confirmation's
// latency (p50/p99) and the start at 1000 and 10000 people with a year of activity each, on both
// stores; then confirmations over HTTP from many people at once to one built server, and to two
// servers on one database behind a tiny round-robin load balancer. PostgreSQL is a throwaway cluster
// (as the tests make it) unless SALESBOOK_BENCH_DATABASE_URL names a server to create databases on.
// Then a head's team pages and a trainee's My path at --team people (10000), served from the data
// file and from the database. Options: --people=1000,10000 (store sizes), --writes=<n> (confirmations
// timed per size), --clients=<n> (people confirming at once over HTTP), --team=<n> (0: no pages),
// --team-stores=json,postgres (which stores serve the pages), --only=pages (the pages alone),
// --out=<file> (where the JSON goes).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acknowledgeDoc } from '../src/server/records/acknowledgements';
import { hashPassword } from '../src/server/http/passwords';
import type { StoredUser } from '../src/server/store/data';
import { openPgStore } from '../src/server/store/pg-store';
import type { Store } from '../src/server/store/store';
import { buildSalesbook, isBuildCurrent } from '../scripts/build-state.mjs';
import { freshDatabase, startTestCluster } from '../test/pg-cluster';
import { percentile, round } from './measure';
import { measureStore, yearOfActivity } from './store';
import { ROOT } from './server';
import { measureTeam, type TeamFigures } from './team';

const args = process.argv.slice(2);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const sizes = (option('people') ?? '1000,10000').split(',').map(Number);
const writes = Number(option('writes') ?? 200);
const clients = Number(option('clients') ?? 200);
const teamPeople = Number(option('team') ?? 10_000);
const only = option('only');
const teamStores = (option('team-stores') ?? 'json,postgres').split(',').filter((s): s is 'json' | 'postgres' => s === 'json' || s === 'postgres');
const out = option('out') ?? join(ROOT, 'bench', 'results', 'postgres.json');

interface StoreRow {
  store: 'json' | 'postgres';
  people: number;
  startMs: number;
  confirmP50Ms: number;
  confirmP99Ms: number;
}

async function timeConfirmations(store: Store, users: readonly StoredUser[], count: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const user = users[i % users.length]!;
    const t = performance.now();
    const { added } = await acknowledgeDoc(store, { userId: user.id, docId: `bench-doc-${i}`, version: '1.0', currentVersion: '1.0', contentHash: 'f'.repeat(64) });
    times.push(performance.now() - t);
    if (!added) throw new Error('The benchmark confirmation was not added.');
  }
  return times;
}

async function measurePg(server: string, people: number): Promise<StoreRow> {
  const url = await freshDatabase(server);
  const data = yearOfActivity(people);
  const key = randomBytes(32);
  const seeding = performance.now();
  await (await openPgStore({ url, auditKey: key, seed: () => data })).close();
  console.log(`  postgres: ${people} people written into the tables in ${round((performance.now() - seeding) / 1000, 1)} s`);
  const t0 = performance.now();
  const store = await openPgStore({ url, auditKey: key });
  const startMs = performance.now() - t0;
  try {
    const times = await timeConfirmations(store, data.users, writes);
    return { store: 'postgres', people, startMs: round(startMs, 0), confirmP50Ms: round(percentile(times, 50), 2), confirmP99Ms: round(percentile(times, 99), 2) };
  } finally {
    await store.close();
  }
}

// --- Over HTTP: one server, or two behind a load balancer ----------------------------------------

const DIST = join(ROOT, 'dist-test');
const CONTENT = join(ROOT, 'test', 'fixtures', 'content');
const PASSWORD = 'bench-pass-1';
const AUDIT_KEY = randomBytes(32).toString('hex');

function startServe(url: string, port: number): Promise<ChildProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('SALESBOOK_')) delete env[key];
  Object.assign(env, {
    SALESBOOK_DIST: DIST, SALESBOOK_CONTENT: CONTENT, SALESBOOK_DATA: mkdtempSync(join(tmpdir(), 'salesbook-bench-pg-')), SALESBOOK_DATABASE_URL: url,
    SALESBOOK_AUDIT_KEY: AUDIT_KEY, SALESBOOK_SCRYPT_N: '1024', SALESBOOK_TRUST_PROXY: '1', HOST: '127.0.0.1', PORT: String(port), NODE_ENV: 'production',
  });
  const child = spawn(process.execPath, ['scripts/serve.mjs'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${output}`)), 120_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Server listening')) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', () => reject(new Error(`the server stopped:\n${output}`)));
  });
}

/** A round-robin HTTP load balancer on 127.0.0.1: each request goes to the next backend, whole. */
function balancer(ports: number[]): Promise<{ url: string; server: Server }> {
  let next = 0;
  const server = createServer((incoming, answer) => {
    const port = ports[next++ % ports.length]!;
    const forward = request({ host: '127.0.0.1', port, method: incoming.method, path: incoming.url, headers: incoming.headers }, (reply) => {
      answer.writeHead(reply.statusCode ?? 502, reply.headers);
      reply.pipe(answer);
    });
    forward.on('error', () => answer.writeHead(502).end());
    incoming.pipe(forward);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server })));
}

const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

async function signIn(base: string, login: string, from: string): Promise<string> {
  const response = await fetch(`${base}/login?_action=login`, {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base, 'x-forwarded-for': from },
    body: new URLSearchParams({ login, password: PASSWORD }).toString(),
  });
  await response.text();
  const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('salesbook_session='));
  if (!cookie) throw new Error(`signing in as ${login} answered ${response.status}`);
  return cookie;
}

interface HttpRow {
  servers: number;
  clients: number;
  totalS: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

async function measureHttp(server: string, serverCount: number): Promise<HttpRow> {
  const url = await freshDatabase(server);
  const hash = await hashPassword(PASSWORD, { N: 1024, r: 8, p: 1, keyLength: 32 });
  const data = yearOfActivity(clients);
  data.users = data.users.map((u) => ({ ...u, passwordHash: hash, position: 'trainee' }));
  await (await openPgStore({ url, auditKey: Buffer.from(AUDIT_KEY), seed: () => data })).close();
  const ports = await Promise.all(Array.from({ length: serverCount }, () => freePort()));
  const children = await Promise.all(ports.map((port) => startServe(url, port)));
  const front = await balancer(ports);
  try {
    const cookies: string[] = [];
    for (const [i, user] of data.users.entries()) cookies.push(await signIn(front.url, user.login, `10.1.${i >> 8}.${i & 255}`));
    const times: number[] = [];
    const t0 = performance.now();
    await Promise.all(
      cookies.map(async (cookie) => {
        const t = performance.now();
        const response = await fetch(`${front.url}/_actions/acknowledgeDoc`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', origin: front.url, cookie },
          body: new URLSearchParams({ docId: 'lead-handling', version: '2.0' }).toString(),
        });
        await response.text();
        if (response.status !== 200) throw new Error(`a confirmation answered ${response.status}`);
        times.push(performance.now() - t);
      }),
    );
    const totalS = (performance.now() - t0) / 1000;
    return { servers: serverCount, clients, totalS: round(totalS, 2), perSecond: round(clients / totalS, 0), p50Ms: round(percentile(times, 50), 1), p99Ms: round(percentile(times, 99), 1) };
  } finally {
    front.server.close();
    for (const child of children) child.kill('SIGTERM');
  }
}

const cluster = process.env.SALESBOOK_BENCH_DATABASE_URL ? { url: process.env.SALESBOOK_BENCH_DATABASE_URL, stop: async () => undefined } : await startTestCluster();
if (typeof cluster === 'string') {
  console.error(`npm run bench -- --store=postgres needs PostgreSQL: ${cluster}.`);
  process.exit(1);
}
try {
  const rows: StoreRow[] = [];
  const http: HttpRow[] = [];
  if (only !== 'pages') {
    for (const people of sizes) {
      console.log(`${people} people:`);
      const json = await measureStore(people, writes);
      rows.push({ store: 'json', people, startMs: round(json.startMs, 0), confirmP50Ms: round(json.confirmP50Ms, 2), confirmP99Ms: round(json.confirmP99Ms, 2) });
      rows.push(await measurePg(cluster.url, people));
      for (const row of rows.slice(-2)) console.log(`  ${row.store}: start ${row.startMs} ms, confirmation p50 ${row.confirmP50Ms} ms, p99 ${row.confirmP99Ms} ms`);
    }
    if (!isBuildCurrent(DIST, ROOT)) await buildSalesbook(DIST, { root: ROOT });
    for (const count of [1, 2]) {
      const row = await measureHttp(cluster.url, count);
      http.push(row);
      console.log(`${count} server(s) behind the balancer: ${row.clients} confirmations at once in ${row.totalS} s (${row.perSecond}/s), p50 ${row.p50Ms} ms, p99 ${row.p99Ms} ms`);
    }
  }
  // The pages at a large company's size, one store after the other on the same build and people.
  // A store that cannot serve that many people says why, in place of its figures.
  const pages: { store: 'json' | 'postgres'; figures: TeamFigures | { failed: string } }[] = [];
  if (teamPeople > 0) {
    if (!isBuildCurrent(DIST, ROOT)) await buildSalesbook(DIST, { root: ROOT });
    const port = await freePort();
    for (const store of teamStores) {
      console.log(`team pages and My path, ${teamPeople} people, ${store === 'json' ? 'the data file' : 'PostgreSQL'}:`);
      try {
        const figures = await measureTeam(DIST, teamPeople, port, 3, store === 'postgres' ? await freshDatabase(cluster.url) : undefined);
        pages.push({ store, figures });
        console.log(`  My path alone: p50 ${round(figures.traineeAloneMs, 1)} ms`);
      } catch (error) {
        const failed = (error as Error).message.split('\n').filter(Boolean).at(-1) ?? String(error);
        pages.push({ store, figures: { failed } });
        console.log(`  could not be served: ${failed}`);
      }
    }
  }
  writeFileSync(out, `${JSON.stringify({ at: new Date().toISOString(), writes, stores: rows, http, pages }, null, 2)}\n`);
  console.log(`Written: ${out}`);
} finally {
  await cluster.stop();
}
