import { addDays, dayOf } from './calendar';

// When a person's digest is due: at the time they chose, in the company's time zone, every day or on
// one day of the week. Only the latest time due counts, so a server that was down for days sends one
// digest when it is back, not one for each day it missed.

/** What decides when a digest is due. */
export interface DigestChoice {
  digest: 'daily' | 'weekly' | 'off';
  /** `HH:MM` in the company's time zone. */
  digestTime: string;
  /** 1 Monday … 7 Sunday, for a weekly digest. */
  digestWeekday: number;
}

// A formatter is costly to build and safe to share: one per time zone, for every day worked out in it.
const wallClocks = new Map<string, Intl.DateTimeFormat>();
const wallClockIn = (timeZone: string) => {
  let found = wallClocks.get(timeZone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    wallClocks.set(timeZone, found);
  }
  return found;
};

/** The offset of `timeZone` from UTC at `instant`, in ms (Moscow: +3 hours). */
function offsetMs(instant: number, timeZone: string): number {
  const parts = wallClockIn(timeZone).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - Math.floor(instant / 1000) * 1000;
}

/** The instant a wall-clock `HH:MM` on `day` (`YYYY-MM-DD`) is in `timeZone`. */
export function zonedInstant(day: string, time: string, timeZone: string): number {
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  const wall = Date.parse(`${day}T00:00:00Z`) + (hours * 60 + minutes) * 60_000;
  // Twice, so that a change of offset between the guess and the answer (summer time) is taken in.
  const first = wall - offsetMs(wall, timeZone);
  return wall - offsetMs(first, timeZone);
}

/** The calendar day an instant falls on in `timeZone`. */
export function zonedDay(instant: number, timeZone: string): string {
  return dayOf(new Date(instant + offsetMs(instant, timeZone)));
}

/** The latest instant at or before `nowMs` when the digest was due; undefined when it is off. */
export function latestDigestSlot(choice: DigestChoice, nowMs: number, timeZone: string): number | undefined {
  if (choice.digest === 'off') return undefined;
  const today = zonedDay(nowMs, timeZone);
  for (let back = 0; back <= 7; back++) {
    const day = addDays(today, -back);
    // getUTCDay on the day's own date: 0 Sunday … 6 Saturday; ISO numbers Sunday 7.
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay() || 7;
    if (choice.digest === 'weekly' && weekday !== choice.digestWeekday) continue;
    const slot = zonedInstant(day, choice.digestTime, timeZone);
    if (slot <= nowMs) return slot;
  }
  return undefined;
}

/**
 * The slot to send a digest for now, if any: the latest one due, when it is later than the last one
 * handled and than the moment the person last changed their choice (saving one's settings at 10:00
 * does not send the 09:00 digest at once).
 */
export function digestSlotToSend(choice: DigestChoice, nowMs: number, timeZone: string, lastSlot: string | undefined, choiceSince: string | null): number | undefined {
  const slot = latestDigestSlot(choice, nowMs, timeZone);
  if (slot === undefined) return undefined;
  if (lastSlot !== undefined && slot <= Date.parse(lastSlot)) return undefined;
  if (choiceSince !== null && slot <= Date.parse(choiceSince)) return undefined;
  return slot;
}
