import { addDays, dayOf } from './calendar';

/** Whether a document's review date has passed on `today` (dates compared by calendar day, UTC). */
export function isReviewOverdue(reviewBy: Date, today: Date): boolean {
  return dayOf(reviewBy) < dayOf(today);
}

/** A document as review reminders see it: its review date as a calendar day. */
export interface ReviewedDoc {
  id: string;
  status: 'draft' | 'active' | 'archived';
  owner: string;
  /** `YYYY-MM-DD`. */
  reviewBy: string;
}

/** The key a reminder is remembered by: a new review date (the owner reviewed and moved it) is reminded again. */
export const reviewReminderKey = (docId: string, reviewBy: string) => `${docId}/${reviewBy}`;

/**
 * The active documents whose owners are to be reminded today: the review date is `noticeDays` away or
 * nearer, or past, and that date was not reminded of before.
 */
export function reviewsToRemind<D extends ReviewedDoc>(docs: readonly D[], reminded: ReadonlySet<string>, today: string, noticeDays: number): D[] {
  return docs.filter((doc) => doc.status === 'active' && addDays(doc.reviewBy, -noticeDays) <= today && !reminded.has(reviewReminderKey(doc.id, doc.reviewBy)));
}

/**
 * Who is reminded of a document's review: the active people whose position owns it, or, when nobody
 * holds that position, every active head.
 */
export function reviewReaders(owner: string, people: readonly { id: string; position: string; appRole: string; disabled: boolean }[]): string[] {
  const holders = people.filter((p) => !p.disabled && p.position === owner);
  return (holders.length > 0 ? holders : people.filter((p) => !p.disabled && p.appRole === 'head')).map((p) => p.id);
}
