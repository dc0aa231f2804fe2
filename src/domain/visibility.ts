import type { z } from 'astro/zod';
import type { status } from '../schemas/common';

// One rule for drafts and the archive, whatever the kind of content. Documents and scripts have a
// status; courses, lessons, quizzes and checklists have none and are in effect while they are in the
// content folder (a course is withdrawn by taking it off the roles' paths).

export type ContentStatus = z.infer<typeof status>;

/** Content as visibility sees it: its status, when its kind has one. */
export type WithStatus = { status?: ContentStatus };

/**
 * Whether a reader may open a piece of content at its address and find it in lists and search: a
 * draft is only for those who may see drafts; archived content stays readable, marked as archived.
 */
export function mayRead(entry: WithStatus, mayViewDrafts: boolean): boolean {
  return entry.status !== 'draft' || mayViewDrafts;
}

/** Whether content is in effect: what everyone's search holds. Drafts and the archive are not. */
export function inEffect(entry: WithStatus): boolean {
  return (entry.status ?? 'active') === 'active';
}
