// The end-to-end server's clock, as the tests see and move it.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { ClockFile } from '../clock';
import { e2eClockFile } from './data-folder.mjs';
import { startOfDay } from '../../src/domain/calendar.ts';
import { zonedDay } from '../../src/domain/digest-schedule.ts';

export const serverClock = new ClockFile(e2eClockFile());

/** The time zone of the fixture company, which the server counts its days in. */
const siteTimeZone: string = parse(readFileSync('test/fixtures/content/site.yaml', 'utf8')).timeZone;

/** The day (`YYYY-MM-DD`) it is on the server's clock, in the company's time zone. */
export const serverDay = (): string => zonedDay(serverClock.now().getTime(), siteTimeZone);

/** Moves the server's clock forward to `day` (`YYYY-MM-DD`), keeping the time of day. */
export function moveServerTo(day: string): void {
  serverClock.advance(startOfDay(day) - startOfDay(serverDay()));
}

/** A day as the Russian interface writes a near date: «9 декабря». */
export const dayMonthRu = (day: string): string => new Intl.DateTimeFormat('ru-RU', { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(startOfDay(day)));
