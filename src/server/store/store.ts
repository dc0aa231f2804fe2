import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { z } from 'astro/zod';
import { describeIssue } from '../../schemas/error-map';
import { auditKey, databaseUrl, dataFiles } from '../config';
import { listBackups, makeStartBackup, removeStaleBackupTemps, rotateBackups, type BackupPolicy } from './backups';
import { applyChanges, baselineOf, freezeChanged, freezeRecords, restore, viewOf } from './changes';
import { AuditFile, type AuditInput, type AuditOf } from './audit';
import { CURRENT_SCHEMA_VERSION, storeDataSchema, emptyStore, type StoreData } from './data';
import { removeLeftoverTemps, stringifyInSlices, writeFileDurably } from './durable-json-file';
import { JournalError, JournalFile, journalPaths, readJournals, type DroppedLine, type JournalRecord } from './journal';
import { acquireLock } from './lock';
import { migrate } from './migrations';
import { openPgStore } from './pg-store';
import { prepareChange } from './prepare-change';
import * as clock from '../clock';
import { InvalidChangeError, StoreStartError, type Store } from './store-api';

export { InvalidChangeError, StoreStartError, type Store } from './store-api';

export interface OpenStoreOptions {
  path: string;
  lockPath: string;
  backupsDir: string;
  backupPolicy?: BackupPolicy;
  /** Data for a first start with no file; empty when absent. */
  seed?: () => StoreData;
  /**
   * Journal size in bytes past which it is compacted into the data file. By default the larger of
   * 4 MiB and the data file's size, so that compacting costs at most about as much as the journal grew.
   */
  journalLimit?: number;
  /** The audit log; `audit.jsonl` beside the data file by default. */
  auditPath?: string;
  /** The key of the audit log's links (`auditKey()` in config.ts); kept outside the data folder. */
  auditKey: Buffer;
  /** Called between writing a change to the journal and syncing it; for tests that break writes. */
  writeHook?: () => Promise<void> | void;
}

const MIN_JOURNAL_LIMIT = 4 * 1024 * 1024;

interface LoadedState {
  data: StoreData;
  migratedFrom: number;
  /** Journal lines replayed onto the file. */
  replayed: number;
  /** When the data is migrated after a replay: the replayed data as the older version had it, for the start backup. */
  original: string | undefined;
  /** Every audit line the journals hold, in order, for the audit file to catch up on. */
  audit: string[];
  /** A last journal line cut short by a crash, left out. */
  dropped: DroppedLine | undefined;
}

function journalProblem(storePath: string, error: JournalError): StoreStartError {
  const where = error.gap ? `misses changes before line ${error.line}` : `cannot be read at line ${error.line}`;
  return new StoreStartError(
    error.file,
    `${where}: ${error.problem}. The journal holds the changes made since the data file ${storePath} was last written, and Salesbook will not start without them. Repair that line, or restore a backup with \`npm run restore\` (changes made after the backup are lost). Both files were left as they are.`,
    'journal',
  );
}

