import { z } from 'astro/zod';
import { isCalendarDay } from './person';

/** A real calendar day written as `2027-01-08` (a day such as 2027-02-30 is refused, not rolled over). */
const day = z.string({ error: 'day' }).refine(isCalendarDay, { message: 'day' });

/** One year of the production calendar: what differs from "Monday to Friday work". */
export const productionYearSchema = z.strictObject({
  /** Non-working days: public holidays and the weekdays a day off was moved to. */
  holidays: z.array(day).default([]),
  /** Saturdays and Sundays that are working days because a day off was moved from them. */
  workdays: z.array(day).default([]),
});

/**
 * content/calendar.yaml, optional: the years of the Russian production calendar a company adds (a year
 * the government has just set) or corrects. Each year given replaces the one Salesbook knows, whole.
 */
export const calendarSchema = z.strictObject({
  /** By year, `2027` (the content check makes sure each day belongs to its year). */
  years: z.record(z.string(), productionYearSchema).default({}),
});

export type ProductionYearData = z.output<typeof productionYearSchema>;
export type CalendarData = z.output<typeof calendarSchema>;
