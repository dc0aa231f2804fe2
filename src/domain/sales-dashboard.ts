import { shiftMonth } from './effectiveness';
import type { RecordFigures } from './motivation';

// The department's sales, by month and by person, from the same monthly KPI records the pay
// statements use: pure sums and ratios, so the page only draws what this computes.

/** A month of one person's figures, as the KPI records hold them. */
export interface SalesRecord extends RecordFigures {
  userId: string;
  month: string;
}

/** The figures of a group of records (a month of the team, a person over a period). */
export interface SalesFigures {
  /** How many records: person-months. */
  records: number;
  revenue: number;
  margin: number;
  /** The plan of the records that have one. */
  plan: number;
  /** Margin / plan × 100 over the records that have a plan; null when none has. */
  fulfilment: number | null;
  deals: number;
  leads: number;
  /** Deals / leads × 100; null without leads. */
  conversion: number | null;
  /** Revenue / deals; null without deals. */
  averageDeal: number | null;
  /** Each scheme figure (`receivables`…): its mean over the records that carry it, and how many do. */
  metrics: Record<string, { mean: number; count: number }>;
}

/**
 * Sums and ratios of a group of records. Plan fulfilment is the margin of the records with a plan
 * over their plan, so a trainee's month without a plan does not count as 0 %. A scheme figure (a
 * share paid on time, clients kept) is a percent of each person's own, so the team's is their mean.
 */
export function salesFigures(records: readonly SalesRecord[]): SalesFigures {
  const sum = (pick: (r: SalesRecord) => number, of = records) => of.reduce((total, r) => total + pick(r), 0);
  const planned = records.filter((r) => r.plan > 0);
  const revenue = sum((r) => r.revenue);
  const deals = sum((r) => r.deals);
  const leads = sum((r) => r.leads);
  const plan = sum((r) => r.plan, planned);
  const metrics: SalesFigures['metrics'] = {};
  for (const id of new Set(records.flatMap((r) => Object.keys(r.metrics)))) {
    const values = records.flatMap((r) => (Object.hasOwn(r.metrics, id) ? [r.metrics[id]!] : []));
    metrics[id] = { mean: values.reduce((a, b) => a + b, 0) / values.length, count: values.length };
  }
  return {
    records: records.length,
    revenue,
    margin: sum((r) => r.margin),
    plan,
    fulfilment: plan > 0 ? (sum((r) => r.margin, planned) / plan) * 100 : null,
    deals,
    leads,
    conversion: leads > 0 ? (deals / leads) * 100 : null,
    averageDeal: deals > 0 ? revenue / deals : null,
    metrics,
  };
}

/** A period of whole months, `from` to `to` inclusive. */
export interface SalesPeriod {
  from: string;
  to: string;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The longest period shown at once. */
export const MAX_PERIOD_MONTHS = 36;

/**
 * The period asked for in the address (`?from=2026-01&to=2026-06`), or the twelve months up to the
 * last whole one (`lastMonth`) when nothing or something unreadable is asked: a period backwards,
 * over three years long, or ending after the last whole month is refused, with the reason.
 */
export function salesPeriod(from: string | null, to: string | null, lastMonth: string): { period: SalesPeriod; refused?: 'month' | 'order' | 'long' | 'future' } {
  const fallback = { from: shiftMonth(lastMonth, -11), to: lastMonth };
  if (from === null && to === null) return { period: fallback };
  if (!from || !to || !MONTH.test(from) || !MONTH.test(to)) return { period: fallback, refused: 'month' };
  if (from > to) return { period: fallback, refused: 'order' };
  if (to > lastMonth) return { period: fallback, refused: 'future' };
  if (monthsOf({ from, to }).length > MAX_PERIOD_MONTHS) return { period: fallback, refused: 'long' };
  return { period: { from, to } };
}

/** Every month of a period, in order. */
export function monthsOf(period: SalesPeriod): string[] {
  const months: string[] = [];
  for (let month = period.from; month <= period.to && months.length <= MAX_PERIOD_MONTHS; month = shiftMonth(month, 1)) months.push(month);
  return months;
}

/** The department's figures for a period: the team by month (a month without records has none), each person over the period. */
export function salesDashboard(records: readonly SalesRecord[], period: SalesPeriod) {
  const inPeriod = records.filter((r) => r.month >= period.from && r.month <= period.to);
  const byMonth = monthsOf(period).map((month) => {
    const of = inPeriod.filter((r) => r.month === month);
    return { month, figures: of.length > 0 ? salesFigures(of) : null };
  });
  const people = [...new Set(inPeriod.map((r) => r.userId))];
  const byPerson = people.map((userId) => ({ userId, figures: salesFigures(inPeriod.filter((r) => r.userId === userId)) }));
  return { byMonth, byPerson, team: salesFigures(inPeriod) };
}
