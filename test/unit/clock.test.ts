import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Clock, parseInstant } from '../../src/server/clock';
import { ClockFile } from '../clock';
import { tempDir } from '../temp';

// Clocks started at an instant run on at the real pace: a few milliseconds pass between two readings.
const CLOSE_MS = 2_000;

describe('instants the clock accepts', () => {
  it('reads a date as midnight UTC, and a date and time with its zone', () => {
    expect(new Date(parseInstant('2028-02-29', 'X')).toISOString()).toBe('2028-02-29T00:00:00.000Z');
    expect(new Date(parseInstant('2026-12-31T23:30:00+05:00', 'X')).toISOString()).toBe('2026-12-31T18:30:00.000Z');
    expect(new Date(parseInstant('2026-12-31T00:00:00.5-03:00', 'X')).toISOString()).toBe('2026-12-31T03:00:00.500Z');
    expect(new Date(parseInstant(' 2027-01-01T00:00Z ', 'X')).toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  it('refuses impossible dates, a time without a zone and anything else, naming where it came from', () => {
    for (const text of ['2027-02-29', '2027-02-30T10:00Z', '2026-12-31T25:00:00Z', '2026-12-31T10:00', 'yesterday', '', '1700000000000']) {
      expect(() => parseInstant(text, 'SALESBOOK_CLOCK'), text).toThrow(
        `SALESBOOK_CLOCK must be an ISO 8601 instant such as 2027-03-01T09:00:00+05:00; it is ${JSON.stringify(text.trim())}.`,
      );
    }
  });

  it('refuses a bad start instant when the clock is made', () => {
    expect(() => new Clock({ start: '31.12.2026' })).toThrow('SALESBOOK_CLOCK must be an ISO 8601 instant');
  });
});

describe('a clock', () => {
  it('without a start is the real time', () => {
    expect(Math.abs(new Clock().nowMs() - Date.now())).toBeLessThan(CLOSE_MS);
  });

  it('starts at its start instant and runs on from it', () => {
    const clock = new Clock({ start: '2028-02-29T23:59:00Z' });
    const first = clock.nowMs();
    expect(Math.abs(first - Date.parse('2028-02-29T23:59:00Z'))).toBeLessThan(CLOSE_MS);
    expect(clock.nowMs()).toBeGreaterThanOrEqual(first);
  });

  it('moves when set, and returns to the real time when set to null', () => {
    const clock = new Clock({ start: '2026-11-18T06:00:00Z' });
    clock.set('2026-12-31T23:00:00Z');
    expect(Math.abs(clock.nowMs() - Date.parse('2026-12-31T23:00:00Z'))).toBeLessThan(CLOSE_MS);
    clock.set(new Date('2027-01-01T00:00:00Z'));
    expect(Math.abs(clock.nowMs() - Date.parse('2027-01-01T00:00:00Z'))).toBeLessThan(CLOSE_MS);
    clock.set(null);
    expect(Math.abs(clock.nowMs() - Date.now())).toBeLessThan(CLOSE_MS);
  });

  it('follows its clock file: the instant in it was the time when the file was written', () => {
    const path = join(tempDir('salesbook-clock-'), 'clock');
    const clock = new Clock({ start: '2026-11-18T06:00:00Z', file: path });
    // No file yet: the start instant holds.
    expect(Math.abs(clock.nowMs() - Date.parse('2026-11-18T06:00:00Z'))).toBeLessThan(CLOSE_MS);
    // Written an hour ago (by its time) as 1 March: it is an hour past that now.
    writeFileSync(path, '2027-03-01T09:00:00Z');
    const hourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(path, hourAgo, hourAgo);
    expect(Math.abs(clock.nowMs() - Date.parse('2027-03-01T10:00:00Z'))).toBeLessThan(CLOSE_MS);
    // The test helper moves it forward by a quarter of an hour.
    new ClockFile(path).advance(15 * 60_000);
    expect(Math.abs(clock.nowMs() - Date.parse('2027-03-01T10:15:00Z'))).toBeLessThan(CLOSE_MS);
  });

  it('refuses a clock file that holds no instant, naming the file', () => {
    const path = join(tempDir('salesbook-clock-'), 'clock');
    writeFileSync(path, 'soon');
    expect(() => new Clock({ file: path }).nowMs()).toThrow(`The clock file ${path} must be an ISO 8601 instant`);
  });
});
