import { z } from 'astro/zod';
import { audience, docLink, entryId } from './common';

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
  /** The skills. */
  items: z.array(checklistItemSchema).min(1),
});

export type ChecklistData = z.output<typeof checklistSchema>;
export type ChecklistItem = z.output<typeof checklistItemSchema>;
