// The audit log: one line per audited change in `audit.jsonl`, each chained to the line before.
// Its lines are made by the store inside the change they describe and written into the same journal
// line as the change, so a change and its audit entry are durable together or not at all; the audit
// file is brought up to date from the journal, after every change and at start.
import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { open, truncate } from 'node:fs/promises';
import * as clock from '../clock';

/** One change, as the audit log keeps it. Never a password, hash or session id. */
export interface AuditEntry {
  /** UTC time of the change. */
  time: string;
  /** Id of who made it, or "system" / "cli"; "anonymous" where the record must not name anyone (search gaps). */
  actor: string;
  /** What was done, such as `doc.acknowledge` or `user.add`. */
  action: string;
  /** What it was done to, such as `doc:crm-entry` or `user:<id>`. */
  subject: string;
  details: Record<string, unknown>;
  /** The link to the previous line: its HMAC-SHA256 under the audit key; all zeros on the first. */
  prev: string;
}

/** What a writer says about a change; the store adds the time and the link. */
export type AuditInput = Omit<AuditEntry, 'time' | 'prev'>;

/** The audit entries of a change, from what the change returned: none, one or several. */
export type AuditOf<T> = (result: T) => AuditInput | readonly (AuditInput | null | undefined | false)[] | null | undefined | false;

export const GENESIS = '0'.repeat(64);
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The link the line after `line` holds: a MAC under the audit key, which is kept outside the data
 * folder, so that whoever can write the log cannot rewrite a line and make the chain match again.
 */
export const linkOf = (line: string, key: Buffer): string => createHmac('sha256', key).update(line).digest('hex');

const SECRET_KEYS = /password|hash|session|token|secret/i;

/** The entries `audit` gives for `result`, checked: a detail named like a secret throws. */
export function auditEntries<T>(audit: AuditOf<T> | undefined, result: T): AuditInput[] {
  const given = audit?.(result);
  const list = (Array.isArray(given) ? given : [given]).filter((entry): entry is AuditInput => Boolean(entry));
  for (const entry of list) {
    for (const key of Object.keys(entry.details)) {
      if (SECRET_KEYS.test(key)) throw new Error(`Salesbook: the audit log never records "${key}".`);
    }
  }
  return list;
}

/** The audit lines for `entries`, chained on from `head`, and the new head. */
export function auditLines(entries: readonly AuditInput[], head: string, key: Buffer, now = clock.now()): { lines: string[]; head: string } {
  const lines: string[] = [];
  for (const entry of entries) {
    const line = JSON.stringify({ time: now.toISOString(), ...entry, prev: head } satisfies AuditEntry);
    lines.push(line);
    head = linkOf(line, key);
  }
  return { lines, head };
}

const prevOf = (line: string): string | undefined => {
  try {
    return (JSON.parse(line) as Partial<AuditEntry>).prev;
  } catch {
    return undefined;
  }
};

/**
 * The audit file as the running store appends to it. Lines that could not be written (a read-only
 * folder, a full disk) wait in memory, in order, and go first at the next append: they are in the
 * journal too, which is kept until they are written.
 */
export class AuditFile {
  readonly path: string;
  #key: Buffer;
  #head: string;
  #waiting: string[] = [];

  private constructor(path: string, key: Buffer, head: string) {
    this.path = path;
    this.#key = key;
    this.#head = head;
  }

