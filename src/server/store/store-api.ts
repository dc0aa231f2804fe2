import type { AuditInput, AuditOf } from './audit';
import type { StoreData } from './data';

/**
 * What Salesbook needs from its data store. The file store (store.ts) keeps everything in one JSON file
 * and a journal of the changes since it was last written; the PostgreSQL store (pg-store.ts)
 * implements the same methods with a transaction per `mutate`.
 */
export interface Store {
  /** Runs `select` on the current data and returns a deep copy of what it picked: never a live object. */
  read<T>(select: (data: Readonly<StoreData>) => T): Promise<T>;
  /**
   * Runs `change` on the data — check and change, with no `await` inside — then writes it durably.
   * Changes run one at a time. When `change` throws or the write fails, nothing changes, in memory or on disk.
   * Stored records are frozen: a change adds records, puts a changed copy in place of one
   * (`data.users[i] = { ...user, disabled: true }`) or replaces a whole collection, and never edits
   * a record in place (that throws a TypeError, and the change is undone). Every record the change
   * added or replaced is checked with the store's schema before it is written; a change that would
   * store an invalid one rejects with an InvalidChangeError and changes nothing.
   * `audit` gives the change's audit entries from its result: they are written in the same journal
   * line as the change, so both are durable together or neither is, and then into the audit log.
   */
  mutate<T>(change: (draft: StoreData) => T, audit?: AuditOf<T>): Promise<T>;
  /**
   * Records audit entries for something that changes no data (a sign-in, an export): durable, in the
   * journal and the audit log, when it resolves.
   */
  record(entry: AuditInput): Promise<void>;
  /**
   * The number of changes the data has had: one more after each successful change, never after a
   * failed one or one that changed nothing. Whatever is computed from the data stays current while
   * this number stays the same; reads made while a change is being written still see the data before it.
   */
  readonly generation: number;
  /** Waits for the changes under way, writes everything into the data file, and releases the lock. */
  close(): Promise<void>;
}

/** The data file or its journal cannot be trusted; `detail` names the file and says what to do. */
export class StoreStartError extends Error {
  readonly detail: string;

  constructor(path: string, problem: string, file = 'data file') {
    const detail = `the ${file} ${path} ${problem}`;
    super(`Salesbook cannot start: ${detail}`);
    this.detail = detail;
  }
}

/** A change would store what the schema refuses, so the next start would refuse the file: it is not made. */
export class InvalidChangeError extends Error {
  constructor(readonly problems: string[]) {
    super(`Salesbook refused a change that would store invalid data; nothing was written:\n  ${problems.join('\n  ')}`);
  }
}
