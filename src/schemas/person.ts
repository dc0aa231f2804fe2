import { z } from 'astro/zod';

// A person's fields as the data store keeps them; the store, the actions, the people import and the
// command line all check them with these, so nothing they accept can stop the next start.

/** A name as colleagues know it: at most 120 characters and no control characters (a terminal escape, a line break). */
export const personName = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[^\p{Cc}]*$/u, { message: 'must not hold control characters' });

/** A calendar day that exists, `YYYY-MM-DD`: 2026-02-31 is refused, not rolled over into March. */
export const calendarDay = z.iso.date();

/** Why `name` cannot be a person's name, or undefined when it can. */
export function personNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'is empty';
  if (name.length > 120) return `has ${name.length} characters; at most 120 fit`;
  if (/\p{Cc}/u.test(name)) return 'holds control characters (such as a terminal escape or a line break)';
  return undefined;
}

/** Whether `day` is a real calendar day written `YYYY-MM-DD`. */
export const isCalendarDay = (day: string): boolean => calendarDay.safeParse(day).success;
