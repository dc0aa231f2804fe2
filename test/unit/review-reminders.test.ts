import { describe, expect, it } from 'vitest';
import { reviewReaders, reviewReminderKey, reviewsToRemind, type ReviewedDoc } from '../../src/domain/review';

const doc = (id: string, reviewBy: string, fields: Partial<ReviewedDoc> = {}): ReviewedDoc => ({ id, status: 'active', owner: 'head-of-sales', reviewBy, ...fields });

describe('review reminders', () => {
  const docs = [doc('near', '2027-03-15'), doc('far', '2027-04-30'), doc('past', '2027-01-10'), doc('old', '2027-03-01', { status: 'archived' }), doc('draft', '2027-03-02', { status: 'draft' })];

  it('reminds of active documents whose review date is within the notice days or past', () => {
    expect(reviewsToRemind(docs, new Set(), '2027-03-01', 14).map((d) => d.id)).toEqual(['near', 'past']);
    // The first day of the notice: 14 days before the review date.
    expect(reviewsToRemind([doc('near', '2027-03-15')], new Set(), '2027-02-28', 14)).toEqual([]);
    expect(reviewsToRemind([doc('near', '2027-03-15')], new Set(), '2027-03-01', 14)).toHaveLength(1);
    // No notice days: the review date itself.
    expect(reviewsToRemind([doc('near', '2027-03-15')], new Set(), '2027-03-14', 0)).toEqual([]);
    expect(reviewsToRemind([doc('near', '2027-03-15')], new Set(), '2027-03-15', 0)).toHaveLength(1);
  });

  it('reminds once per review date, and again when the owner moves the date', () => {
    const reminded = new Set([reviewReminderKey('near', '2027-03-15'), reviewReminderKey('past', '2027-01-10')]);
    expect(reviewsToRemind(docs, reminded, '2027-03-05', 14)).toEqual([]);
    // Reviewed and given a new date a year on: reminded again when that date comes near.
    const moved = [doc('near', '2028-03-15')];
    expect(reviewsToRemind(moved, reminded, '2027-03-05', 14)).toEqual([]);
    expect(reviewsToRemind(moved, reminded, '2028-03-01', 14).map((d) => d.id)).toEqual(['near']);
  });

  it('tells the active people of the owner position, or the heads when nobody holds it', () => {
    const people = [
      { id: 'h1', position: 'head-of-sales', appRole: 'head', disabled: false },
      { id: 'h2', position: 'head-of-sales', appRole: 'head', disabled: true },
      { id: 'c1', position: 'crm-admin', appRole: 'employee', disabled: false },
      { id: 'h3', position: 'director', appRole: 'head', disabled: false },
    ];
    expect(reviewReaders('crm-admin', people)).toEqual(['c1']);
    expect(reviewReaders('head-of-sales', people)).toEqual(['h1']);
    expect(reviewReaders('marketing', people)).toEqual(['h1', 'h3']);
  });
});
