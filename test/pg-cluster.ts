// A throwaway PostgreSQL for the tests of the PostgreSQL store: SALESBOOK_TEST_DATABASE_URL when it is
// set (a server the developer runs; each test makes its own database there), or else a cluster made
// with initdb into a temporary folder from Debian's binaries (/usr/lib/postgresql/<version>/bin),
// listening on 127.0.0.1 and a free port, and removed when the run ends. As root, PostgreSQL runs as
// the `postgres` user, which owns the folder. Without either, the PostgreSQL tests are skipped with a
// message, except under CI (the CI variable set), where a missing PostgreSQL fails the run.
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface TestCluster {
  /** The URL of the cluster's maintenance database, for making and dropping test databases. */
  url: string;
  stop(): Promise<void>;
}

/** Where initdb and postgres are: Debian's newest version, else none. */
export function postgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] && join(root, versions[0], 'bin');
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

const isRoot = () => process.getuid?.() === 0;

/** runuser (util-linux) is in the system administrator's folders, which a CI job's PATH may leave out. */
const runuser = () => ['/usr/sbin/runuser', '/sbin/runuser', '/usr/bin/runuser', '/bin/runuser'].find((path) => existsSync(path)) ?? 'runuser';

function asOwner(command: string, args: string[]): [string, string[]] {
  return isRoot() ? [runuser(), ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

/** What a program that failed said, or why it could not run at all. */
const said = (run: ReturnType<typeof spawnSync>) => run.error?.message ?? (`${run.stderr ?? ''}${run.stdout ?? ''}`.trim() || `exit ${run.status}`);

/** Makes and starts a cluster in a temporary folder; the reason it cannot when it cannot. */
export async function startTestCluster(): Promise<TestCluster | string> {
  const given = process.env.SALESBOOK_TEST_DATABASE_URL;
  if (given) return { url: given, stop: async () => undefined };
  const bin = postgresBin();
  if (!bin) return 'no PostgreSQL here: /usr/lib/postgresql/<version>/bin/initdb is missing (apt-get install postgresql), and SALESBOOK_TEST_DATABASE_URL is not set';
  const dir = mkdtempSync(join(tmpdir(), 'salesbook-pg-'));
  if (isRoot()) {
    const owner = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const group = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    if (owner.status !== 0) return 'running as root, but there is no `postgres` user to run PostgreSQL as';
    chownSync(dir, Number(owner.stdout.trim()), Number(group.stdout.trim()));
  }
  const data = join(dir, 'data');
  const [initCommand, initArgs] = asOwner(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const init = spawnSync(initCommand, initArgs, { encoding: 'utf8' });
  if (init.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return `initdb failed: ${said(init)}`;
  }
  const port = await freePort();
  const log = join(dir, 'postgres.log');
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off`;
  const pgCtl = (args: string[]) => {
    const [command, commandArgs] = asOwner(join(bin, 'pg_ctl'), ['-D', data, ...args]);
    return spawnSync(command, commandArgs, { encoding: 'utf8', timeout: 60_000 });
  };
  const stop = async () => {
    pgCtl(['stop', '-m', 'fast', '-w']);
    rmSync(dir, { recursive: true, force: true });
  };
  const started = pgCtl(['start', '-w', '-t', '30', '-l', log, '-o', options]);
  if (started.status !== 0) {
    const output = existsSync(log) ? readFileSync(log, 'utf8').slice(-2000) : '';
    await stop();
    return `PostgreSQL did not start: ${said(started)}${output}`;
  }
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return { url, stop };
}

let made = 0;

/** A new empty database on the cluster at `url`; its URL. */
export async function freshDatabase(url: string): Promise<string> {
  const name = `salesbook_test_${process.pid}_${Date.now().toString(36)}_${made++}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const target = new URL(url);
  target.pathname = `/${name}`;
  return target.toString();
}
