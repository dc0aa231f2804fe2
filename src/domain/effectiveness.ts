import { daysBetween, dayOf } from './calendar';
import { monthMetrics, type MonthMetrics } from './kpi';

/**
 * Ramp time: days from hiring to the last required sign-off. While sign-offs are missing, the
 * person is still ramping: day N of a target. Someone hired before the portal started (`portalStarted`,
 * `YYYY-MM-DD`) has no ramp to measure either: their years of tenure would pass for a slow ramp.
 */
export function rampTime(hired: Date, lastRequiredSignoff: Date | null | 'none-required', today: Date, targetDays: number, portalStarted?: string):
  | { done: true; days: number }
  | { done: false; day: number; target: number; overdue: boolean }
  | { done: null; beforePortal?: true } {
  // A position whose path asks for no sign-offs has no ramp to measure.
  if (lastRequiredSignoff === 'none-required') return { done: null };
  if (portalStarted !== undefined && dayOf(hired) < portalStarted) return { done: null, beforePortal: true };
  if (lastRequiredSignoff) return { done: true, days: Math.max(0, daysBetween(hired, lastRequiredSignoff)) };
  const day = Math.max(0, daysBetween(hired, today));
  return { done: false, day, target: targetDays, overdue: day > targetDays };
}

/** A number with how many people or months it stands on; null when there is nothing to average. */
export interface Figure {
  value: number | null;
  count: number;
}

const average = (values: (number | null)[]): Figure => {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  return { value: present.length ? present.reduce((a, b) => a + b, 0) / present.length : null, count: present.length };
};

/** Median of numbers, or null; used for ramp days, where one slow hire should not drag the figure. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Adds `n` months to `YYYY-MM`. */
export function shiftMonth(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) + n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}

export interface BeforeAfter {
  before: { conversion: Figure; averageDeal: Figure; planFulfilment: Figure; months: string[] };
  after: { conversion: Figure; averageDeal: Figure; planFulfilment: Figure; months: string[] };
  /** Fewer months on either side than asked for: the comparison means little. */
  smallSample: boolean;
}

type KpiMonth = { month: string; revenue: number; margin: number; deals: number; leads: number; plan: number };

/**
 * One person's KPI averages for the `n` months before the month training was completed and the `n`
 * months after it (the completion month itself belongs to neither).
 */
export function beforeAfter(records: readonly KpiMonth[], completed: Date, n = 3): BeforeAfter {
  const completionMonth = completed.toISOString().slice(0, 7);
  const before = new Set(Array.from({ length: n }, (_, i) => shiftMonth(completionMonth, -(i + 1))));
  const after = new Set(Array.from({ length: n }, (_, i) => shiftMonth(completionMonth, i + 1)));
  const side = (months: Set<string>) => {
    const metrics = records.filter((r) => months.has(r.month)).map(monthMetrics);
    return {
      conversion: average(metrics.map((x) => x.conversion)),
      averageDeal: average(metrics.map((x) => x.averageDeal)),
      planFulfilment: average(metrics.map((x) => x.planFulfilment)),
      months: metrics.map((x) => x.month).sort(),
    };
  };
  const b = side(before);
  const a = side(after);
  return { before: b, after: a, smallSample: b.months.length < n || a.months.length < n };
}

/** The team view of before/after: each person's averages averaged, with how many people stand behind each figure. */
export function teamBeforeAfter(people: BeforeAfter[], minPeople = 3) {
  const pick = (side: 'before' | 'after', metric: 'conversion' | 'averageDeal' | 'planFulfilment') =>
    average(people.map((p) => p[side][metric].value));
  const result = {
    before: { conversion: pick('before', 'conversion'), averageDeal: pick('before', 'averageDeal'), planFulfilment: pick('before', 'planFulfilment') },
    after: { conversion: pick('after', 'conversion'), averageDeal: pick('after', 'averageDeal'), planFulfilment: pick('after', 'planFulfilment') },
  };
  const fewest = Math.min(...Object.values(result.before).map((f) => f.count), ...Object.values(result.after).map((f) => f.count));
  return { ...result, people: people.length, smallSample: people.length === 0 || fewest < minPeople };
}

/** Groups values by a key and summarises each group: count and median, e.g. ramp days by hiring month or by mentor. */
export function groupMedians<T>(items: readonly T[], key: (item: T) => string, value: (item: T) => number | null) {
  const groups = new Map<string, number[]>();
  const counts = new Map<string, number>();
  for (const item of items) {
    const k = key(item);
    counts.set(k, (counts.get(k) ?? 0) + 1);
    const v = value(item);
    if (v !== null) groups.set(k, [...(groups.get(k) ?? []), v]);
  }
  return [...counts.keys()].sort().map((k) => ({ key: k, people: counts.get(k)!, done: groups.get(k)?.length ?? 0, median: median(groups.get(k) ?? []) }));
}

export type { MonthMetrics };

/** A person as the ramp cohorts need them. */
export interface CohortPerson {
  /** Hiring date, `YYYY-MM-DD`. */
  hired: string;
  ramp: { done: true; days: number } | { done: false } | { done: null; beforePortal?: true };
}

/**
 * Ramp time by hiring month, for new hires only: people hired before the portal started had no path
 * to ramp on, and people whose path asks for no sign-off have no ramp to measure; both are counted
 * apart, so that years of tenure never pass for a slow ramp.
 */
export function rampCohorts<T extends CohortPerson>(people: readonly T[], portalStarted: string, group: (person: T) => string = (p) => p.hired.slice(0, 7)) {
  const newHires = people.filter((p) => p.ramp.done !== null && p.hired >= portalStarted);
  return {
    cohorts: groupMedians(newHires, group, (p) => (p.ramp.done === true ? p.ramp.days : null)),
    /** Hired before the portal started (with a path). */
    beforePortal: people.filter((p) => p.hired < portalStarted && (p.ramp.done !== null || p.ramp.beforePortal)).length,
    /** No sign-off on their path: no ramp. */
    noPath: people.filter((p) => p.ramp.done === null && !p.ramp.beforePortal).length,
  };
}

/** When the portal started: the day its first account was made. */
export function portalStartedOn(accounts: readonly { createdAt: string }[], today: string): string {
  return accounts.reduce((first, a) => (a.createdAt.slice(0, 10) < first ? a.createdAt.slice(0, 10) : first), today);
}
