import { z } from 'astro/zod';
import { audience, date, docLink, entryId } from './common';

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
  /** The skills. */
  items: z.array(checklistItemSchema).min(1),
});

export type ChecklistData = z.output<typeof checklistSchema>;
export type ChecklistItem = z.output<typeof checklistItemSchema>;
