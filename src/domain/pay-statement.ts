import type { MotivationData } from '../schemas/motivation';
import { cleanMoney, monthFiguresOf, payForMonth, type KpiPart, type PayBreakdown, type PayProblem, type PayScheme, type RecordFigures, type RecordedMetric } from './motivation';

// The monthly pay statement: one person's pay for a month, computed from their KPI record by the
// calculator's own formula (payForMonth), line by line, with the head's manual adjustments. Pure:
// the store keeps approved statements as computed, and src/server/views/pay.ts puts them together.

/** Roubles added to the pay (or taken off, below zero) by a head, with the reason. */
export interface PayAdjustment {
  id: string;
  /** Roubles, to the kopeck; never 0. */
  amount: number;
  reason: string;
  /** Id of the head who made it. */
  by: string;
  at: string;
}

/** The scheme a statement is computed with, and the sha256 of its fields, to tell later whether it changed. */
export interface StatementScheme extends PayScheme {
  id: string;
  title: string;
  hash: string;
}

/** The KPI record a statement is computed from, as it was on record. */
export interface StatementFigures extends RecordFigures {
  source: string;
  importedAt: string;
}

/** A KPI's part of the bonus as a statement keeps it: the scale step it reached, or null below the first. */
export type StatementPart = Omit<KpiPart, 'step'> & { step: { from: number; factor: number } | null };

type Penalty = MotivationData['penalties'][number];

/** The pay formula's result as a statement keeps it (JSON: null where the formula has undefined). */
export interface StatementPay {
  base: number;
  targetBonus: number;
  parts: StatementPart[];
  partsSum: number;
  missed: Penalty[];
  cut: { penalty: Penalty; value: number; amount: number } | null;
  bonus: number;
  fixedPay: number;
  /** Fixed pay plus bonus, to the rouble, as the calculator gives it. */
  total: number;
}

/** One person's pay for one month, everything a statement shows: what is frozen when a head approves it. */
export interface StatementBody {
  scheme: StatementScheme;
  figures: StatementFigures;
  /** What the calculator is given for the same month: the plan in roubles, revenue, base and the KPIs other than plan fulfilment. */
  calculator: { plan: number; revenue: number | null; base: number; kpis: Record<string, number> };
  /** Plan fulfilment in percent when the scheme derives it from the plan. */
  fulfilment: number | null;
  pay: StatementPay;
  adjustments: PayAdjustment[];
  adjustmentsTotal: number;
  /** The pay plus the adjustments: what is paid. */
  total: number;
}

/** Why a month's statement cannot be computed for someone. */
export type StatementGap =
  | { reason: 'no-scheme' }
  | { reason: 'no-figures' }
  | { reason: 'missing'; missing: RecordedMetric[] }
  | { reason: 'problems'; problems: PayProblem[] };

export type StatementDraft = { ok: true; body: StatementBody } | ({ ok: false } & StatementGap);

/** Kopecks, without floating-point noise. */
export const toKopecks = (value: number) => Math.round(cleanMoney(value) * 100) / 100;

/** The formula's breakdown as a statement keeps it. */
export function statementPay(pay: PayBreakdown): StatementPay {
  return {
    base: pay.base,
    targetBonus: pay.targetBonus,
    parts: pay.parts.map(({ id, title, weight, unit, value, step, factor, amount }) => ({ id, title, weight, unit, value, step: step ? { from: step.from, factor: step.factor } : null, factor, amount })),
    partsSum: pay.partsSum,
    missed: pay.missed.map(keptPenalty),
    cut: pay.cut ? { penalty: keptPenalty(pay.cut.penalty), value: pay.cut.value, amount: pay.cut.amount } : null,
    bonus: pay.bonus,
    fixedPay: pay.fixedPay,
    total: pay.total,
  };
}

// What a statement keeps of a scheme is named field by field: a field the content gains later is not
// frozen into statements by accident, and what was frozen stays readable.
const keptPenalty = ({ kpi, below, cutPercent, text }: Penalty): Penalty => ({ kpi, below, cutPercent, text });

function keptScheme(scheme: StatementScheme): StatementScheme {
  return {
    id: scheme.id,
    title: scheme.title,
    hash: scheme.hash,
    fixedPay: scheme.fixedPay,
    bonusBase: scheme.bonusBase,
    bonusPercent: scheme.bonusPercent,
    kpis: scheme.kpis.map(({ id, title, weight, unit, scale }) => ({ id, title, weight, unit, scale: scale.map(({ from, factor }) => ({ from, factor })) })),
    penalties: scheme.penalties.map(keptPenalty),
  };
}

/** A kept breakdown as the calculator's explanation takes it. */
export function payBreakdown(pay: StatementPay): PayBreakdown {
  return { ...pay, parts: pay.parts.map((part) => ({ ...part, step: part.step ?? undefined })), cut: pay.cut ?? undefined };
}