  /**
   * Opens the audit file at start: a last line cut short or unreadable (a crash in the middle of a
   * write) is cut off, with a message; then the lines the journal holds that the file lacks are
   * written. `journal` is every audit line of the journals, in order.
   */
  static async open(path: string, key: Buffer, journal: readonly string[], log: (message: string) => void): Promise<AuditFile> {
    let text = '';
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const lines = text.split('\n');
    const tail = lines.pop()!;
    let keep = text.length - tail.length;
    let torn = tail !== '' ? tail : undefined;
    if (torn === undefined && lines.length > 0 && prevOf(lines.at(-1)!) === undefined) {
      torn = lines.pop()!;
      keep -= Buffer.byteLength(torn) + 1;
    }
    if (torn !== undefined) {
      await truncate(path, Buffer.byteLength(text.slice(0, keep)));
      log(
        `Salesbook: the audit log ${path} ended in a line that was cut short or cannot be read (${JSON.stringify(torn.slice(0, 80))}${torn.length > 80 ? '…' : ''}); it was cut off. The entries the journal still holds are written again.`,
      );
    }
    const head = lines.length > 0 ? linkOf(lines.at(-1)!, key) : GENESIS;
    const file = new AuditFile(path, key, head);
    // The journal's lines the file lacks: those after the one the file ends with.
    const next = journal.findIndex((line) => prevOf(line) === head);
    let missing: string[] = [];
    if (next >= 0) missing = journal.slice(next);
    else if (journal.length > 0 && !journal.some((line) => linkOf(line, key) === head)) {
      missing = journal.slice();
      log(`Salesbook: the audit log ${path} does not end where the journal's entries go on from: it was cut or changed. The journal's ${missing.length} entries are written after it, and \`npm run audit:verify\` will name the break.`);
    }
    if (missing.length > 0) await file.append(missing);
    return file;
  }

  /** The link of the last line written or waiting. */
  get head(): string {
    return this.#waiting.length > 0 ? linkOf(this.#waiting.at(-1)!, this.#key) : this.#head;
  }

  /** Whether lines wait to be written; the journal holding them must then be kept. */
  get behind(): boolean {
    return this.#waiting.length > 0;
  }

  /** Appends `lines` (after any still waiting) and syncs them. On failure they wait, and it throws. */
  async append(lines: readonly string[]): Promise<void> {
    this.#waiting.push(...lines);
    if (this.#waiting.length === 0) return;
    const text = `${this.#waiting.join('\n')}\n`;
    const file = await open(this.path, 'a', 0o600);
    try {
      const { size } = await file.stat();
      try {
        await file.appendFile(text, 'utf8');
        await file.sync();
      } catch (error) {
        // A half-written line would break the chain for good: cut it off again, so that the retry follows on.
        await file.truncate(size).catch(() => undefined);
        throw error;
      }
    } finally {
      await file.close();
    }
    this.#head = linkOf(this.#waiting.at(-1)!, this.#key);
    this.#waiting = [];
  }
}

/** The link of the last whole line of the audit log at `path`, or null when there is none. */
export function auditHeadOf(path: string, key: Buffer): string | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const last = text.split('\n').slice(0, -1).at(-1);
  return last ? linkOf(last, key) : null;
}

export type AuditCheck = { ok: true; entries: number; unkeyed: number } | { ok: false; line: number; reason: string };

/**
 * Checks the chain of an audit file with the audit key, and, given the head the data records
 * (`expectedHead`), that the log ends there: a log cut short, or rewritten without the key, fails.
 * Returns the first broken line (1-based) and why, or ok. Lines written before the log was keyed
 * (linked by plain sha256) are accepted only before the first keyed link; `unkeyed` counts those links.
 */
export function verifyAuditLog(text: string, key: Buffer, expectedHead?: string | null): AuditCheck {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  let previous = GENESIS;
  let legacy: string | undefined = GENESIS;
  let unkeyed = 0;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    let entry: Partial<AuditEntry>;
    try {
      entry = JSON.parse(line) as Partial<AuditEntry>;
    } catch {
      return { ok: false, line: index + 1, reason: 'not valid JSON' };
    }
    if (entry.prev === previous) {
      if (index > 0) legacy = undefined;
    } else if (legacy !== undefined && entry.prev === legacy) unkeyed++;
    else {
      return {
        ok: false,
        line: index + 1,
        reason: 'its link to the previous line does not match: a line before it was changed, removed or inserted (or the log was written with another audit key)',
      };
    }
    if (typeof entry.time !== 'string' || typeof entry.actor !== 'string' || typeof entry.action !== 'string') {
      return { ok: false, line: index + 1, reason: 'time, actor or action is missing' };
    }
    previous = linkOf(line, key);
    if (legacy !== undefined) legacy = sha256(line);
  }
  if (expectedHead && expectedHead !== previous && !(lines.length === 0 && expectedHead === GENESIS)) {
    return {
      ok: false,
      line: lines.length + 1,
      reason: `the log ends before the last entry the data records (${expectedHead.slice(0, 12)}…): entries were cut off its end, or its last lines were changed`,
    };
  }
  return { ok: true, entries: lines.length, unkeyed };
}
