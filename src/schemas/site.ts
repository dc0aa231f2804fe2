import { z } from 'astro/zod';

/** Whether Intl knows the name as a time zone. */
function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** content/site.yaml: the company and its policies. */
export const siteSchema = z.strictObject({
  /** Company name shown in the header. */
  company: z.string().min(1),
  /** Short description of the department, shown on the sign-in page. */
  tagline: z.string().optional(),
  /** Interface language. */
  locale: z.enum(['ru', 'en']).default('ru'),
  /**
   * Language the content folder is written in. Where it differs from the interface's, content is
   * marked with it (lang), so screen readers pronounce it right.
   */
  contentLocale: z.enum(['ru', 'en']).default('ru'),
  /** The department's time zone (IANA name): times in exports and printed sheets are its local time. */
  timeZone: z
    .string()
    .refine(isTimeZone, { message: 'time-zone' })
    .default('Europe/Moscow'),
  /** Rules the portal applies. */
  policies: z
    .strictObject({
      /** Months between reviews when a document sets no date of its own. */
      reviewIntervalMonths: z.number().int().positive().default(12),
      /** Fewest people who must hold each critical skill. */
      minCertifiedPerSkill: z.number().int().min(1).default(2),
      /** Whether a new major version asks for confirmation again. */
      reackOnMajor: z.boolean().default(true),
      /** Days from hiring by which every required sign-off should be in: the ramp-time target. */
      rampTargetDays: z.number().int().positive().default(60),
      /** Months on each side of a course's completion that the before/after comparison averages. */
      beforeAfterMonths: z.number().int().min(1).max(12).default(3),
      /**
       * The most trainees one mentor should have at once. A mentor with more is flagged to the heads
       * (the team page, their digest); assigning one more is warned about, never refused. No limit when unset.
       */
      maxTraineesPerMentor: z.number().int().min(1).max(50).optional(),
      /** Days before a pass or confirmation with `validForMonths` expires that people are told it will. */
      expiryNoticeDays: z.number().int().min(1).max(365).default(30),
    })
    .default({ reviewIntervalMonths: 12, minCertifiedPerSkill: 2, reackOnMajor: true, rampTargetDays: 60, beforeAfterMonths: 3, expiryNoticeDays: 30 }),
  /** When items on a person's path are due, and when late ones are reported. */
  deadlines: z
    .strictObject({
      /** Working days (by the production calendar) after a document version is assigned by which it is to be confirmed. */
      confirmWorkingDays: z.number().int().min(1).max(60).default(5),
      /** Working days past the due day after which the person's mentor is told. */
      escalateAfterDays: z.number().int().min(1).max(60).default(3),
      /** Further working days after which the heads are told too, in their digests. */
      escalateToHeadsAfterDays: z.number().int().min(1).max(60).default(3),
      /** Days before a document's review date on which the people of its owner position are reminded. */
      reviewNoticeDays: z.number().int().min(0).max(90).default(14),
      /** Working days after a skill's sign-off or a quiz's pass expired by which it is to be renewed. */
      renewWorkingDays: z.number().int().min(1).max(60).default(10),
    })
    .default({ confirmWorkingDays: 5, escalateAfterDays: 3, escalateToHeadsAfterDays: 3, reviewNoticeDays: 14, renewWorkingDays: 10 }),
  /** Editing in the browser. */
  editing: z
    .strictObject({
      /** Whether the people whose position owns a document or script may edit it; heads always may. */
      owners: z.boolean().default(false),
    })
    .default({ owners: false }),
  /** The header's search. */
  search: z
    .strictObject({
      /**
       * Whether "/" and Ctrl+K open search on every page. That takes a small script on every page;
       * with false, the header holds a plain link to the search page, and a page without islands
       * ships no JavaScript at all.
       */
      shortcut: z.boolean().default(true),
    })
    .default({ shortcut: true }),
});

export type SiteData = z.output<typeof siteSchema>;
