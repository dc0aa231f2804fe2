import { z } from 'astro/zod';

/** One step of a KPI scale: from this value of the KPI on, the component pays `factor` of its share. */
export const scaleStepSchema = z.strictObject({
  /** The KPI value at which the step starts (inclusive). */
  from: z.number(),
  /** The share of the component paid from this value: 0 pays nothing, 1 pays in full, 1.2 pays 20 % more. */
  factor: z.number().min(0),
});

/** A KPI component of the bonus. */
export const kpiComponentSchema = z.strictObject({
  /**
   * Id of the KPI; also the calculator's input name and the column of the KPI import. The KPI with id
   * `plan` is plan fulfilment: the calculator derives it from the bonus base and the personal plan in
   * roubles. In a month's KPI record, `conversion` is worked out from deals and leads, a KPI named
   * like one of the record's columns (`revenue`, `margin`, `deals`, `leads`) takes that column, and any
   * other id is a figure of its own, imported in a column of that name.
   */
  id: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/, { message: 'id' }),
  /** The KPI as the statute names it. */
  title: z.string().min(1),
  /** Its weight in the bonus, in percent; weights add up to 100. */
  weight: z.number().positive().max(100),
  /** Unit of the KPI value. */
  unit: z.enum(['percent', 'count', 'rub']).default('percent'),
  /** Steps, ascending by `from`. */
  scale: z.array(scaleStepSchema).min(1),
});

/** A cut to the bonus when a KPI falls below a minimum (депремирование). */
export const penaltySchema = z.strictObject({
  /** The KPI checked. */
  kpi: z.string().min(1),
  /** The minimum; a value below it triggers the cut. */
  below: z.number(),
  /** How much of the bonus is cut, in percent. */
  cutPercent: z.number().min(0).max(100),
  /** The rule in the statute's words. */
  text: z.string().min(1),
});

/** A worked example from the statute: the figures and the total pay they give, to the rouble. */
export const motivationExampleSchema = z.strictObject({
  /** Who the example is about, as the statute tells it. */
  title: z.string().min(1),
  /** The bonus base for the month in roubles (margin, net profit or revenue). */
  base: z.number(),
  /** KPI values by KPI id. */
  kpis: z.record(z.string(), z.number()),
  /** Total monthly pay the statute states for these figures. */
  total: z.number(),
});

/** A bonus scheme in content/motivation/*.yaml, behind the motivation calculator. */
export const motivationSchema = z.strictObject({
  /** Name of the scheme. */
  title: z.string().min(1),
  /** The statute that sets the scheme, a document id. */
  statute: z.string().optional(),
  /** Monthly fixed pay in roubles. */
  fixedPay: z.number().min(0),
  /** What the bonus is a share of. */
  bonusBase: z.enum(['margin', 'netProfit', 'revenue']),
  /** Target bonus in percent of the base at 100 % of every KPI. */
  bonusPercent: z.number().positive().max(100),
  /** KPI components. */
  kpis: z.array(kpiComponentSchema).min(1),
  /** Cuts below minimums. */
  penalties: z.array(penaltySchema).default([]),
  /** Worked examples from the statute; the content check fails the build when the formula does not give a total to the rouble. */
  examples: z.array(motivationExampleSchema).default([]),
});

export type MotivationData = z.output<typeof motivationSchema>;
export type KpiComponent = z.output<typeof kpiComponentSchema>;