/** The first five problems the schema found, one per line, each under the path it is at (`root` for the whole). */
function firstIssues(error: z.ZodError, data: unknown, root: string): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || root}: ${describeIssue(issue, data, 'en')}`)
    .join('\n  ');
}

/**
 * The parsed text of a data file or backup, or a sentence saying why it is not Salesbook data at all:
 * empty, not JSON, not an object, or an object without a data version (such as `{}`), which would
 * otherwise read as data with nothing in it.
 */
export function parseDataText(text: string): Record<string, unknown> | string {
  if (text.trim() === '') return 'is empty. It was probably cut short by a crash';
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return `is not valid JSON (${(error as Error).message}); it may be truncated`;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return `holds ${parsed === null ? 'null' : Array.isArray(parsed) ? 'a list' : typeof parsed} instead of Salesbook data`;
  }
  const version = (parsed as { schemaVersion?: unknown }).schemaVersion;
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) {
    return 'holds no data version ("schemaVersion"), so it is not Salesbook data: every file Salesbook writes has one';
  }
  return parsed as Record<string, unknown>;
}

/** Reads the data file and replays its journal, then migrates and validates the result. Changes no file. */
function loadState(path: string): LoadedState {
  const raw = parseDataText(readFileSync(path, 'utf8'));
  if (typeof raw === 'string') throw new StoreStartError(path, `${raw}. Restore a backup with \`npm run restore\`. The file was left as it is.`);
  // The journal is written in the terms of the file's own data version, so it is replayed before
  // migrating: a Salesbook upgraded right after a crash still reads it right.
  const writes = typeof raw.writes === 'number' && Number.isSafeInteger(raw.writes) && raw.writes >= 0 ? raw.writes : 0;
  let records: JournalRecord[];
  let audit: string[];
  let dropped: DroppedLine | undefined;
  try {
    ({ records, audit, dropped } = readJournals(path, writes));
    for (const record of records) {
      try {
        applyChanges(raw, record.ops);
      } catch (error) {
        throw new JournalError(record.file, record.line, (error as Error).message);
      }
    }
  } catch (error) {
    throw error instanceof JournalError ? journalProblem(path, error) : error;
  }
  if (records.length > 0) raw.writes = records.at(-1)!.seq;
  const original = records.length > 0 && raw.schemaVersion !== CURRENT_SCHEMA_VERSION ? JSON.stringify(raw) : undefined;
  let migrated: { data: unknown; from: number };
  try {
    migrated = migrate(raw);
  } catch (error) {
    throw new StoreStartError(path, `cannot be read: ${(error as Error).message}`);
  }
  const result = storeDataSchema.safeParse(migrated.data);
  if (!result.success) {
    const replayed = records.length > 0 ? ' once its journal is replayed' : '';
    throw new StoreStartError(path, `does not hold valid Salesbook data${replayed}:\n  ${firstIssues(result.error, migrated.data, '(file)')}\nFix the file or restore a backup with \`npm run restore\`. The file was left as it is.`);
  }
  return { data: result.data, migratedFrom: migrated.from, replayed: records.length, original, audit, dropped };
}

/**
 * The data as a store opened on `path` would have it — the file with its journal replayed — read
 * without the lock and without changing any file: for backups and tests. When a running server
 * rewrites the file meanwhile, the read is done again.
 */
export function readStoreState(path: string): StoreData {
  let lastError: unknown;
  for (let attempt = 0; attempt < 5; attempt++) {
    const before = statSync(path);
    try {
      const { data } = loadState(path);
      const after = statSync(path);
      if (after.ino === before.ino && after.mtimeMs === before.mtimeMs) return data;
      lastError = new Error('the data file kept changing while it was read');
    } catch (error) {
      // A compaction between reading the file and its journal shows as missing changes: read again.
      if (!(error instanceof StoreStartError)) throw error;
      lastError = error;
    }
  }
  const detail = lastError instanceof StoreStartError ? lastError.detail : `the data file ${path}: ${(lastError as Error).message}`;
  throw new Error(`Salesbook cannot read its data: ${detail}`);
}

/** The first-start data, checked like a file would be, so that a bad seed fails now and not at the next start. */
function seedData(seed: (() => StoreData) | undefined, path: string): StoreData {
  const data = seed ? seed() : emptyStore();
  const result = storeDataSchema.safeParse(data);
  if (!result.success) {
    throw new StoreStartError(path, `is missing and the data to create it with is not valid:\n  ${firstIssues(result.error, data, '(data)')}`);
  }
  return result.data;
}

async function openAuditFile(path: string, key: Buffer, journal: readonly string[]): Promise<AuditFile> {
  try {
    return await AuditFile.open(path, key, journal, (message) => console.error(message));
  } catch (error) {
    throw new StoreStartError(
      path,
      `cannot be brought up to date from the journal (${(error as Error).message}). The journal holds audit entries the log lacks and is kept until they are written: make the audit log writable (and the disk not full), then start again.`,
      'audit log',
    );
  }
}

