import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { Low } from 'lowdb';
import { describeIssue } from '../../schemas/error-map';
import { dataFiles } from '../config';
import { listBackups, makeBackup, rotateBackups, type BackupPolicy } from './backups';
import { storeDataSchema, emptyStore, type StoreData } from './data';
import { DurableJSONFile } from './durable-json-file';
import { acquireLock } from './lock';
import { migrate } from './migrations';

/**
 * What Salesbook needs from its data store. The lowdb store below keeps everything in one JSON file;
 * a PostgreSQL store would implement the same three methods with a transaction per `mutate`.
 */
export interface Store {
  /** Runs `select` on the current data and returns a deep copy of what it picked: never a live object. */
  read<T>(select: (data: Readonly<StoreData>) => T): Promise<T>;
  /**
   * Runs `change` on the data — check and change, with no `await` inside — then writes it durably.
   * Changes run one at a time. When `change` throws or the write fails, nothing changes, in memory or on disk.
   */
  mutate<T>(change: (draft: StoreData) => T): Promise<T>;
  /** Releases the lock. */
  close(): Promise<void>;
  /** Grows with every change, written or rolled back: whoever keeps something derived from the data knows when it went stale. */
  readonly generation: number;
}

export class StoreStartError extends Error {
  constructor(path: string, problem: string) {
    super(`Salesbook cannot start: the data file ${path} ${problem}`);
  }
}

export interface OpenStoreOptions {
  path: string;
  lockPath: string;
  backupsDir: string;
  backupPolicy?: BackupPolicy;
  /** Data for a first start with no file; empty when absent. */
  seed?: () => StoreData;
  /** Called after each successful write, with the data written; for tests that break writes. */
  writeHook?: () => Promise<void> | void;
}

function loadExisting(path: string): { data: StoreData; migratedFrom: number; text: string } {
  const text = readFileSync(path, 'utf8');
  if (text.trim() === '') throw new StoreStartError(path, 'is empty. It was probably cut short by a crash; restore a backup with `npm run restore`. The file was left as it is.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new StoreStartError(path, `is not valid JSON (${(error as Error).message}); it may be truncated. Restore a backup with \`npm run restore\`. The file was left as it is.`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new StoreStartError(path, `holds ${parsed === null ? 'null' : typeof parsed} instead of Salesbook data. Restore a backup with \`npm run restore\`. The file was left as it is.`);
  }
  let migrated: { data: unknown; from: number };
  try {
    migrated = migrate(parsed);
  } catch (error) {
    throw new StoreStartError(path, `cannot be read: ${(error as Error).message}`);
  }
  const result = storeDataSchema.safeParse(migrated.data);
  if (!result.success) {
    const first = result.error.issues.slice(0, 5).map((issue) => `${issue.path.join('.') || '(file)'}: ${describeIssue(issue, migrated.data, 'en')}`);
    throw new StoreStartError(path, `does not hold valid Salesbook data:\n  ${first.join('\n  ')}\nFix the file or restore a backup with \`npm run restore\`. The file was left as it is.`);
  }
  return { data: result.data, migratedFrom: migrated.from, text };
}

/** Opens the data file: takes the lock, reads, migrates and validates it, or creates it on a first start. */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const { path, lockPath, backupsDir } = options;
  mkdirSync(backupsDir, { recursive: true });
  const release = acquireLock(lockPath);
  try {
    const file = new DurableJSONFile<StoreData>(path);
    const db = new Low<StoreData>(file, emptyStore());
    let committed: string | undefined;
    if (existsSync(path)) {
      const { data, migratedFrom, text } = loadExisting(path);
      await makeBackup(path, backupsDir, 'start');
      db.data = data;
      committed = text;
      if (migratedFrom !== data.schemaVersion) await db.write();
    } else {
      const backups = await listBackups(backupsDir);
      if (backups.length > 0) {
        throw new StoreStartError(path, `is missing, but backups exist in ${backupsDir} (newest: ${backups[0]!.name}). Restore one with \`npm run restore\`; Salesbook will not start on empty data when data existed before.`);
      }
      db.data = options.seed ? options.seed() : emptyStore();
      await db.write();
    }
    await rotateBackups(path, backupsDir, options.backupPolicy);
    return new LowStore(db, file, file.written ?? committed!, release, options.writeHook);
  } catch (error) {
    release();
    throw error;
  }
}

/**
 * Changes are made in place and the whole file is written; a failed change or write is rolled back
 * by parsing the text last written, which is what the file on disk holds. Cloning all the data before
 * each change would cost more than writing it (see bench/): rollbacks are rare, changes are not.
 */
class LowStore implements Store {
  #db: Low<StoreData>;
  #file: DurableJSONFile<StoreData>;
  /** The JSON text of the data as last written; what a failed change rolls back to. */
  #committed: string;
  #release: () => void;
  #queue: Promise<unknown> = Promise.resolve();
  #writeHook?: () => Promise<void> | void;
  #generation = 0;

  get generation(): number {
    return this.#generation;
  }

  constructor(db: Low<StoreData>, file: DurableJSONFile<StoreData>, committed: string, release: () => void, writeHook?: () => Promise<void> | void) {
    this.#db = db;
    this.#file = file;
    this.#committed = committed;
    this.#release = release;
    this.#writeHook = writeHook;
  }

  #rollBack() {
    this.#db.data = JSON.parse(this.#committed) as StoreData;
  }

  async read<T>(select: (data: Readonly<StoreData>) => T): Promise<T> {
    return structuredClone(select(this.#db.data));
  }

  mutate<T>(change: (draft: StoreData) => T): Promise<T> {
    const run = async () => {
      let result: T;
      try {
        // Check and change in one synchronous call: no other change or read can come in between.
        result = structuredClone(change(this.#db.data));
        await this.#writeHook?.();
        await this.#db.write();
      } catch (error) {
        this.#rollBack();
        // Readers may have seen the change before it was rolled back.
        this.#generation++;
        throw error;
      }
      this.#committed = this.#file.written!;
      this.#generation++;
      return result;
    };
    const next = this.#queue.then(run, run);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async close(): Promise<void> {
    await this.#queue;
    this.#release();
  }
}

const GLOBAL_KEY = Symbol.for('salesbook.store');
type Holder = { [GLOBAL_KEY]?: Promise<Store> };

/**
 * The server's one store, opened on first use and kept on globalThis so that dev reloads reuse it.
 * `seed` is used only when no data file exists yet.
 */
export function serverStore(seed?: () => StoreData): Promise<Store> {
  const holder = globalThis as Holder;
  holder[GLOBAL_KEY] ??= openStore({
    path: dataFiles.store(),
    lockPath: dataFiles.lock(),
    backupsDir: dataFiles.backups(),
    seed,
  });
  return holder[GLOBAL_KEY];
}
