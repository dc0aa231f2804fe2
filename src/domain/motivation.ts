import type { KpiComponent, MotivationData } from '../schemas/motivation';

// The motivation statute's formula, shared by the calculator island, the content check and the tests.

/** What the formula needs from a scheme in content/motivation. */
export type PayScheme = Pick<MotivationData, 'fixedPay' | 'bonusBase' | 'bonusPercent' | 'kpis' | 'penalties'>;
type ScaleStep = KpiComponent['scale'][number];
type Penalty = MotivationData['penalties'][number];

/** The KPI whose value is plan fulfilment: the calculator derives it from the bonus base and the plan. */
export const PLAN_KPI = 'plan';

/** Figures of one month as a worked example gives them: the bonus base in roubles and each KPI's value. */
export interface PayFigures {
  base: number;
  kpis: Readonly<Record<string, number>>;
}

/** One KPI's share of the bonus. */
export interface KpiPart {
  id: string;
  title: string;
  weight: number;
  unit: KpiComponent['unit'];
  value: number;
  /** The scale step that applies; undefined when the value is below the first step. */
  step: ScaleStep | undefined;
  factor: number;
  /** targetBonus × weight / 100 × factor, not rounded. */
  amount: number;
}

/** A cut below a minimum that applies. */
export interface AppliedCut {
  penalty: Penalty;
  /** The KPI's value that fell below the minimum. */
  value: number;
  /** The roubles cut, not rounded. */
  amount: number;
}

/** Pay for a month, step by step as the statute computes it. */
export interface PayBreakdown {
  base: number;
  targetBonus: number;
  parts: KpiPart[];
  partsSum: number;
  /** Every minimum that was missed; only the largest cut applies. */
  missed: Penalty[];
  cut: AppliedCut | undefined;
  bonus: number;
  fixedPay: number;
  /** Fixed pay plus bonus, rounded to the rouble. */
  total: number;
}

/** Why figures cannot be computed; the view turns each code into a sentence. */
export type PayProblem =
  | { field: 'base'; code: 'missing' | 'negative' }
  | { field: 'plan'; code: 'missing' | 'negative' }
  | { field: 'revenue'; code: 'negative' | 'below-base' }
  | { field: `kpi:${string}`; code: 'missing' };

export type PayOutcome = { ok: true; pay: PayBreakdown } | { ok: false; problems: PayProblem[] };

/** Drops floating-point noise (0.1 + 0.2) before money is compared or rounded. */
export const cleanMoney = (value: number) => Number(value.toFixed(6));

/** Margin (or net profit) is revenue less costs: it cannot be above the month's revenue. */
export const exceedsRevenue = (margin: number, revenue: number) => cleanMoney(margin) > cleanMoney(revenue);

/** Rounds roubles as the statute does: to the whole rouble, halves up. */
export const roundToRouble = (value: number) => Math.round(cleanMoney(value));

/** The step with the highest `from` that does not exceed the value; undefined below the first step. */
export function stepFor(scale: readonly ScaleStep[], value: number): ScaleStep | undefined {
  let found: ScaleStep | undefined;
  for (const step of scale) if (step.from <= value && (!found || step.from >= found.from)) found = step;
  return found;
}

/** The statute's formula: target bonus, a part per KPI, the largest cut below a minimum, total to the rouble. */
export function computePay(scheme: PayScheme, figures: PayFigures): PayOutcome {
  const problems: PayProblem[] = [];
  if (!Number.isFinite(figures.base)) problems.push({ field: 'base', code: 'missing' });
  else if (figures.base < 0) problems.push({ field: 'base', code: 'negative' });
  for (const kpi of scheme.kpis) {
    if (!Number.isFinite(figures.kpis[kpi.id])) problems.push({ field: `kpi:${kpi.id}`, code: 'missing' });
  }
  if (problems.length > 0) return { ok: false, problems };

  const targetBonus = (figures.base * scheme.bonusPercent) / 100;
  const parts = scheme.kpis.map((kpi): KpiPart => {
    const value = figures.kpis[kpi.id]!;
    const step = stepFor(kpi.scale, value);
    const factor = step?.factor ?? 0;
    return { id: kpi.id, title: kpi.title, weight: kpi.weight, unit: kpi.unit, value, step, factor, amount: ((targetBonus * kpi.weight) / 100) * factor };
  });
  const partsSum = parts.reduce((sum, part) => sum + part.amount, 0);
  const missed = scheme.penalties.filter((p) => figures.kpis[p.kpi] !== undefined && figures.kpis[p.kpi]! < p.below);
  const largest = missed.reduce<Penalty | undefined>((top, p) => (!top || p.cutPercent > top.cutPercent ? p : top), undefined);
  const cut = largest && { penalty: largest, value: figures.kpis[largest.kpi]!, amount: (partsSum * largest.cutPercent) / 100 };
  const bonus = partsSum - (cut?.amount ?? 0);
  return {
    ok: true,
    pay: { base: figures.base, targetBonus, parts, partsSum, missed, cut, bonus, fixedPay: scheme.fixedPay, total: roundToRouble(scheme.fixedPay + bonus) },
  };
}

