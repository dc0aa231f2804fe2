// The journal beside the data file: one JSON line per change since the file was last written,
// `{"seq":<number of the change>,"ops":[...],"audit":[<audit lines>]}` (`audit` when the change has entries). Appending a line and syncing it is what makes a change
// durable; the data file is rewritten (compacted) only now and then.
import { readFileSync } from 'node:fs';
import { open, rename, stat, type FileHandle } from 'node:fs/promises';
import { asChangeOps, type ChangeOp } from './changes';
import { syncFolder } from './durable-json-file';

/** The journal of a data file, and the one set aside while a compaction writes the data file. */
export function journalPaths(storePath: string): { current: string; old: string } {
  return { current: `${storePath}.journal`, old: `${storePath}.journal.old` };
}

export interface JournalRecord {
  seq: number;
  ops: ChangeOp[];
  /** The change's audit lines, as the audit file holds them. */
  audit: string[];
  /** Where the line is, for messages. */
  file: string;
  line: number;
}

/** A journal line that cannot be used; `file` and `line` say where. */
export class JournalError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly problem: string,
    /** Changes are missing before this line, rather than the line being damaged. */
    readonly gap = false,
  ) {
    super(`line ${line} of ${file}: ${problem}`);
  }
}

function readLines(file: string): { file: string; line: number; text: string; ended: boolean }[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  if (text === '') return [];
  const parts = text.split('\n');
  const ended = parts.at(-1) === '';
  if (ended) parts.pop();
  return parts.map((part, i) => ({ file, line: i + 1, text: part, ended: ended || i < parts.length - 1 }));
}

function parseLine(text: string): { seq: number; ops: ChangeOp[]; audit: string[] } | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return `it is not valid JSON (${(error as Error).message})`;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'it is not a change record';
  const { seq, ops, audit = [] } = value as { seq?: unknown; ops?: unknown; audit?: unknown };
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) return 'its "seq" is not a change number';
  if (!Array.isArray(audit) || !audit.every((line) => typeof line === 'string')) return 'its "audit" is not a list of audit lines';
  const checked = asChangeOps(ops);
  return typeof checked === 'string' ? checked : { seq, ops: checked, audit };
}

/** A last journal line cut short by a crash: left out, and said so at start. */
export interface DroppedLine {
  file: string;
  line: number;
  text: string;
}

/**
 * The changes the journals of `storePath` hold after change number `writes` (what the data file holds):
 * the set-aside journal first, then the current one. Lines the file already holds are skipped; the
 * rest must follow on without a gap. A last line cut short (no line end) is a change whose write
 * never finished, so never confirmed to anyone: it is left out and returned as `dropped`. A last line
 * that is whole but cannot be read may have been confirmed, so it throws like any other bad line.
 */
export function readJournals(storePath: string, writes: number): { records: JournalRecord[]; audit: string[]; dropped?: DroppedLine } {
  const paths = journalPaths(storePath);
  const lines = [...readLines(paths.old), ...readLines(paths.current)];
  const records: JournalRecord[] = [];
  // Every audit line of the whole lines, those the data file holds too: the audit file may lack them.
  const audit: string[] = [];
  let expected = writes + 1;
  let dropped: DroppedLine | undefined;
  for (const [i, line] of lines.entries()) {
    const last = i === lines.length - 1;
    if (last && !line.ended) {
      dropped = { file: line.file, line: line.line, text: line.text };
      break;
    }
    const parsed = parseLine(line.text);
    if (typeof parsed === 'string') {
      const complete = last
        ? '. It is the last line but whole (it ends with a line end), so its change may have been confirmed to someone: it is not left out silently. If it cannot be repaired and losing that one change is acceptable, delete that line and start again'
        : '';
      throw new JournalError(line.file, line.line, `${parsed}${complete}`);
    }
    if (parsed.seq <= writes && records.length === 0) {
      audit.push(...parsed.audit);
      continue;
    }
    if (parsed.seq !== expected) {
      const problem =
        parsed.seq < expected
          ? `it holds change ${parsed.seq} again, after change ${expected - 1}`
          : `it holds change ${parsed.seq}, but change ${expected} should come next (the data file holds changes up to ${writes})`;
      throw new JournalError(line.file, line.line, problem, parsed.seq > expected);
    }
    records.push({ ...parsed, file: line.file, line: line.line });
    audit.push(...parsed.audit);
    expected++;
  }
  return { records, audit, ...(dropped ? { dropped } : {}) };
}

