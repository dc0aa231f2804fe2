import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
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
  /** sha256 of the previous line; all zeros on the first. */
  prev: string;
}

const GENESIS = '0'.repeat(64);
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const SECRET_KEYS = /password|hash|session|token|secret/i;

/** Appends entries to an append-only JSON-lines file, each chained to the one before by hash. */
export class AuditLog {
  #path: string;
  #last: string;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(path: string) {
    this.#path = path;
    this.#last = GENESIS;
    if (existsSync(path)) {
      const lines = readFileSync(path, 'utf8').split('\n').filter(Boolean);
      if (lines.length > 0) this.#last = sha256(lines.at(-1)!);
    }
  }

  append(entry: Omit<AuditEntry, 'time' | 'prev'>): Promise<void> {
    for (const key of Object.keys(entry.details)) {
      if (SECRET_KEYS.test(key)) throw new Error(`Salesbook: the audit log never records "${key}".`);
    }
    const write = async () => {
      const line = JSON.stringify({ time: clock.now().toISOString(), ...entry, prev: this.#last } satisfies AuditEntry);
      const file = await open(this.#path, 'a', 0o600);
      try {
        await file.appendFile(`${line}\n`, 'utf8');
        await file.sync();
      } finally {
        await file.close();
      }
      this.#last = sha256(line);
    };
    const next = this.#queue.then(write, write);
    this.#queue = next.catch(() => undefined);
    return next;
  }
}

/** Checks the chain of an audit file. Returns the first broken line (1-based) and why, or ok. */
export function verifyAuditLog(text: string): { ok: true; entries: number } | { ok: false; line: number; reason: string } {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  let previous = GENESIS;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    let entry: Partial<AuditEntry>;
    try {
      entry = JSON.parse(line) as Partial<AuditEntry>;
    } catch {
      return { ok: false, line: index + 1, reason: 'not valid JSON' };
    }
    if (entry.prev !== previous) {
      return { ok: false, line: index + 1, reason: 'its link to the previous line does not match: a line before it was changed, removed or inserted' };
    }
    if (typeof entry.time !== 'string' || typeof entry.actor !== 'string' || typeof entry.action !== 'string') {
      return { ok: false, line: index + 1, reason: 'time, actor or action is missing' };
    }
    previous = sha256(line);
  }
  return { ok: true, entries: lines.length };
}
