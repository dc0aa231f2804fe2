/** Whether a document's review date has passed on `today` (dates compared by calendar day, UTC). */
export function isReviewOverdue(reviewBy: Date, today: Date): boolean {
  return reviewBy.toISOString().slice(0, 10) < today.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to`, by calendar day in UTC; negative when `to` is earlier. */
export function daysBetween(from: Date, to: Date): number {
  const day = (d: Date) => Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  return Math.round((day(to) - day(from)) / 86_400_000);
}
