import { readFileSync, statSync } from 'node:fs';

// Salesbook's one clock. Every rule that depends on "now" or "today" (hiring dates of the demo company,
// deadlines, review dates, KPI months, quiz time limits, sign-in locks, audit and backup times) reads
// it, so that a test, a demo or an operator can run Salesbook on any date.
//
// - SALESBOOK_CLOCK=<ISO 8601 instant>: the clock starts at that instant when the process starts and
//   runs on from it at the real pace.
// - SALESBOOK_CLOCK_FILE=<path> (tests): the file holds an instant, which was the time when the file
//   was last written; the clock follows it from then on. A test that writes the file moves the clock of
//   a running server, and so jumps over a time limit instead of waiting for it (test/clock.ts).
// - setClock() moves this process's clock (unit tests).

const INSTANT = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|([+-])(\d{2}):(\d{2})))?$/;

/**
 * Reads an ISO 8601 instant: a date (midnight UTC), or a date and time with its zone (`Z` or `+05:00`).
 * Throws, naming `source`, for anything else, an impossible date such as 2027-02-30 included.
 */
export function parseInstant(text: string, source: string): number {
  const match = INSTANT.exec(text.trim());
  const ms = match ? Date.parse(text.trim()) : Number.NaN;
  if (match && !Number.isNaN(ms)) {
    const [, date, hours = '0', minutes = '0', , , sign, zoneHours = '0', zoneMinutes = '0'] = match;
    const zoneMs = (sign === '-' ? -1 : 1) * (Number(zoneHours) * 60 + Number(zoneMinutes)) * 60_000;
    const local = new Date(ms + zoneMs);
    if (local.toISOString().slice(0, 10) === date && local.getUTCHours() === Number(hours) && local.getUTCMinutes() === Number(minutes)) return ms;
  }
  throw new Error(`${source} must be an ISO 8601 instant such as 2027-03-01T09:00:00+05:00; it is ${JSON.stringify(text.trim())}.`);
}

/** A clock: the real time moved by an offset, which a start instant, a clock file or set() decide. */
export class Clock {
  /** Added to the real time. */
  #offsetMs = 0;
  readonly #file: string | null;
  /** The file's time and text when it was last read, so the clock moves only when it is written. */
  #fileSeen: string | null = null;

  /** `start`: the instant the clock starts at (else the real time); `file`: a clock file to follow. */
  constructor(options: { start?: string; file?: string } = {}) {
    const start = options.start?.trim();
    if (start) this.#offsetMs = parseInstant(start, 'SALESBOOK_CLOCK') - Date.now();
    this.#file = options.file?.trim() || null;
  }

  /** The current instant, in milliseconds since the epoch. */
  nowMs(): number {
    this.#followFile();
    return Date.now() + this.#offsetMs;
  }

  /** Moves the clock to `instant`, from where it runs on; `null` returns it to the real time. */
  set(instant: Date | string | number | null): void {
    if (instant === null) {
      this.#offsetMs = 0;
      return;
    }
    const ms = typeof instant === 'string' ? parseInstant(instant, 'The clock') : typeof instant === 'number' ? instant : instant.getTime();
    this.#offsetMs = ms - Date.now();
  }

  #followFile(): void {
    if (!this.#file) return;
    let text: string;
    let writtenMs: number;
    try {
      writtenMs = statSync(this.#file).mtimeMs;
      text = readFileSync(this.#file, 'utf8');
    } catch {
      return; // No file (yet): the clock keeps its pace.
    }
    const seen = `${writtenMs} ${text}`;
    if (seen === this.#fileSeen) return;
    this.#fileSeen = seen;
    if (text.trim()) this.#offsetMs = parseInstant(text, `The clock file ${this.#file}`) - writtenMs;
  }
}

// One clock per process, made from the environment at first use, shared by every copy of this module.
const PROCESS_CLOCK = Symbol.for('salesbook.clock');
type WithClock = typeof globalThis & { [PROCESS_CLOCK]?: Clock };

function processClock(): Clock {
  const holder = globalThis as WithClock;
  holder[PROCESS_CLOCK] ??= new Clock({ start: process.env.SALESBOOK_CLOCK, file: process.env.SALESBOOK_CLOCK_FILE });
  return holder[PROCESS_CLOCK];
}

/** The current instant, in milliseconds since the epoch. */
export function nowMs(): number {
  return processClock().nowMs();
}

/** The current instant. */
export function now(): Date {
  return new Date(nowMs());
}

/** Today's calendar date (UTC) as YYYY-MM-DD. */
export function todayIso(): string {
  return now().toISOString().slice(0, 10);
}

/** Moves this process's clock to `instant`, from where it runs on; `null` returns it to the real time. */
export function setClock(instant: Date | string | number | null): void {
  processClock().set(instant);
}
