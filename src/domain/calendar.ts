// Dates as Salesbook counts them: calendar days in UTC, days as `YYYY-MM-DD`, months as `YYYY-MM`.
// The one place that knows how long a day is.

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** The calendar day of an instant (UTC), `YYYY-MM-DD`. */
export function dayOf(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/** Midnight (UTC) at the start of a `YYYY-MM-DD` day, in milliseconds. */
export function startOfDay(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

/** The calendar day `days` after `day` (both `YYYY-MM-DD`; `days` may be negative). */
export function addDays(day: string, days: number): string {
  return dayOf(new Date(startOfDay(day) + days * DAY_MS));
}

/** The instant `days` days after `instant` (before it when negative). */
export function shiftDays(instant: Date, days: number): Date {
  return new Date(instant.getTime() + days * DAY_MS);
}

/** Whole days from `from` to `to`, by calendar day in UTC; negative when `to` is earlier. */
export function daysBetween(from: Date, to: Date): number {
  return Math.round((startOfDay(dayOf(to)) - startOfDay(dayOf(from))) / DAY_MS);
}

/** The month of an instant (UTC), `YYYY-MM`, moved by `shift` months. */
export function monthOf(instant: Date, shift = 0): string {
  const total = instant.getUTCFullYear() * 12 + instant.getUTCMonth() + shift;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}

/** The calendar day `months` months after `day`, on the same day of the month or the month's last day. */
export function addMonths(day: string, months: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const total = year * 12 + (month - 1) + months;
  const lastDay = new Date(Date.UTC(Math.floor(total / 12), (total % 12) + 1, 0)).getUTCDate();
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}-${String(Math.min(date, lastDay)).padStart(2, '0')}`;
}