/**
 * Plan fulfilment in percent, as the monthly report gives it: base / plan × 100, cut (not rounded)
 * to one decimal, so 69.99 % stays below a 70 % minimum. No plan (0) counts as 0 %.
 */
export function planFulfilment(base: number, plan: number): number {
  if (plan <= 0 || base <= 0) return 0;
  return Math.floor(cleanMoney((base * 1000) / plan)) / 10;
}

/** A personal plan that gives exactly `percent` fulfilment for `base`, for filling in a worked example. */
export function planFor(base: number, percent: number): number {
  return percent > 0 ? Math.floor((base * 100) / percent) : 0;
}

/** What a manager types into the calculator: the month's plan, revenue and bonus base, and the other KPIs. */
export interface MonthFigures {
  /** Personal plan for the bonus base, in roubles; used when the scheme has the plan KPI. */
  plan?: number;
  /** Revenue of the month; needed for the bigger-discount comparison. Equals the base when the base is revenue. */
  revenue?: number;
  base: number;
  /** Values of every KPI except plan fulfilment when the plan is given. */
  kpis: Readonly<Record<string, number>>;
}

/** Whether the scheme's plan fulfilment is derived from a plan in roubles. */
export const derivesPlan = (scheme: PayScheme) => scheme.kpis.some((k) => k.id === PLAN_KPI);

/** Checks a month's figures and turns them into the statute's figures (plan fulfilment derived from the plan). */
export function figuresForMonth(scheme: PayScheme, month: MonthFigures): { ok: true; figures: PayFigures; fulfilment?: number } | { ok: false; problems: PayProblem[] } {
  const problems: PayProblem[] = [];
  const plan = derivesPlan(scheme);
  if (plan) {
    if (month.plan === undefined || !Number.isFinite(month.plan)) problems.push({ field: 'plan', code: 'missing' });
    else if (month.plan < 0) problems.push({ field: 'plan', code: 'negative' });
  }
  if (month.revenue !== undefined && Number.isFinite(month.base) && scheme.bonusBase !== 'revenue') {
    if (month.revenue < 0) problems.push({ field: 'revenue', code: 'negative' });
    else if (exceedsRevenue(month.base, month.revenue)) problems.push({ field: 'revenue', code: 'below-base' });
  }
  const fulfilment = plan && month.plan !== undefined && month.plan >= 0 && Number.isFinite(month.base) ? planFulfilment(month.base, month.plan) : undefined;
  const kpis = fulfilment === undefined ? { ...month.kpis } : { ...month.kpis, [PLAN_KPI]: fulfilment };
  const checked = computePay(scheme, { base: month.base, kpis });
  if (!checked.ok) problems.push(...checked.problems.filter((p) => !(plan && p.field === `kpi:${PLAN_KPI}`)));
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, figures: { base: month.base, kpis }, fulfilment };
}

/** The KPI whose value is conversion: a month's deals won / leads × 100, computed from a KPI record's deals and leads. */
export const CONVERSION_KPI = 'conversion';

/** Columns of a KPI record that a KPI with the same id takes its value from, as they are. */
export const RECORD_COLUMNS = ['revenue', 'margin', 'deals', 'leads'] as const;

/** The unit of each KPI taken from a KPI record's own columns: what the content check holds such a KPI to. */
export const RECORD_UNITS: Readonly<Record<string, KpiComponent['unit']>> = { plan: 'percent', conversion: 'percent', revenue: 'rub', margin: 'rub', deals: 'count', leads: 'count' };

/** The figure a KPI record carries as the bonus base of a scheme paid from net profit. */
export const NET_PROFIT_METRIC = 'netProfit';

/** One person's month as a KPI record holds it: the fixed columns, and the other figures their scheme uses by id. */
export interface RecordFigures {
  revenue: number;
  margin: number;
  deals: number;
  leads: number;
  /** The month's plan of the scheme's bonus base, in roubles. */
  plan: number;
  metrics: Readonly<Record<string, number>>;
}

/** A figure a KPI record must carry in `metrics` for a scheme: a KPI's value, or net profit as the base (no title). */
export interface RecordedMetric {
  id: string;
  title: string | null;
  unit: KpiComponent['unit'];
}

/** What the formula needs of a scheme to say which figures a record must carry. */
export type MetricScheme = Pick<PayScheme, 'bonusBase' | 'kpis'>;

