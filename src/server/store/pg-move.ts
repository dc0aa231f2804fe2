// Moving the data between a data folder (the data file with its journal, and the audit log) and a
// PostgreSQL database, both ways: `npm run data:move`. The target must be empty; what was written is
// read back and compared with what was read, collection by collection, and the audit chain is
// verified where it now is. The data folder is locked meanwhile, so no server changes it.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import pg from 'pg';
import { verifyAuditLog } from './audit';
import { storeDataSchema, type StoreData } from './data';
import { writeFileDurably } from './durable-json-file';
import { acquireLock } from './lock';
import { migrate } from './migrations';
import { WRITE_LOCK, collectionTables, ensureSchema } from './pg-schema';
import { databaseName, readTables, writeTables } from './pg-store';
import { readStoreState } from './store';

export interface DataFolder {
  store: string;
  lock: string;
  audit: string;
}

export const folderFiles = (folder: string): DataFolder => ({
  store: join(folder, 'salesbook.json'),
  lock: join(folder, 'salesbook.json.lock'),
  audit: join(folder, 'audit.jsonl'),
});

export interface MoveReport {
  /** Records of each collection, as read and as found again at the target. */
  counts: Record<string, number>;
  auditEntries: number;
}

export class MoveError extends Error {}

const countsOf = (data: StoreData): Record<string, number> =>
  Object.fromEntries([...collectionTables().keys()].map((key) => [key, ((data as Record<string, unknown>)[key] as unknown[]).length]));

/** Names the first collection or field that differs between what was read and what the target holds. */
function compare(read: StoreData, found: StoreData): void {
  for (const key of Object.keys(storeDataSchema.shape)) {
    const a = (read as Record<string, unknown>)[key];
    const b = (found as Record<string, unknown>)[key];
    if (Array.isArray(a) && Array.isArray(b) && a.length !== b.length) throw new MoveError(`${key}: ${a.length} records were read, but the target holds ${b.length}`);
    if (!isDeepStrictEqual(storeDataSchema.shape[key as keyof typeof storeDataSchema.shape].parse(a), storeDataSchema.shape[key as keyof typeof storeDataSchema.shape].parse(b))) {
      throw new MoveError(`${key}: the target does not hold what was read`);
    }
  }
}

function auditLinesOf(path: string): string[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8').split('\n').filter((line) => line !== '');
}

function checkChain(lines: readonly string[], key: Buffer, head: string | null, where: string): void {
  if (lines.length === 0 && head === null) return;
  const result = verifyAuditLog(lines.length > 0 ? `${lines.join('\n')}\n` : '', key, head);
  if (!result.ok) throw new MoveError(`the audit log ${where} is broken at line ${result.line}: ${result.reason}`);
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    throw new MoveError(`the database ${databaseName(url)} cannot be reached (${(error as Error).message})`);
  }
  return client;
}

/** What the database holds besides its empty tables, or nothing when it is empty. */
async function contentsOf(client: pg.ClientBase): Promise<string | undefined> {
  const tables = ['sb_values', 'sb_changes', 'sb_audit', ...collectionTables().values()];
  for (const table of tables) {
    const { rows } = await client.query<{ n: string }>(`select count(*) as n from ${table}`);
    if (Number(rows[0]!.n) > 0) return `${table} has ${rows[0]!.n} rows`;
  }
  return undefined;
}

/** Copies a data folder into an empty database; refuses a database that holds anything. */
export async function moveFolderToDatabase(folder: string, url: string, auditKey: Buffer): Promise<MoveReport> {
  const files = folderFiles(folder);
  if (!existsSync(files.store)) throw new MoveError(`there is no data file at ${files.store}`);
  const release = acquireLock(files.lock);
  try {
    const data = readStoreState(files.store);
    const lines = auditLinesOf(files.audit);
    checkChain(lines, auditKey, data.auditHead, files.audit);
    const client = await connect(url);
    try {
      await client.query('begin');
      await client.query('select pg_advisory_xact_lock($1)', [WRITE_LOCK]);
      await ensureSchema(client);
      const found = await contentsOf(client);
      if (found) throw new MoveError(`the database ${databaseName(url)} is not empty (${found}); data is moved only into an empty database, so that nothing is mixed or lost`);
      await writeTables(client, data);
      for (let start = 0; start < lines.length; start += 5000) {
        await client.query('insert into sb_audit (line) select unnest($1::text[])', [lines.slice(start, start + 5000)]);
      }
      // Read back inside the transaction: it commits only when the database holds exactly what was read.
      const back = await readDatabase(client);
      compare(data, back.data);
      checkChain(back.lines, auditKey, back.data.auditHead, `in ${databaseName(url)}`);
      await client.query('commit');
      return { counts: countsOf(data), auditEntries: lines.length };
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      await client.end();
    }
  } finally {
    release();
  }
}

