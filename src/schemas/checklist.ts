import { z } from 'astro/zod';
import { audience, docLink, entryId, validForMonths } from './common';

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
  /** A short name of the skill, which several checklists may share; coverage counts each checklist item on its own. */
  skill: entryId,
  /** Documents the skill is judged against. */
  docs: z.array(docLink).default([]),
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
  /** Months a pass holds for the items that set none of their own; absent: passes hold until a recheck. */
  validForMonths,
  /** The skills. */
  items: z.array(checklistItemSchema).min(1),
});

export type ChecklistData = z.output<typeof checklistSchema>;
export type ChecklistItem = z.output<typeof checklistItemSchema>;
