import { z } from 'astro/zod';
import { audience, date, docLink, entryId, validForMonths } from './common';

/** Passing observations on different days a skill needs before it is passed: 1 to 10. */
const observations = z.number().int().min(1).max(10);

/** Working days (by the production calendar) after "needs work" before the person may ask again: 0 to 60. */
const retryAfterDays = z.number().int().min(0).max(60);

/** A practical skill a mentor observes and signs off. */
export const checklistItemSchema = z.strictObject({
  /** Item id, unique within the checklist. */
  id: entryId,
  /** The skill, as a short phrase. */
  title: z.string().min(1),
  /** What the mentor must see the person do. */
  observe: z.string().min(1),
  /** Whether the department depends on enough people having it. */
  critical: z.boolean().default(false),
  /**
   * For a critical item: the fewest people who must hold it, in place of the site's
   * `policies.minCertifiedPerSkill` (a skill the whole department uses may need four, a rare one two).
   */
  minCertified: z.number().int().min(1).optional(),
  /** A short name of the skill, which several checklists may share; coverage counts each checklist item on its own. */
  skill: entryId,
  /** Documents the skill is judged against. */
  docs: z.array(docLink).default([]),
  /** This item's own number of observations on different days, in place of the checklist's. */
  observations: observations.optional(),
  /** This item's own wait after "needs work", in working days, in place of the checklist's. */
  retryAfterDays: retryAfterDays.optional(),
  /** Months a pass of this item holds before a mentor must see it again; the checklist's own when absent. */
  validForMonths,
});

/** A checklist in content/checklists/*.yaml. */
export const checklistSchema = z.strictObject({
  /** Title of the checklist. */
  title: z.string().min(1),
  /** Roles it applies to, or "all". */
  audience,
  /** Whether the mentor also rates each pass from 1 to 5. */
  rating: z.boolean().default(false),
  /**
   * Days after the checklist enters a person's path by which every item should be signed off; the
   * ramp-time target (site.yaml `policies.rampTargetDays`) when absent.
   */
  targetDays: z.number().int().positive().max(730).optional(),
  /** The day the checklist went onto learning paths: people already on them are due from this day, not their hiring. */
  since: date.optional(),
  /**
   * How many passing observations, each on a different day (in the site's time zone), every item needs
   * before it is passed; a "needs work" starts the count again. An item may set its own.
   */
  observations: observations.default(1),
  /**
   * Working days by the production calendar after a "needs work" before the person may ask for the
   * item again; 0 lets them ask at once. An item may set its own.
   */
  retryAfterDays: retryAfterDays.default(0),
  /** Months a pass holds for the items that set none of their own; absent: passes hold until a recheck. */
  validForMonths,
  /** The skills. */
  items: z.array(checklistItemSchema).min(1),
});

export type ChecklistData = z.output<typeof checklistSchema>;
export type ChecklistItem = z.output<typeof checklistItemSchema>;
