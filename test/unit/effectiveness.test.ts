import { describe, expect, it } from 'vitest';
import { beforeAfter, groupMedians, median, rampTime, shiftMonth, teamBeforeAfter } from '../../src/domain/effectiveness';

const d = (s: string) => new Date(`${s}T00:00:00Z`);

describe('ramp time', () => {
  it('counts days from hiring to the last required sign-off', () => {
    expect(rampTime(d('2026-09-01'), d('2026-10-15'), d('2026-11-27'), 60)).toEqual({ done: true, days: 44 });
  });
  it('says how far a person is while sign-offs are missing, and when they are past the target', () => {
    expect(rampTime(d('2026-10-20'), null, d('2026-11-27'), 60)).toEqual({ done: false, day: 38, target: 60, overdue: false });
    expect(rampTime(d('2026-08-01'), null, d('2026-11-27'), 60)).toEqual({ done: false, day: 118, target: 60, overdue: true });
  });
});

describe('months', () => {
  it('shifts across years', () => {
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(shiftMonth('2026-11', 3)).toBe('2027-02');
    expect(shiftMonth('2026-12', -12)).toBe('2025-12');
  });
});

const month = (m: string, deals: number, leads: number, revenue: number, margin: number, plan: number) => ({ month: m, deals, leads, revenue, margin, plan });

describe('before and after training', () => {
  const records = [
    month('2026-04', 2, 20, 800_000, 160_000, 200_000),
    month('2026-05', 2, 10, 900_000, 180_000, 200_000),
    month('2026-06', 3, 20, 900_000, 200_000, 200_000),
    month('2026-07', 9, 9, 9_000_000, 9_000_000, 1),
    month('2026-08', 4, 16, 2_000_000, 300_000, 250_000),
    month('2026-09', 5, 20, 2_500_000, 250_000, 250_000),
    month('2026-10', 3, 12, 1_500_000, 275_000, 250_000),
  ];

  it('averages the n months on each side of the completion month, leaving that month out', () => {
    const result = beforeAfter(records, d('2026-07-14'), 3);
    expect(result.before.months).toEqual(['2026-04', '2026-05', '2026-06']);
    expect(result.after.months).toEqual(['2026-08', '2026-09', '2026-10']);
    expect(result.before.conversion).toEqual({ value: (10 + 20 + 15) / 3, count: 3 });
    expect(result.after.conversion).toEqual({ value: 25, count: 3 });
    expect(result.before.averageDeal.value).toBeCloseTo((400_000 + 450_000 + 300_000) / 3);
    expect(result.after.planFulfilment.value).toBeCloseTo((120 + 100 + 110) / 3);
    expect(result.smallSample).toBe(false);
  });

  it('flags a small sample when a side has fewer months than asked for', () => {
    const result = beforeAfter(records, d('2026-09-02'), 3);
    expect(result.after.months).toEqual(['2026-10']);
    expect(result.smallSample).toBe(true);
    expect(beforeAfter([], d('2026-09-02')).before.conversion).toEqual({ value: null, count: 0 });
  });

  it('aggregates people for the team and warns when too few stand behind a figure', () => {
    const one = beforeAfter(records, d('2026-07-14'), 3);
    const team = teamBeforeAfter([one, one], 3);
    expect(team.people).toBe(2);
    expect(team.after.conversion).toEqual({ value: 25, count: 2 });
    expect(team.smallSample).toBe(true);
    expect(teamBeforeAfter([one, one, one], 3).smallSample).toBe(false);
  });
});

describe('group medians', () => {
  it('summarises ramp days by group, counting people still ramping', () => {
    const people = [
      { cohort: '2026-08', days: 50 },
      { cohort: '2026-08', days: 70 },
      { cohort: '2026-08', days: null },
      { cohort: '2026-09', days: 40 },
    ];
    expect(groupMedians(people, (p) => p.cohort, (p) => p.days)).toEqual([
      { key: '2026-08', people: 3, done: 2, median: 60 },
      { key: '2026-09', people: 1, done: 1, median: 40 },
    ]);
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
  });
});

describe('ramp time without required sign-offs', () => {
  it('has nothing to measure', () => {
    expect(rampTime(d('2021-06-01'), 'none-required', d('2026-11-27'), 60)).toEqual({ done: null });
  });

  it('is not measured for someone hired before the portal started, whatever their sign-offs: tenure is no ramp', () => {
    expect(rampTime(d('2019-03-11'), null, d('2026-11-27'), 60, '2026-07-30')).toEqual({ done: null, beforePortal: true });
    expect(rampTime(d('2021-06-01'), d('2026-08-20'), d('2026-11-27'), 60, '2026-07-30')).toEqual({ done: null, beforePortal: true });
    // Hired on the day it started, or later: measured as before.
    expect(rampTime(d('2026-07-30'), null, d('2026-11-27'), 60, '2026-07-30')).toEqual({ done: false, day: 120, target: 60, overdue: true });
    expect(rampTime(d('2026-09-01'), d('2026-10-15'), d('2026-11-27'), 60, '2026-07-30')).toEqual({ done: true, days: 44 });
  });
});
