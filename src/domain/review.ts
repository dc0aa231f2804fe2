import { dayOf } from './calendar';

/** Whether a document's review date has passed on `today` (dates compared by calendar day, UTC). */
export function isReviewOverdue(reviewBy: Date, today: Date): boolean {
  return dayOf(reviewBy) < dayOf(today);
}
