import { describe, expect, it } from 'vitest';
import { addDays, dayOf, daysBetween, monthOf, shiftDays, startOfDay } from '../../src/domain/calendar';

describe('the calendar', () => {
  it('counts days by the UTC calendar, across month ends, a leap day and the new year', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2028-02-29', 1)).toBe('2028-03-01');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(daysBetween(new Date('2026-12-31T23:59:00Z'), new Date('2027-01-01T00:01:00Z'))).toBe(1);
    expect(daysBetween(new Date('2028-03-01T10:00:00Z'), new Date('2028-02-28T09:00:00Z'))).toBe(-2);
    expect(daysBetween(new Date('2026-01-01T00:00:00Z'), new Date('2027-01-01T00:00:00Z'))).toBe(365);
  });

  it('gives the day and the midnight of an instant, and moves instants by whole days', () => {
    expect(dayOf(new Date('2026-12-31T22:30:00Z'))).toBe('2026-12-31');
    expect(new Date(startOfDay('2028-02-29')).toISOString()).toBe('2028-02-29T00:00:00.000Z');
    expect(shiftDays(new Date('2028-02-28T12:00:00Z'), 2).toISOString()).toBe('2028-03-01T12:00:00.000Z');
    expect(shiftDays(new Date('2027-01-01T06:00:00Z'), -1).toISOString()).toBe('2026-12-31T06:00:00.000Z');
  });

  it('names months and moves them across years', () => {
    expect(monthOf(new Date('2026-12-31T22:30:00Z'))).toBe('2026-12');
    expect(monthOf(new Date('2026-12-31T22:30:00Z'), 1)).toBe('2027-01');
    expect(monthOf(new Date('2027-01-15T00:00:00Z'), -1)).toBe('2026-12');
    expect(monthOf(new Date('2027-03-31T00:00:00Z'), -13)).toBe('2026-02');
  });
});
