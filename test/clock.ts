// The test suite's time. Every suite runs Salesbook's clock (src/server/clock.ts) from one instant:
// SALESBOOK_CLOCK when it is set (`SALESBOOK_CLOCK=2028-02-29T12:00:00Z npm test`), otherwise the
// fixed instant below. Expected dates and months are computed from it, never written as literals.
import { readFileSync, statSync, writeFileSync } from 'node:fs';

/** A Wednesday in the middle of a month, in the middle of a working day in Yekaterinburg. */
export const DEFAULT_SUITE_CLOCK = '2026-11-18T06:00:00Z';

/** Sets SALESBOOK_CLOCK for this process and every process it starts, unless it is set; returns it. */
export function useSuiteClock(): string {
  process.env.SALESBOOK_CLOCK ||= DEFAULT_SUITE_CLOCK;
  return process.env.SALESBOOK_CLOCK;
}

/** `date` as YYYY-MM, UTC, shifted by `months`: the calendar Salesbook itself counts by. */
export { monthOf } from '../src/domain/calendar.ts';

/**
 * A clock file (SALESBOOK_CLOCK_FILE) of a running server: the instant it holds was the time when it
 * was written, and the server's clock follows it. Writing it moves that clock at once.
 */
export class ClockFile {
  constructor(readonly path: string) {}

  /** Starts the clock at `instant`. */
  set(instant: Date): void {
    writeFileSync(this.path, instant.toISOString());
  }

  /** The time on the server's clock now. */
  now(): Date {
    const written = statSync(this.path).mtimeMs;
    return new Date(Date.parse(readFileSync(this.path, 'utf8')) + (Date.now() - written));
  }

  /** Moves the server's clock `ms` forward, as if that much time had passed. */
  advance(ms: number): void {
    this.set(new Date(this.now().getTime() + ms));
  }
}