/** The data and audit lines a database holds, checked like a start would. */
async function readDatabase(client: pg.ClientBase): Promise<{ data: StoreData; lines: string[] }> {
  const raw = await readTables(client);
  if (raw === null) throw new MoveError('the database holds no Salesbook data');
  const { rows } = await client.query<{ value: number }>(`select value from sb_values where key = 'writes'`);
  const parsed = storeDataSchema.safeParse({ ...migrate({ ...raw, writes: rows[0]?.value ?? 0 }).data });
  if (!parsed.success) throw new MoveError(`the database does not hold valid Salesbook data: ${parsed.error.issues[0]!.path.join('.')}: ${parsed.error.issues[0]!.message}`);
  const lines = (await client.query<{ line: string }>('select line from sb_audit order by seq')).rows.map((r) => r.line);
  return { data: parsed.data, lines };
}

/** Copies a database into a data folder that has no data file yet. */
export async function moveDatabaseToFolder(url: string, folder: string, auditKey: Buffer): Promise<MoveReport> {
  const files = folderFiles(folder);
  if (existsSync(files.store) || existsSync(files.audit)) throw new MoveError(`the data folder ${folder} already holds data (${existsSync(files.store) ? files.store : files.audit}); data is moved only into a folder without any`);
  mkdirSync(folder, { recursive: true });
  const release = acquireLock(files.lock);
  try {
    const client = await connect(url);
    let read: { data: StoreData; lines: string[] };
    try {
      // One consistent view of every table, while servers may go on writing.
      await client.query('begin isolation level repeatable read read only');
      read = await readDatabase(client);
      await client.query('commit');
    } finally {
      await client.end();
    }
    checkChain(read.lines, auditKey, read.data.auditHead, `in ${databaseName(url)}`);
    if (read.lines.length > 0) await writeFileDurably(files.audit, `${read.lines.join('\n')}\n`);
    await writeFileDurably(files.store, JSON.stringify(read.data));
    const back = readStoreState(files.store);
    compare(read.data, back);
    checkChain(auditLinesOf(files.audit), auditKey, back.auditHead, files.audit);
    return { counts: countsOf(read.data), auditEntries: read.lines.length };
  } finally {
    release();
  }
}

/** The audit log a database holds and the link its data records as the last one, for `npm run audit:verify`. */
export async function databaseAudit(url: string): Promise<{ lines: string[]; head: string | null }> {
  const client = await connect(url);
  try {
    await client.query('begin isolation level repeatable read read only');
    const exists = (await client.query<{ t: string | null }>(`select to_regclass('sb_audit') as t`)).rows[0]!.t;
    if (!exists) return { lines: [], head: null };
    const head = (await client.query<{ value: string | null }>(`select value from sb_values where key = 'auditHead'`)).rows[0]?.value ?? null;
    const lines = (await client.query<{ line: string }>('select line from sb_audit order by seq')).rows.map((r) => r.line);
    await client.query('commit');
    return { lines, head };
  } finally {
    await client.end();
  }
}

/** What to do instead of `npm run backup` and `npm run restore` when the data is in PostgreSQL. */
export function pgDumpAdvice(url: string): string {
  return [
    `The data is in PostgreSQL (${databaseName(url)}), so it is backed up with PostgreSQL's own tools, while the servers run:`,
    '  pg_dump --format=custom --file=salesbook-$(date +%F).dump "$SALESBOOK_DATABASE_URL"',
    'and restored into an empty database, with the servers stopped:',
    '  pg_restore --no-owner --dbname="$SALESBOOK_DATABASE_URL" salesbook-2026-12-01.dump',
    'Keep the audit key beside the dumps, elsewhere: `npm run audit:verify` needs it. See docs/operations.md.',
  ].join('\n');
}