/**
 * A person's statement for a month: their KPI record through the calculator's formula, then the
 * adjustments. Refused, with the reason, without a record, with a figure the scheme needs missing,
 * or with figures the calculator refuses (a negative margin).
 */
export function draftStatement(scheme: StatementScheme, record: StatementFigures | undefined, adjustments: readonly PayAdjustment[]): StatementDraft {
  if (!record) return { ok: false, reason: 'no-figures' };
  const { month, missing } = monthFiguresOf(scheme, record);
  if (missing.length > 0) return { ok: false, reason: 'missing', missing };
  const computed = payForMonth(scheme, month);
  if (!computed.ok) return { ok: false, reason: 'problems', problems: computed.problems };
  const pay = statementPay(computed.result.pay);
  const adjustmentsTotal = toKopecks(adjustments.reduce((sum, a) => sum + a.amount, 0));
  return {
    ok: true,
    body: {
      scheme: keptScheme(scheme),
      figures: { revenue: record.revenue, margin: record.margin, deals: record.deals, leads: record.leads, plan: record.plan, metrics: { ...record.metrics }, source: record.source, importedAt: record.importedAt },
      calculator: { plan: month.plan ?? 0, revenue: month.revenue ?? null, base: month.base, kpis: { ...month.kpis } },
      fulfilment: computed.result.fulfilment ?? null,
      pay,
      adjustments: adjustments.map(({ id, amount, reason, by, at }) => ({ id, amount, reason, by, at })),
      adjustmentsTotal,
      total: toKopecks(pay.total + adjustmentsTotal),
    },
  };
}

/**
 * What a statement was computed from, apart from the adjustments: the scheme's hash and the KPI
 * record. Two statements with the same basis give the same pay; an approved one whose basis differs
 * from today's was computed from figures or a scheme that have changed since.
 */
export function statementBasis(body: Pick<StatementBody, 'scheme' | 'figures'>): string {
  const { source: _source, importedAt: _importedAt, metrics, ...columns } = body.figures;
  const sortedMetrics = Object.fromEntries(Object.entries(metrics).sort(([a], [b]) => a.localeCompare(b)));
  return JSON.stringify([body.scheme.hash, columns.revenue, columns.margin, columns.deals, columns.leads, columns.plan, sortedMetrics]);
}

/** An adjustment as a head types it: roubles, "−5 000,50" too, to the kopeck, not 0, at most ten million either way. */
export function parseAdjustment(text: string): { ok: true; amount: number } | { ok: false; code: 'number' | 'zero' | 'kopecks' | 'large' } {
  const cleaned = text.replace(/[\s\u00a0\u202f₽]/g, '').replace(',', '.').replace('−', '-').replace(/^\+/, '');
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return { ok: false, code: 'number' };
  const amount = Number(cleaned);
  if (!/^-?\d+(\.\d{1,2})?$/.test(cleaned)) return { ok: false, code: 'kopecks' };
  if (amount === 0) return { ok: false, code: 'zero' };
  if (Math.abs(amount) > MAX_ADJUSTMENT) return { ok: false, code: 'large' };
  return { ok: true, amount };
}

/** The largest manual adjustment either way, in roubles: a typo of a few zeros is refused, not paid. */
export const MAX_ADJUSTMENT = 10_000_000;

/** The longest reason kept with an adjustment or a correction. */
export const MAX_REASON = 500;

/** A reason as a head types it: trimmed, required, at most MAX_REASON characters, no control characters. */
export function parseReason(text: string | undefined): { ok: true; reason: string } | { ok: false; code: 'missing' | 'long' } {
  const reason = (text ?? '').replace(/\p{Cc}+/gu, ' ').replace(/\s+/g, ' ').trim();
  if (reason === '') return { ok: false, code: 'missing' };
  if (reason.length > MAX_REASON) return { ok: false, code: 'long' };
  return { ok: true, reason };
}

/** The statements approved for one person and month, oldest first: the last is the one in force. */
export interface Revision {
  revision: number;
  body: StatementBody;
  approvedBy: string;
  approvedAt: string;
  /** Why it replaced the one before; null for the first. */
  reason: string | null;
}

/** Where one person's month stands for the head who reviews it. */
export type StatementStanding =
  | { state: 'approved'; current: Revision; earlier: Revision[]; draft: StatementDraft; changed: boolean; pending: PayAdjustment[] }
  | { state: 'draft'; draft: Extract<StatementDraft, { ok: true }> }
  | { state: 'incomplete'; draft: Extract<StatementDraft, { ok: false }> };

/**
 * One person's month: approved (with the revisions before the one in force, what today's figures
 * would give, whether their basis changed since, and adjustments made since), or a draft that can be
 * approved, or incomplete, with the reason.
 */
