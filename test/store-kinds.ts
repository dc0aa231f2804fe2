// The two stores behind the Store interface, for tests that run on both: the data file (store.ts) and
// PostgreSQL (pg-store.ts, on a fresh database of the run's throwaway cluster). Each kind opens a store
// on new, empty data and reads back what is durable, as a restart would find it.
import { join } from 'node:path';
import { afterEach, describe, inject } from 'vitest';
import pg from 'pg';
import { storeDataSchema, type StoreData } from '../src/server/store/data';
import { openPgStore, readTables } from '../src/server/store/pg-store';
import { openStore, readStoreState, type Store } from '../src/server/store/store';
import { freshDatabase } from './pg-cluster';
import { tempDir } from './temp';
import { storeFileBytes, TEST_AUDIT_KEY } from './store-files';

export interface StoreOptions {
  seed?: () => StoreData;
  writeHook?: () => Promise<void> | void;
  /** PostgreSQL only: how many changes sb_changes keeps. */
  keepChanges?: number;
}

/** Where one store's data lives: each call of `open` opens another store on the same data. */
export interface StorePlace {
  open(options?: StoreOptions): Promise<Store>;
  /** The data as it is durable now: what the next start would load. */
  durable(): Promise<StoreData>;
  /**
   * What is durable, down to what no data shows: the data file and its journals byte for byte, or
   * the database's data with the number of changes and audit lines it holds. Equal before and after
   * something means that nothing at all was written.
   */
  fingerprint(): Promise<string>;
}

export interface StoreKind {
  name: 'json' | 'postgres';
  /** New, empty data; stores opened on it are closed after each test. */
  place(): Promise<StorePlace>;
}

const opened: Store[] = [];
afterEach(async () => {
  while (opened.length) await opened.pop()!.close();
});
const keep = (store: Store) => (opened.push(store), store);

/** The run's PostgreSQL, or why there is none (then the PostgreSQL tests are skipped, never under CI). */
export function testPostgres(): { url: string } | { missing: string } {
  return inject('postgres');
}

export async function pgDurable(url: string): Promise<StoreData> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const raw = await readTables(client);
    const { rows } = await client.query<{ value: number }>(`select value from sb_values where key = 'writes'`);
    return storeDataSchema.parse({ ...raw, writes: rows[0]?.value ?? 0 });
  } finally {
    await client.end();
  }
}

export const jsonKind: StoreKind = {
  name: 'json',
  async place() {
    const dir = tempDir('salesbook-store-');
    const path = join(dir, 'salesbook.json');
    return {
      open: async ({ keepChanges: _pgOnly, ...options } = {}) => keep(await openStore({ path, lockPath: `${path}.lock`, backupsDir: join(dir, 'backups'), auditKey: TEST_AUDIT_KEY, ...options })),
      durable: async () => readStoreState(path),
      fingerprint: async () => storeFileBytes(path).toString('base64'),
    };
  },
};

export const postgresKind: StoreKind = {
  name: 'postgres',
  async place() {
    const server = testPostgres();
    if (!('url' in server)) throw new Error(server.missing);
    const url = await freshDatabase(server.url);
    return {
      open: async (options = {}) => keep(await openPgStore({ url, auditKey: TEST_AUDIT_KEY, ...options })),
      durable: () => pgDurable(url),
      fingerprint: async () => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          const { rows } = await client.query<{ changes: string; audit: string }>('select (select count(*) from sb_changes) as changes, (select count(*) from sb_audit) as audit');
          return `${JSON.stringify(await pgDurable(url))} ${rows[0]!.changes} ${rows[0]!.audit}`;
        } finally {
          await client.end();
        }
      },
      url,
    } as StorePlace & { url: string };
  },
};

const pgMissing = () => {
  const server = testPostgres();
  return 'missing' in server ? server.missing : undefined;
};

/** Runs `tests` once for each store; the PostgreSQL run is skipped, with the reason, where there is no PostgreSQL. */
export function describeEachStore(title: string, tests: (kind: StoreKind) => void): void {
  for (const kind of [jsonKind, postgresKind]) {
    const missing = kind.name === 'postgres' ? pgMissing() : undefined;
    (missing ? describe.skip : describe)(`${title} (${kind.name}${missing ? `: skipped, ${missing}` : ''})`, () => tests(kind));
  }
}

/** Runs `tests` on PostgreSQL only; skipped, with the reason, where there is none. */
export function describeOnPostgres(title: string, tests: () => void): void {
  const missing = pgMissing();
  (missing ? describe.skip : describe)(`${title}${missing ? ` (skipped: ${missing})` : ''}`, tests);
}