/** Whether a KPI's value comes from the record's own columns: plan fulfilment, conversion, or a column of the same name. */
export const fromRecordColumns = (kpiId: string) => kpiId === PLAN_KPI || kpiId === CONVERSION_KPI || (RECORD_COLUMNS as readonly string[]).includes(kpiId);

/** The figures of `metrics` a scheme needs: every KPI not computed from the record's columns, and net profit when it is the base. */
export function recordedMetrics(scheme: MetricScheme): RecordedMetric[] {
  const metrics: RecordedMetric[] = scheme.kpis.filter((k) => !fromRecordColumns(k.id)).map((k) => ({ id: k.id, title: k.title, unit: k.unit }));
  if (scheme.bonusBase === 'netProfit' && !metrics.some((m) => m.id === NET_PROFIT_METRIC)) metrics.unshift({ id: NET_PROFIT_METRIC, title: null, unit: 'rub' });
  return metrics;
}

/** Conversion in percent as the monthly report gives it: deals / leads × 100, cut to one decimal like plan fulfilment; 0 without leads. */
export const conversionRate = (deals: number, leads: number) => planFulfilment(deals, leads);

/**
 * What the calculator would be given for a month on record: the plan, revenue and bonus base, and every
 * KPI but plan fulfilment (which the calculator derives from the plan). `missing` names the figures
 * the record lacks for the scheme; with any missing, the figures are not complete.
 */
export function monthFiguresOf(scheme: PayScheme, record: RecordFigures): { month: MonthFigures; missing: RecordedMetric[] } {
  const missing = recordedMetrics(scheme).filter((m) => !Number.isFinite(record.metrics[m.id]));
  const base = scheme.bonusBase === 'margin' ? record.margin : scheme.bonusBase === 'revenue' ? record.revenue : (record.metrics[NET_PROFIT_METRIC] ?? Number.NaN);
  const kpis: Record<string, number> = {};
  for (const kpi of scheme.kpis) {
    if (kpi.id === PLAN_KPI) continue;
    const value =
      kpi.id === CONVERSION_KPI
        ? conversionRate(record.deals, record.leads)
        : (RECORD_COLUMNS as readonly string[]).includes(kpi.id)
          ? record[kpi.id as (typeof RECORD_COLUMNS)[number]]
          : record.metrics[kpi.id];
    if (value !== undefined) kpis[kpi.id] = value;
  }
  return { month: { plan: record.plan, revenue: scheme.bonusBase === 'revenue' ? undefined : record.revenue, base, kpis }, missing };
}

/** The same deals with a discount `points` percentage points bigger, and what that does to pay. */
export interface DiscountEffect {
  points: number;
  /** Roubles the bigger discount takes off revenue — and, with costs unchanged, off the bonus base. */
  loss: number;
  revenue: number;
  base: number;
  /** True when the base would fall below zero and was taken as zero. */
  baseExhausted: boolean;
  fulfilment: number | undefined;
  pay: PayBreakdown;
}

export interface MonthPay {
  pay: PayBreakdown;
  fulfilment: number | undefined;
  /** Absent when revenue is not given. */
  discount: DiscountEffect | undefined;
}

/**
 * Pay for a month and, when revenue is given, pay for the same deals with a bigger discount.
 * The model: the discount takes `points` % off the revenue actually invoiced; costs do not change,
 * so the bonus base (margin, net profit or revenue) falls by the same roubles, and so does plan fulfilment.
 */
export function payForMonth(scheme: PayScheme, month: MonthFigures, points = 10): { ok: true; result: MonthPay } | { ok: false; problems: PayProblem[] } {
  const checked = figuresForMonth(scheme, month);
  if (!checked.ok) return checked;
  const now = computePay(scheme, checked.figures);
  if (!now.ok) return now;
  const revenue = scheme.bonusBase === 'revenue' ? month.base : month.revenue;
  let discount: DiscountEffect | undefined;
  if (revenue !== undefined) {
    const loss = cleanMoney((revenue * points) / 100);
    const rawBase = cleanMoney(month.base - loss);
    const base = Math.max(0, rawBase);
    const fulfilment = checked.fulfilment === undefined ? undefined : planFulfilment(base, month.plan ?? 0);
    const kpis = fulfilment === undefined ? checked.figures.kpis : { ...checked.figures.kpis, [PLAN_KPI]: fulfilment };
    const then = computePay(scheme, { base, kpis });
    if (!then.ok) return then;
    discount = { points, loss, revenue: cleanMoney(revenue - loss), base, baseExhausted: rawBase < 0, fulfilment, pay: then.pay };
  }
  return { ok: true, result: { pay: now.pay, fulfilment: checked.fulfilment, discount } };
}
