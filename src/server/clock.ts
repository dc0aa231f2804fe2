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
// - setClock() does the same inside one process (unit tests).

interface ClockState {
  /** Added to the real time. */
  offsetMs: number;
  file: string | null;
  /** The file's text and time when it was last read, so the clock moves only when it is written. */
  fileSeen: string | null;
}

const STATE = Symbol.for('salesbook.clock');
type WithClock = typeof globalThis & { [STATE]?: ClockState };

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

function state(): ClockState {
  const holder = globalThis as WithClock;
  if (!holder[STATE]) {
    const start = process.env.SALESBOOK_CLOCK?.trim();
    holder[STATE] = {
      offsetMs: start ? parseInstant(start, 'SALESBOOK_CLOCK') - Date.now() : 0,
      file: process.env.SALESBOOK_CLOCK_FILE?.trim() || null,
      fileSeen: null,
    };
  }
  return holder[STATE];
}

function followFile(clock: ClockState): void {
  if (!clock.file) return;
  let text: string;
  let writtenMs: number;
  try {
    writtenMs = statSync(clock.file).mtimeMs;
    text = readFileSync(clock.file, 'utf8');
  } catch {
    return; // No file (yet): the clock keeps its pace.
  }
  const seen = `${writtenMs} ${text}`;
  if (seen === clock.fileSeen) return;
  clock.fileSeen = seen;
  if (text.trim()) clock.offsetMs = parseInstant(text, `The clock file ${clock.file}`) - writtenMs;
}

/** The current instant, in milliseconds since the epoch. */
export function nowMs(): number {
  const clock = state();
  followFile(clock);
  return Date.now() + clock.offsetMs;
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
  const clock = state();
  if (instant === null) {
    clock.offsetMs = 0;
    return;
  }
  const ms = typeof instant === 'string' ? parseInstant(instant, 'setClock') : typeof instant === 'number' ? instant : instant.getTime();
  clock.offsetMs = ms - Date.now();
}