/**
 * The journal a running store appends to. It keeps its file open and knows its length, so that a
 * failed append can be cut off again: a half-written line followed by good ones would stop the next start.
 */
export class JournalFile {
  #path: string;
  #handle: FileHandle;
  #bytes: number;
  /** Set when a failed append could not be cut off: the file's end is unknown, so nothing more is appended. */
  #broken: Error | undefined;

  private constructor(path: string, handle: FileHandle) {
    this.#path = path;
    this.#handle = handle;
    this.#bytes = 0;
  }

  /** Opens the journal at `path` empty, creating it if needed, durably. */
  static async openEmpty(path: string): Promise<JournalFile> {
    const handle = await open(path, 'a', 0o600);
    try {
      await handle.truncate(0);
      await handle.datasync();
      await syncFolder(path);
    } catch (error) {
      await handle.close();
      throw error;
    }
    return new JournalFile(path, handle);
  }

  get path(): string {
    return this.#path;
  }

  /**
   * Why the open file is no longer the journal at its path — removed, moved away or replaced while the
   * store ran — or undefined while it is. An append to a detached file would be lost at the next start.
   */
  async detachment(): Promise<string | undefined> {
    const open = await this.#handle.stat();
    if (open.nlink === 0) return 'it was deleted';
    let onDisk;
    try {
      onDisk = await stat(this.#path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'it was moved away';
      throw error;
    }
    if (onDisk.ino !== open.ino || onDisk.dev !== open.dev) return 'another file took its place';
    return undefined;
  }

  /** Bytes appended since the journal was opened or emptied. */
  get bytes(): number {
    return this.#bytes;
  }

  /**
   * Appends `line` and syncs it; only then is the change it holds durable. `beforeSync` runs between
   * the write and the sync (tests use it to fail there). On failure the line is cut off again.
   */
  async append(line: string, beforeSync?: () => Promise<void> | void): Promise<void> {
    if (this.#broken) {
      throw new Error(`Salesbook: the journal ${this.#path} could not be repaired after a failed write (${this.#broken.message}); restart Salesbook.`);
    }
    const buffer = Buffer.from(line, 'utf8');
    try {
      // One write in practice; the loop only guards against a short write.
      for (let done = 0; done < buffer.length; ) done += (await this.#handle.write(buffer, done, buffer.length - done)).bytesWritten;
      await beforeSync?.();
      await this.#handle.datasync();
    } catch (error) {
      try {
        await this.#handle.truncate(this.#bytes);
        await this.#handle.datasync();
      } catch (cut) {
        this.#broken = cut as Error;
      }
      throw error;
    }
    this.#bytes += buffer.length;
  }

  /** Empties the journal, durably: for when the data file holds everything in it. */
  async empty(): Promise<void> {
    await this.#handle.truncate(0);
    await this.#handle.datasync();
    this.#bytes = 0;
    this.#broken = undefined;
  }

  /**
   * Renames this journal to `oldPath` and goes on in a new, empty one at the same path. The folder is
   * synced, so after a crash both files are found under their new names.
   */
  async setAside(oldPath: string): Promise<void> {
    if (this.#broken) throw new Error(`Salesbook: the journal ${this.#path} is damaged; it is not set aside.`);
    await rename(this.#path, oldPath);
    let fresh: FileHandle | undefined;
    try {
      fresh = await open(this.#path, 'a', 0o600);
      await syncFolder(this.#path);
    } catch (error) {
      await fresh?.close();
      // Back to the journal as it was; appends went on to the same open file in any case.
      await rename(oldPath, this.#path);
      throw error;
    }
    const previous = this.#handle;
    this.#handle = fresh;
    this.#bytes = 0;
    await previous.close();
  }

  async close(): Promise<void> {
    await this.#handle.close();
  }
}
