import { z } from 'astro/zod';

/** content/site.yaml: the company and its policies. */
export const siteSchema = z.strictObject({
  /** Company name shown in the header. */
  company: z.string().min(1),
  /** Short description of the department, shown on the sign-in page. */
  tagline: z.string().optional(),
  /** Interface language. */
  locale: z.enum(['ru', 'en']).default('ru'),
  /**
   * The company's time zone (IANA, such as Europe/Moscow or Asia/Yekaterinburg): the times people
   * choose for their digests are in it.
   */
  timeZone: z
    .string()
    .refine((zone) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    }, { message: 'time-zone' })
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
    })
    .default({ reviewIntervalMonths: 12, minCertifiedPerSkill: 2, reackOnMajor: true, rampTargetDays: 60, beforeAfterMonths: 3 }),
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
