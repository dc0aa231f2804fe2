// The data store on PostgreSQL, for a company that outgrows one process and its file, or runs
// several servers on one database. Each server keeps the data in memory as the file store does, and
// reads from it; each change is one transaction that takes the write lock (pg_advisory_xact_lock, so
// changes from every server run one at a time and each checks the latest data), catches up on the
// changes other servers made, runs the change, writes the records it added or replaced into the
// collection's table (where PostgreSQL holds them to the rules of pg-schema.ts), the change's steps
// into sb_changes and its audit entries into sb_audit, and commits. The commit announces the change's
// number on a channel; the other servers listen and catch up, so `generation` is the number of the
// last change a server has applied, the same on every server once they have caught up.
import pg from 'pg';
import { applyChanges, freezeChanged, freezeRecords, restore, viewOf, type Baseline, type ChangeOp } from './changes';
import { GENESIS, linkOf, type AuditInput, type AuditOf } from './audit';
import { CURRENT_SCHEMA_VERSION, emptyStore, storeDataSchema, type StoreData } from './data';
import { migrate } from './migrations';
import { CHANGES_CHANNEL, WRITE_LOCK, collectionTables, ensureSchema } from './pg-schema';
import { prepareChange } from './prepare-change';
import { StoreStartError, type Store } from './store-api';

export interface OpenPgStoreOptions {
  /** postgres://user:password@host:port/database: a secret, never printed. */
  url: string;
  /** The key of the audit log's links, as for the file store. */
  auditKey: Buffer;
  /** Data for a first start on an empty database; empty when absent. */
  seed?: () => StoreData;
  /** Connections kept open for changes and catching up; 5 by default. */
  poolSize?: number;
  /** Called after a change's rows are written and before its commit; for tests that break writes. */
  writeHook?: () => Promise<void> | void;
  /**
   * How many of the latest changes sb_changes keeps for servers catching up (10000 by default); older
   * ones are removed now and then, and a server further behind loads the tables anew instead.
   */
  keepChanges?: number;
  /** False: hears no announcements and catches up only at its own changes, like a server whose listening connection is down; for tests. */
  listen?: boolean;
}