export function standingOf(revisions: readonly Revision[], draft: StatementDraft): StatementStanding {
  const sorted = [...revisions].sort((a, b) => a.revision - b.revision);
  const current = sorted.at(-1);
  if (current) {
    const kept = new Set(current.body.adjustments.map((a) => a.id));
    const pending = draft.ok ? draft.body.adjustments.filter((a) => !kept.has(a.id)) : [];
    const changed = !draft.ok || statementBasis(draft.body) !== statementBasis(current.body);
    return { state: 'approved', current, earlier: sorted.slice(0, -1), draft, changed, pending };
  }
  return draft.ok ? { state: 'draft', draft } : { state: 'incomplete', draft };
}

/** What a month's statements are put together from: the store's records and each position's scheme. */
export interface MonthInput {
  month: string;
  people: readonly { id: string; position: string; disabled: boolean }[];
  records: readonly ({ userId: string; month: string } & StatementFigures)[];
  adjustments: readonly ({ userId: string; month: string } & PayAdjustment)[];
  statements: readonly ({ userId: string; month: string } & Revision)[];
  /** The scheme a position is paid by today, if it has one. */
  schemeOf: (position: string) => StatementScheme | undefined;
}

/** One person's place in a month's review. */
export interface MonthLine {
  userId: string;
  /** The scheme a draft is computed with today; undefined when the position has none. */
  scheme: StatementScheme | undefined;
  standing: StatementStanding;
}

/**
 * The people of a month: everyone with an approved statement for it, everyone whose position has a
 * scheme and who has figures for it, and everyone active with a scheme whose figures are missing (so
 * that the head sees who is not there yet). Each with their standing, in the order of `people`.
 */
export function monthLines({ month, people, records, adjustments, statements, schemeOf }: MonthInput): MonthLine[] {
  // Each list is read once, by person: a month of a large department is not one scan per person.
  const revisionsOf = byPersonIn(statements, month);
  const recordOf = byPersonIn(records, month);
  const adjustmentsOf = byPersonIn(adjustments, month);
  const lines: MonthLine[] = [];
  for (const person of people) {
    const revisions = revisionsOf.get(person.id) ?? [];
    const record = recordOf.get(person.id)?.[0];
    const scheme = schemeOf(person.position);
    if (revisions.length === 0 && (!scheme || (!record && person.disabled))) continue;
    const own = [...(adjustmentsOf.get(person.id) ?? [])].sort((a, b) => a.at.localeCompare(b.at));
    const draft: StatementDraft = scheme ? draftStatement(scheme, record && withoutKeys(record), own.map(withoutKeys)) : { ok: false, reason: 'no-scheme' };
    lines.push({ userId: person.id, scheme, standing: standingOf(revisions.map(withoutKeys), draft) });
  }
  return lines;
}

/** The records of `month`, by person, each person's in the order of the list. */
function byPersonIn<R extends { userId: string; month: string }>(list: readonly R[], month: string): Map<string, R[]> {
  const out = new Map<string, R[]>();
  for (const record of list) {
    if (record.month !== month) continue;
    const own = out.get(record.userId);
    if (own) own.push(record);
    else out.set(record.userId, [record]);
  }
  return out;
}

/** A stored record without the person and month it is filed under. */
function withoutKeys<T extends { userId: string; month: string }>(record: T): Omit<T, 'userId' | 'month'> {
  const { userId: _userId, month: _month, ...rest } = record;
  return rest;
}

/** `YYYY-MM` as a month that exists, for a route parameter. */
export const isMonth = (text: string | undefined): text is string => text !== undefined && /^\d{4}-(0[1-9]|1[0-2])$/.test(text);

// The payroll file for 1C: its column names are the format 1C's import is set up with, the same
// whatever the interface's language, so they are kept here and not in the interface's catalogue.

/** The columns of the payroll file, in order. */
export const PAYROLL_COLUMNS = ['Сотрудник', 'Логин', 'Должность', 'Период', 'Оклад', 'Премия', 'Корректировка', 'Итого к начислению', 'Редакция', 'Утверждено'] as const;

/** An amount as 1C reads it: a decimal comma, two decimals, no thousands separator, a minus sign for less than zero. */
export const payrollAmount = (value: number) => toKopecks(value).toFixed(2).replace('.', ',');

/** The first day of a month as 1C writes a period: 01.11.2026. */
export const payrollPeriod = (month: string) => `01.${month.slice(5, 7)}.${month.slice(0, 4)}`;

/** One person's line of the payroll file. */
export interface PayrollPerson {
  login: string;
  name: string;
  position: string;
  revision: number;
  approvedOn: string;
  body: StatementBody;
}

/** The payroll file's rows: one per approved statement, the revision in force. */
export function payrollRows(month: string, people: readonly PayrollPerson[]): string[][] {
  return people.map((p) => [
    p.name,
    p.login,
    p.position,
    payrollPeriod(month),
    payrollAmount(p.body.pay.fixedPay),
    payrollAmount(p.body.pay.total - p.body.pay.fixedPay),
    payrollAmount(p.body.adjustmentsTotal),
    payrollAmount(p.body.total),
    String(p.revision),
    p.approvedOn,
  ]);
}
