import { describe, expect, it } from 'vitest';
import { shiftMonth } from '../../src/domain/effectiveness';
import { monthsOf, salesDashboard, salesFigures, salesPeriod, type SalesRecord } from '../../src/domain/sales-dashboard';
import * as clock from '../../src/server/clock';
import { monthOf } from '../clock';

const lastMonth = monthOf(clock.now(), -1);
const before = shiftMonth(lastMonth, -1);
const record = (userId: string, month: string, over: Partial<SalesRecord> = {}): SalesRecord => ({
  userId,
  month,
  revenue: 1_000_000,
  margin: 250_000,
  deals: 4,
  leads: 20,
  plan: 200_000,
  metrics: {},
  ...over,
});

describe('the department’s sales figures', () => {
  it('sums a group of records, and plan fulfilment counts only the records with a plan', () => {
    const figures = salesFigures([
      record('m1', lastMonth, { metrics: { receivables: 90 } }),
      record('m2', lastMonth, { revenue: 500_000, margin: 150_000, deals: 1, leads: 10, plan: 300_000, metrics: { receivables: 60 } }),
      // A trainee's first month: no plan yet, so no 0 % dragging the team down; their sales still count.
      record('t1', lastMonth, { revenue: 300_000, margin: 60_000, deals: 1, leads: 10, plan: 0 }),
    ]);
    expect(figures).toEqual({
      records: 3,
      revenue: 1_800_000,
      margin: 460_000,
      plan: 500_000,
      fulfilment: 80,
      deals: 6,
      leads: 40,
      conversion: 15,
      averageDeal: 300_000,
      metrics: { receivables: { mean: 75, count: 2 } },
    });
  });

  it('leaves a ratio empty rather than dividing by zero', () => {
    expect(salesFigures([record('t1', lastMonth, { revenue: 0, margin: 0, deals: 0, leads: 0, plan: 0 })])).toMatchObject({ fulfilment: null, conversion: null, averageDeal: null, metrics: {} });
  });

  it('gives the team by month, a month without figures as none, and each person over the period', () => {
    const period = { from: shiftMonth(lastMonth, -2), to: lastMonth };
    const dashboard = salesDashboard(
      [record('m1', lastMonth), record('m2', lastMonth, { margin: 100_000 }), record('m1', period.from), record('m1', shiftMonth(lastMonth, -6))],
      period,
    );
    expect(dashboard.byMonth.map((m) => [m.month, m.figures?.margin ?? null])).toEqual([
      [period.from, 250_000],
      [before, null],
      [lastMonth, 350_000],
    ]);
    expect(dashboard.byPerson.map((p) => [p.userId, p.figures.records, p.figures.fulfilment])).toEqual([
      ['m1', 2, 125],
      ['m2', 1, 50],
    ]);
    expect(dashboard.team.records).toBe(3);
  });
});

describe('the period shown', () => {
  it('is the twelve months up to the last whole one unless another is asked for', () => {
    expect(salesPeriod(null, null, lastMonth)).toEqual({ period: { from: shiftMonth(lastMonth, -11), to: lastMonth } });
    expect(monthsOf(salesPeriod(null, null, lastMonth).period)).toHaveLength(12);
    expect(salesPeriod(before, lastMonth, lastMonth)).toEqual({ period: { from: before, to: lastMonth } });
  });

  it('refuses a period it cannot read, one backwards, past the last whole month or over three years, and says why', () => {
    const fallback = { from: shiftMonth(lastMonth, -11), to: lastMonth };
    expect(salesPeriod('2026-13', lastMonth, lastMonth)).toEqual({ period: fallback, refused: 'month' });
    expect(salesPeriod(before, null, lastMonth)).toEqual({ period: fallback, refused: 'month' });
    expect(salesPeriod(lastMonth, before, lastMonth)).toEqual({ period: fallback, refused: 'order' });
    expect(salesPeriod(before, shiftMonth(lastMonth, 1), lastMonth)).toEqual({ period: fallback, refused: 'future' });
    expect(salesPeriod(shiftMonth(lastMonth, -36), lastMonth, lastMonth)).toEqual({ period: fallback, refused: 'long' });
    expect(salesPeriod(shiftMonth(lastMonth, -35), lastMonth, lastMonth).refused).toBeUndefined();
  });
});