/** Where a database is, without its password: for messages. */
export function databaseName(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''}${parsed.pathname}`;
  } catch {
    return 'the database SALESBOOK_DATABASE_URL names';
  }
}

/** Keys of the data that are neither collections nor the change count: each is a row of sb_values. */
const valueKeys = (collections: ReadonlyMap<string, string>) =>
  Object.keys(storeDataSchema.shape).filter((key) => !collections.has(key) && key !== 'writes');

/** The data as the tables hold it, before migrating or checking; null for a database never written. */
export async function readTables(client: pg.ClientBase): Promise<Record<string, unknown> | null> {
  const collections = collectionTables();
  const { rows } = await client.query<{ key: string; value: unknown }>('select key, value from sb_values');
  if (rows.length === 0) return null;
  const raw: Record<string, unknown> = {};
  for (const row of rows) raw[row.key] = row.value;
  for (const [key, table] of collections) {
    const result = await client.query<{ body: unknown }>(`select body from ${table} order by pos`);
    raw[key] = result.rows.map((r) => r.body);
  }
  return raw;
}

/** Empties every table of the data and writes `data` into them; inside a transaction that holds the write lock. */
export async function writeTables(client: pg.ClientBase, data: StoreData): Promise<void> {
  const collections = collectionTables();
  await client.query(`select set_config('salesbook.rewrite', 'on', true)`);
  await client.query('delete from sb_values');
  for (const [key, table] of collections) {
    await client.query(`delete from ${table}`);
    await insertRows(client, table, 0, (data as Record<string, unknown>)[key] as unknown[]);
  }
  const values = valueKeys(collections).map((key) => [key, (data as Record<string, unknown>)[key] ?? null]);
  values.push(['writes', data.writes]);
  await client.query(`insert into sb_values (key, value) select x->>0, x->1 from jsonb_array_elements($1::jsonb) as x`, [JSON.stringify(values)]);
  await client.query(`select set_config('salesbook.rewrite', 'off', true)`);
}

async function insertRows(client: pg.ClientBase, table: string, from: number, records: readonly unknown[]): Promise<void> {
  // In slices, so that a large collection never makes one parameter of hundreds of megabytes.
  for (let start = 0; start < records.length; start += 5000) {
    const slice = records.slice(start, start + 5000);
    await client.query(`insert into ${table} (pos, body) select $2::int + (ord - 1)::int, body from jsonb_array_elements($1::jsonb) with ordinality as x(body, ord)`, [
      JSON.stringify(slice),
      from + start,
    ]);
  }
}

/** The link of the audit log's last line, or null when it has none. */
async function auditTail(client: pg.ClientBase, key: Buffer): Promise<string | null> {
  const { rows } = await client.query<{ line: string }>('select line from sb_audit order by seq desc limit 1');
  return rows[0] ? linkOf(rows[0].line, key) : null;
}

function checked(raw: unknown, where: string): StoreData {
  const result = storeDataSchema.safeParse(raw);
  if (!result.success) {
    const issues = result.error.issues.slice(0, 5).map((issue) => `${issue.path.join('.') || '(data)'}: ${issue.message}`);
    throw new StoreStartError(where, `does not hold valid Salesbook data:\n  ${issues.join('\n  ')}\nRestore a backup (pg_restore), or fix the rows named.`, 'database');
  }
  return result.data;
}

/**
 * Connects, brings the tables up to date, and loads the data: seeds an empty database, migrates data
 * of an older version (rewriting its tables in the same transaction), and starts listening for the
 * changes of other servers.
 */
export async function openPgStore(options: OpenPgStoreOptions): Promise<Store> {
  const where = databaseName(options.url);
  const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 5 });
  // An idle connection that breaks is replaced on next use; the error must not stop the process.
  pool.on('error', (error) => console.error(`Salesbook: a connection to the database ${where} broke (${error.message}); a new one is made when needed.`));
  let client: pg.PoolClient;
  let released = false;
  try {
    client = await pool.connect();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new StoreStartError(where, `cannot be reached (${(error as Error).message}). Check SALESBOOK_DATABASE_URL and that PostgreSQL runs.`, 'database');
  }
  try {
    await client.query('begin');
    await client.query('select pg_advisory_xact_lock($1)', [WRITE_LOCK]);
    await ensureSchema(client);
    const raw = await readTables(client);
    let data: StoreData;
    if (raw === null) {
      data = checked(options.seed ? options.seed() : emptyStore(), `${where} (the first data)`);
      await writeTables(client, data);
    } else {
      let migrated: { data: unknown; from: number };
      try {
        migrated = migrate(raw);
      } catch (error) {
        throw new StoreStartError(where, `cannot be read: ${(error as Error).message}`, 'database');
      }
      data = checked(migrated.data, where);
      const { rows } = await client.query<{ seq: string | null }>('select max(seq) as seq from sb_changes');
      data.writes = Math.max(data.writes, Number(rows[0]?.seq ?? 0));
      if (migrated.from !== CURRENT_SCHEMA_VERSION) {
        // Rewritten in this version's terms, and told to servers still running the older version, which then stop changing it.
        data.writes += 1;
        await writeTables(client, data);
        await client.query('insert into sb_changes (seq, version, ops) values ($1, $2, $3)', [data.writes, CURRENT_SCHEMA_VERSION, '[]']);
        console.warn(`Salesbook: the data in ${where} was migrated from version ${migrated.from} to ${CURRENT_SCHEMA_VERSION}. Keep a pg_dump from before the upgrade until you are sure.`);
      }
    }
    const tail = await auditTail(client, options.auditKey);
    await client.query('commit');
    if (data.auditHead !== null && tail !== null && data.auditHead !== tail) {
      console.error(`Salesbook: the audit log in ${where} (sb_audit) does not end with the entry the data records as the last one; run \`npm run audit:verify\`.`);
    }
    client.release();
    released = true;
    freezeRecords(data);
    const store = new PgStore(pool, data, tail, options);
    if (options.listen !== false) await store.listen();
    return store;
  } catch (error) {
    if (!released) {
      await client.query('rollback').catch(() => undefined);
      client.release();
    }
    await pool.end().catch(() => undefined);
    throw error;
  }
}

class PgStore implements Store {
  #pool: pg.Pool;
  #data: StoreData;
  #visible: StoreData;
  #where: string;
  #auditKey: Buffer;
  /** The audit log's last link when the data records none (data moved from a file written before it kept the head). */
  #auditTail: string | null;
  #writeHook?: () => Promise<void> | void;
  #collections = collectionTables();
  #queue: Promise<unknown> = Promise.resolve();
  #listener: pg.Client | undefined;
  #url: string;
  #closing: Promise<void> | undefined;
  /** A catch-up is queued already: further announcements wait for it instead of queueing their own. */
  #catchUpQueued = false;
  /** The catch-up an announcement started, until it is done. */
  #catchingUp: Promise<void> | undefined;
  #keepChanges: number;

  constructor(pool: pg.Pool, data: StoreData, auditTail: string | null, options: OpenPgStoreOptions) {
    this.#pool = pool;
    this.#data = data;
    this.#visible = data;
    this.#where = databaseName(options.url);
    this.#url = options.url;
    this.#auditKey = options.auditKey;
    this.#auditTail = auditTail;
    this.#writeHook = options.writeHook;
    this.#keepChanges = options.keepChanges ?? 10_000;
  }

  get generation(): number {
    return this.#visible.writes;
  }