/**
 * Opens the data file: takes the lock, reads the file and replays its journal, migrates and validates
 * the data, or creates the file on a first start. The file then holds every change and the journal starts empty.
 */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const { path, lockPath, backupsDir } = options;
  const auditPath = options.auditPath ?? join(dirname(path), 'audit.jsonl');
  const journals = journalPaths(path);
  mkdirSync(backupsDir, { recursive: true });
  const release = acquireLock(lockPath);
  try {
    const leftovers = [...(await removeLeftoverTemps(path)), ...(await removeStaleBackupTemps(backupsDir)).map((name) => join(basename(backupsDir), name))];
    if (leftovers.length > 0) console.warn(`Salesbook: removed ${leftovers.length} temporary file(s) left by a run that stopped while writing: ${leftovers.join(', ')}.`);
    let data: StoreData;
    let auditFile: AuditFile;
    const writeData = () => writeFileDurably(path, JSON.stringify(data));
    if (existsSync(path)) {
      const loaded = loadState(path);
      data = loaded.data;
      if (loaded.dropped) {
        const { file, line, text } = loaded.dropped;
        console.error(
          `Salesbook: line ${line} of the journal ${file} was cut short by a crash (${Buffer.byteLength(text)} bytes, no line end: ${JSON.stringify(text.slice(0, 120))}${text.length > 120 ? '…' : ''}). Its write never finished, so its change was never confirmed to anyone; it is left out.`,
        );
      }
      // Before the journal is emptied, the audit log takes in the entries it lacks from it.
      auditFile = await openAuditFile(auditPath, options.auditKey, loaded.audit);
      if (loaded.migratedFrom === CURRENT_SCHEMA_VERSION) {
        // The file takes in its journal before the start backup, so that every backup is whole.
        if (loaded.replayed > 0) await writeData();
        await makeStartBackup(path, backupsDir);
      } else {
        // Keep the data as the older Salesbook had it, then rewrite it in this version's terms.
        await makeStartBackup(path, backupsDir, clock.now(), loaded.original);
        await writeData();
      }
    } else {
      const backups = await listBackups(backupsDir);
      if (backups.length > 0) {
        throw new StoreStartError(path, `is missing, but backups exist in ${backupsDir} (newest: ${backups[0]!.name}). Restore one with \`npm run restore\`; Salesbook will not start on empty data when data existed before.`);
      }
      const journal = [journals.old, journals.current].find((file) => existsSync(file));
      if (journal) {
        throw new StoreStartError(path, `is missing, but its journal ${journal} exists: data existed before, and the journal holds only its latest changes. Restore a backup with \`npm run restore\`. The journal was left as it is.`);
      }
      data = seedData(options.seed, path);
      auditFile = await openAuditFile(auditPath, options.auditKey, []);
      await writeData();
    }
    if (data.auditHead !== null && data.auditHead !== auditFile.head) {
      console.error(
        `Salesbook: the audit log ${auditPath} does not end with the entry the data records as the last one: entries were cut off or changed. The log goes on from the data's entry; run \`npm run audit:verify\` and keep a copy of the log as it is.`,
      );
    }
    // The data file holds every change now: the journals start over.
    const journal = await JournalFile.openEmpty(journals.current);
    try {
      await rm(journals.old, { force: true });
      await rotateBackups(path, backupsDir, options.backupPolicy);
    } catch (error) {
      await journal.close();
      throw error;
    }
    freezeRecords(data);
    return new FileStore(data, path, journal, auditFile, release, statSync(path).size, options);
  } catch (error) {
    release();
    throw error;
  }
}

/**
 * Each change is appended to the journal as the steps it made (see changes.ts) and synced; the data
 * file is rewritten only when the journal has grown past its limit, mostly in the background. Records
 * are frozen, so the data before a change is kept by copying the root object and each collection's
 * list of references, and a failed change is undone by putting those back.
 */
class FileStore implements Store {
  /** The data as changes leave it; written to the file at compaction and at close. */
  #data: StoreData;
  #path: string;
  #journal: JournalFile;
  #audit: AuditFile;
  #auditKey: Buffer;
  /** An audit write failed and lines wait in memory (and in the journal, which is kept for them). */
  #auditFailing = false;
  #oldJournal: string;
  #release: () => void;
  #writeHook?: () => Promise<void> | void;
  #journalLimit?: number;
  /** Size of the data file as last written. */
  #fileBytes: number;
  /** Journal size at which to compact next. */
  #compactAt: number;
  /** What reads see: the data, or the data as it was before the change being written. */
  #visible: StoreData;
  #queue: Promise<unknown> = Promise.resolve();
  /** The data file being written in the background, if it is. */
  #compaction: Promise<void> | undefined;
  /** A background compaction failed: the set-aside journal still holds changes the data file lacks. */
  #oldJournalNeeded = false;
  #closing: Promise<void> | undefined;

  constructor(data: StoreData, path: string, journal: JournalFile, audit: AuditFile, release: () => void, fileBytes: number, options: OpenStoreOptions) {
    this.#data = data;
    this.#path = path;
    this.#journal = journal;
    this.#audit = audit;
    this.#auditKey = options.auditKey;
    this.#oldJournal = journalPaths(path).old;
    this.#release = release;
    this.#writeHook = options.writeHook;
    this.#journalLimit = options.journalLimit;
    this.#fileBytes = fileBytes;
    this.#compactAt = this.#limit();
    this.#visible = data;
  }

  get generation(): number {
    return this.#visible.writes;
  }

  #limit(): number {
    return this.#journalLimit ?? Math.max(MIN_JOURNAL_LIMIT, this.#fileBytes);
  }

  #enqueue<T>(task: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(task, task);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async read<T>(select: (data: Readonly<StoreData>) => T): Promise<T> {
    return structuredClone(select(this.#visible));
  }

  record(entry: AuditInput): Promise<void> {
    return this.mutate(() => undefined, () => entry);
  }

  mutate<T>(change: (draft: StoreData) => T, audit?: AuditOf<T>): Promise<T> {
    if (this.#closing) return Promise.reject(new Error(`Salesbook: the data store ${this.#path} is closed and takes no more changes.`));
    return this.#enqueue(async () => {
      await this.#keepJournalAttached();
      const data = this.#data;
      const prepared = prepareChange(data, change, audit, this.#audit.head, this.#auditKey);
      if (!prepared.changed) return prepared.result;
      const { before, ops, seq, auditLines: auditLinesOfChange, result } = prepared;
      try {
        const line = `${JSON.stringify({ seq, ops, ...(auditLinesOfChange.length > 0 ? { audit: auditLinesOfChange } : {}) })}\n`;
        // Until the line is synced, reads see the data as it was: a change that then fails was never seen.
        this.#visible = viewOf(before) as StoreData;
        await this.#journal.append(line, this.#writeHook);
      } catch (error) {
        restore(data, before);
        throw error;
      } finally {
        this.#visible = data;
      }
      freezeChanged(ops);
      // The change and its entries are durable in the journal: the audit log follows, and its failure fails no change.
      if (auditLinesOfChange.length > 0 || this.#audit.behind) await this.#writeAudit(auditLinesOfChange);
      if (this.#journal.bytes >= this.#compactAt && !this.#compaction) void this.#enqueue(() => this.#compact());
      return result;
    });
  }

  /** Appends audit lines to the audit log; when that fails they wait, and the journal holding them is kept. */
  async #writeAudit(lines: readonly string[]): Promise<boolean> {
    try {
      await this.#audit.append(lines);
    } catch (error) {
      if (!this.#auditFailing) {
        console.error(
          `Salesbook: could not write the audit log ${this.#audit.path} (${(error as Error).message}). Changes and their audit entries are safe in the journal, which is kept until the log takes them; writing is tried again at every change.`,
        );
      }
      this.#auditFailing = true;
      return false;
    }
    if (this.#auditFailing) console.error(`Salesbook: the audit log ${this.#audit.path} is written again and holds every entry.`);
    this.#auditFailing = false;
    return true;
  }

  /**
   * Checked before every change: when the journal file was deleted, moved or replaced under the running
   * store, appends would go to a file no start reads. The whole data file is then written anew and a
   * fresh journal started before any further change is acknowledged; if that fails, the change fails.
   */
  async #keepJournalAttached(): Promise<void> {
    const why = await this.#journal.detachment();
    if (!why) return;
    console.error(
      `Salesbook: the journal ${this.#journal.path} is no longer the file on disk (${why}) while the server ran: changes since the data file was last written were kept only in it. Writing the whole data file ${this.#path} anew and starting a fresh journal; changes wait until that is done.`,
    );
    try {
      await this.#compaction;
      const text = JSON.stringify(this.#data);
      await writeFileDurably(this.#path, text);
      const fresh = await JournalFile.openEmpty(this.#journal.path);
      const detached = this.#journal;
      this.#journal = fresh;
      await detached.close();
      await rm(this.#oldJournal, { force: true });
      this.#oldJournalNeeded = false;
      this.#written(text);
    } catch (error) {
      console.error(`Salesbook: could not write the data file ${this.#path} after its journal went missing (${(error as Error).message}). No change is accepted until it can be; stop Salesbook only after fixing the folder, since the data since the last write is in memory only.`);
      throw new Error(`Salesbook: the data store ${this.#path} cannot keep changes safe right now: its journal went missing and the data file could not be written.`);
    }
    console.error(`Salesbook: the data file ${this.#path} holds every change again, with a fresh journal; changes go on.`);
  }

  /**
   * Rewrites the data file from memory. Between two changes, only a snapshot is taken (the root and
   * each collection's list of references: records are frozen) and the journal set aside; the snapshot
   * is then serialized a slice at a time and written in the background, so changes and reads go on
   * meanwhile, and the set-aside journal is removed once the file is written. A crash at any point
   * leaves the file and the journals replaying to the same data.
   */
  async #compact(): Promise<void> {
    if (this.#closing || this.#compaction || this.#journal.bytes < this.#compactAt) return;
    // The journal is the only durable copy of audit entries the log lacks: it stays until they are written.
    if (this.#audit.behind && !(await this.#writeAudit([]))) {
      this.#compactAt = this.#journal.bytes + this.#limit();
      return;
    }
    try {
      const snapshot = viewOf(baselineOf(this.#data));
      if (this.#oldJournalNeeded) {
        // The set-aside journal still holds changes the file lacks, so it cannot be replaced: the journal
        // goes on as it is, and the lines it holds up to the snapshot are skipped at the next start.
        this.#compactAt = this.#journal.bytes + this.#limit();
      } else {
        await this.#journal.setAside(this.#oldJournal);
        this.#compactAt = this.#limit();
      }
      this.#compaction = this.#writeInBackground(snapshot).finally(() => (this.#compaction = undefined));
    } catch (error) {
      this.#compactAt = this.#journal.bytes + this.#limit();
      console.error(`Salesbook: could not compact the journal into the data file ${this.#path} (${(error as Error).message}). Every change is still in the journal; compacting will be tried again later.`);
    }
  }

  async #writeInBackground(snapshot: Record<string, unknown>): Promise<void> {
    try {
      const bytes = await writeFileDurably(this.#path, await stringifyInSlices(snapshot));
      await rm(this.#oldJournal, { force: true });
      this.#oldJournalNeeded = false;
      this.#fileBytes = bytes;
      this.#compactAt = Math.max(this.#compactAt, this.#limit());
    } catch (error) {
      this.#oldJournalNeeded = true;
      console.error(`Salesbook: could not write the data file ${this.#path} (${(error as Error).message}). Its journals still hold every change, and the next start replays them.`);
    }
  }

  #written(text: string) {
    this.#fileBytes = Buffer.byteLength(text);
    this.#compactAt = this.#limit();
  }

  close(): Promise<void> {
    this.#closing ??= this.#enqueue(async () => {
      try {
        try {
          await this.#compaction;
          if (this.#journal.bytes > 0 || this.#oldJournalNeeded) await writeFileDurably(this.#path, JSON.stringify(this.#data));
        } finally {
          await this.#journal.close();
        }
        if (this.#audit.behind && !(await this.#writeAudit([]))) {
          console.error(`Salesbook: the journal ${this.#journal.path} is kept: it holds audit entries the audit log could not take. The next start writes them.`);
          return;
        }
        // The file holds everything now, so a stopped Salesbook leaves just the file.
        await rm(this.#journal.path, { force: true });
        await rm(this.#oldJournal, { force: true });
      } finally {
        this.#release();
      }
    });
    return this.#closing;
  }
}

const GLOBAL_KEY = Symbol.for('salesbook.store');
type Holder = { [GLOBAL_KEY]?: Promise<Store> };

/**
 * The server's one store, opened on first use and kept on globalThis so that dev reloads reuse it
 * (and scripts/serve.mjs finds it under the same key to close it on a stop): on PostgreSQL when
 * SALESBOOK_DATABASE_URL is set, else the data file in the data folder.
 * `seed` is used only when there is no data yet.
 */
export function serverStore(seed?: () => StoreData): Promise<Store> {
  const holder = globalThis as Holder;
  const url = databaseUrl();
  holder[GLOBAL_KEY] ??= url
    ? openPgStore({ url, auditKey: auditKey(), seed })
    : openStore({
        path: dataFiles.store(),
        lockPath: dataFiles.lock(),
        backupsDir: dataFiles.backups(),
        auditPath: dataFiles.audit(),
        auditKey: auditKey(),
        seed,
      });
  return holder[GLOBAL_KEY];
}