  #enqueue<T>(task: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(task, task);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  /**
   * Listens for the changes other servers commit. A connection that breaks is made again a second
   * later, and what was missed is caught up on; only the first connection, at start, may fail the start.
   */
  async listen(again = false): Promise<void> {
    if (this.#closing) return;
    const client = new pg.Client({ connectionString: this.#url });
    const retry = () => setTimeout(() => void this.listen(true).catch(() => undefined), 1000).unref();
    client.on('notification', () => this.#scheduleCatchUp());
    client.on('error', (error) => {
      if (this.#closing || this.#listener !== client) return;
      console.error(`Salesbook: the connection that hears other servers' changes to ${this.#where} broke (${error.message}); connecting again.`);
      this.#listener = undefined;
      void client.end().catch(() => undefined);
      retry();
    });
    try {
      await client.connect();
      await client.query(`listen ${CHANGES_CHANNEL}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      if (again && !this.#closing) retry();
      throw error;
    }
    if (this.#closing) return void (await client.end().catch(() => undefined));
    this.#listener = client;
    // Whatever was committed while nobody listened.
    this.#scheduleCatchUp();
  }

  #scheduleCatchUp(): void {
    if (this.#catchUpQueued || this.#closing) return;
    this.#catchUpQueued = true;
    const catchingUp = this.#enqueue(async () => {
      this.#catchUpQueued = false;
      await this.#catchUp(this.#pool);
    }).catch((error: Error) => console.error(`Salesbook: could not catch up on other servers' changes to ${this.#where} (${error.message}); the next change or announcement tries again.`));
    this.#catchingUp = catchingUp.finally(() => {
      if (this.#catchingUp === tracked) this.#catchingUp = undefined;
    });
    const tracked = this.#catchingUp;
  }

  /**
   * Applies the changes committed since this server's last one, in order. Runs in the queue. When the
   * changes right after it were already removed (the server was behind by more than sb_changes keeps),
   * the data is loaded from the tables anew, in one consistent view of them.
   */
  async #catchUp(client: pg.Pool | pg.ClientBase, rows?: { seq: string; version: number; ops: ChangeOp[] }[]): Promise<void> {
    rows ??= (await client.query<{ seq: string; version: number; ops: ChangeOp[] }>('select seq, version, ops from sb_changes where seq > $1 order by seq', [this.#data.writes])).rows;
    if (rows.length === 0) return;
    if (Number(rows[0]!.seq) !== this.#data.writes + 1) {
      await this.#reload(client);
      return;
    }
    const data = this.#data;
    for (const row of rows) {
      if (row.version !== CURRENT_SCHEMA_VERSION) {
        throw new Error(`Salesbook: the data in ${this.#where} is now version ${row.version}, written by another Salesbook; this one (version ${CURRENT_SCHEMA_VERSION}) takes no more changes. Restart it with the same Salesbook as the other servers.`);
      }
      applyChanges(data as unknown as Record<string, unknown>, row.ops);
      freezeChanged(row.ops);
      data.writes = Number(row.seq);
    }
  }

  /** Loads every table anew: inside a change's transaction (the write lock held), or in a read-only snapshot of its own. */
  async #reload(client: pg.Pool | pg.ClientBase): Promise<void> {
    const own = client instanceof pg.Pool ? await client.connect() : undefined;
    const reader = own ?? (client as pg.ClientBase);
    try {
      if (own) await own.query('begin isolation level repeatable read read only');
      const raw = await readTables(reader);
      const { rows } = await reader.query<{ seq: string | null }>('select max(seq) as seq from sb_changes');
      if (own) await own.query('commit');
      if (raw === null) throw new Error(`the data in ${this.#where} is gone`);
      const version = typeof raw.schemaVersion === 'number' ? raw.schemaVersion : 0;
      if (version !== CURRENT_SCHEMA_VERSION) {
        throw new Error(`Salesbook: the data in ${this.#where} is now version ${version}, written by another Salesbook; this one (version ${CURRENT_SCHEMA_VERSION}) takes no more changes. Restart it with the same Salesbook as the other servers.`);
      }
      const data = checked(raw, this.#where);
      data.writes = Math.max(data.writes, Number(rows[0]?.seq ?? 0));
      freezeRecords(data);
      this.#data = data;
      this.#visible = data;
    } catch (error) {
      if (own) await own.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      own?.release();
    }
  }

  /**
   * A read made once another server's change is announced waits until it is applied (for at most a
   * tenth of a second, should the database be slow to answer), so that it shows it.
   */
  async read<T>(select: (data: Readonly<StoreData>) => T): Promise<T> {
    if (this.#catchingUp) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([this.#catchingUp, new Promise((resolve) => (timer = setTimeout(resolve, 100)))]);
      clearTimeout(timer);
    }
    return structuredClone(select(this.#visible));
  }

  record(entry: AuditInput): Promise<void> {
    return this.mutate(() => undefined, () => entry);
  }

  mutate<T>(change: (draft: StoreData) => T, audit?: AuditOf<T>): Promise<T> {
    if (this.#closing) return Promise.reject(new Error(`Salesbook: the data store ${this.#where} is closed and takes no more changes.`));
    return this.#enqueue(async () => {
      const client = await this.#pool.connect();
      let broken = false;
      try {
        // One round trip: the transaction, the write lock, and the changes other servers made meanwhile.
        const results = (await client.query(
          `begin; select pg_advisory_xact_lock(${WRITE_LOCK}); select seq, version, ops from sb_changes where seq > ${Number(this.#data.writes)} order by seq`,
        )) as unknown as pg.QueryResult[];
        try {
          await this.#catchUp(client, results[2]!.rows);
          return await this.#change(client, change, audit);
        } catch (error) {
          await client.query('rollback').catch(() => (broken = true));
          throw error;
        }
      } catch (error) {
        if (error instanceof pg.DatabaseError) {
          throw new Error(`Salesbook: the database ${this.#where} refused the change (${error.message}); nothing was changed.`, { cause: error });
        }
        throw error;
      } finally {
        client.release(broken);
      }
    });
  }

  /** Runs the change on the caught-up data and writes it in the open transaction; commits. */
  async #change<T>(client: pg.PoolClient, change: (draft: StoreData) => T, audit: AuditOf<T> | undefined): Promise<T> {
    const data = this.#data;
    // Check and change in one synchronous call, on the latest data: the write lock is held.
    const prepared = prepareChange(data, change, audit, this.#auditTail ?? GENESIS, this.#auditKey);
    if (!prepared.changed) {
      await client.query('rollback');
      return prepared.result;
    }
    const { before, ops, seq, auditLines: lines } = prepared;
    try {
      // Until the commit, reads see the data as it was: a change that then fails was never seen.
      this.#visible = viewOf(before) as StoreData;
      await this.#write(client, before, data, ops, seq, lines);
      await this.#writeHook?.();
      await client.query('commit');
    } catch (error) {
      restore(data, before);
      throw error;
    } finally {
      this.#visible = data;
    }
    freezeChanged(ops);
    return prepared.result;
  }

  /** The change's rows: each collection's records that changed place or value, the other fields, the change, its audit lines. */
  async #write(client: pg.PoolClient, before: Baseline, data: StoreData, ops: readonly ChangeOp[], seq: number, lines: readonly string[]): Promise<void> {
    const now = data as unknown as Record<string, unknown>;
    const values: [string, unknown][] = [['writes', seq]];
    for (const key of new Set(ops.map((op) => op[1]))) {
      const table = this.#collections.get(key);
      if (!table) {
        values.push([key, now[key] ?? null]);
        continue;
      }
      const old = before.lists.get(key) ?? [];
      const list = now[key] as unknown[];
      const shared = Math.min(old.length, list.length);
      const replaced: [number, unknown][] = [];
      for (let i = 0; i < shared; i++) if (old[i] !== list[i]) replaced.push([i, list[i]]);
      if (list.length < old.length) await client.query(`delete from ${table} where pos >= $1`, [list.length]);
      if (replaced.length > 0) {
        await client.query(`update ${table} as t set body = x.value->1 from jsonb_array_elements($1::jsonb) as x where t.pos = (x.value->>0)::int`, [JSON.stringify(replaced)]);
      }
      if (list.length > old.length) await insertRows(client, table, old.length, list.slice(old.length));
    }
    // The other fields, the change, its audit lines and its announcement (delivered to the listening
    // servers when the transaction commits, never before), in one round trip.
    await client.query(
      `with fields as (
         insert into sb_values (key, value) select x->>0, x->1 from jsonb_array_elements($1::jsonb) as x
         on conflict (key) do update set value = excluded.value returning 1),
       change as (insert into sb_changes (seq, version, ops) values ($2, $3, $4) returning 1),
       audit as (insert into sb_audit (line) select unnest($5::text[]) returning 1)
       select pg_notify('${CHANGES_CHANNEL}', $6)`,
      [JSON.stringify(values), seq, CURRENT_SCHEMA_VERSION, JSON.stringify(ops), lines, String(seq)],
    );
    // Now and then, the changes every server has long applied go: the tables hold the data itself.
    if (seq % Math.min(1000, this.#keepChanges) === 0) await client.query('delete from sb_changes where seq <= $1', [seq - this.#keepChanges]);
  }

  close(): Promise<void> {
    this.#closing ??= this.#enqueue(async () => {
      const listener = this.#listener;
      this.#listener = undefined;
      await listener?.end().catch(() => undefined);
      await this.#pool.end();
    });
    return this.#closing;
  }
}
