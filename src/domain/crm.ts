import { monthOf } from './calendar';
import { zonedDay, zonedInstant } from './digest-schedule';
import type { KpiRow } from './kpi';

// A month's sales figures as a CRM holds them, turned into KPI rows per person: who in the CRM is
// whom in Salesbook, and which deal field holds the margin and each scheme's KPI, are the head's
// mapping. Nothing here talks to a CRM: the connectors (src/server/crm) bring what is read here.

export const CRM_KINDS = ['bitrix24', 'amocrm'] as const;
export type CrmKind = (typeof CRM_KINDS)[number];

/**
 * Where a KPI's figure comes from: a deal field (summed, or averaged for a KPI in percent), the share of
 * invoices due in the month that were paid by their due day, or the share of the month's leads that
 * were converted. amoCRM's API has no invoices or lead conversion, so it offers deal fields only.
 */
export const METRIC_SOURCES = ['field', 'invoicesPaidOnTime', 'leadsConverted'] as const;
export type MetricSource = (typeof METRIC_SOURCES)[number];
export const SOURCES_OF: Record<CrmKind, readonly MetricSource[]> = { bitrix24: METRIC_SOURCES, amocrm: ['field'] };

/**
 * Why a CRM could not be asked: it was not reached, did not answer in time, refused the credentials,
 * kept answering that too many requests came, or answered something else than its API does.
 */
export const CRM_FAILURES = ['unreachable', 'timeout', 'refused', 'rateLimited', 'answer'] as const;
export type CrmFailure = (typeof CRM_FAILURES)[number];

/** A deal field's code: UF_CRM_… in Bitrix24, a custom field's number in amoCRM. */
export const CRM_FIELD = /^[A-Za-z0-9_]{1,64}$/;

/** Whether `field` names a deal field the way `crm` names them: a custom field of Bitrix24 (UF_CRM_…), or an amoCRM custom field's number. */
export function isFieldCode(crm: CrmKind, field: string): boolean {
  return crm === 'bitrix24' ? /^UF_CRM_[A-Za-z0-9_]{1,56}$/.test(field) : /^\d{1,12}$/.test(field);
}

export interface CrmUser {
  id: string;
  name: string;
  active: boolean;
}

/** A deal won in the month. */
export interface CrmDeal {
  id: string;
  /** The responsible user's id in the CRM. */
  userId: string;
  /** The deal's amount in its currency. */
  amount: number;
  /** Its currency, where the CRM keeps one per deal. */
  currency?: string;
  /** The values of the mapped fields as the CRM gave them, by field code. */
  fields: Record<string, unknown>;
}

/** A lead created in the month. */
export interface CrmLead {
  id: string;
  userId: string;
  converted: boolean;
}

/** An invoice due in the month. */
export interface CrmInvoice {
  id: string;
  userId: string;
  /** The day it is due, `YYYY-MM-DD`, in the company's time zone. */
  due: string;
  /** When it was paid; null while it is not. */
  paidAt: number | null;
}

/** What a CRM holds for one month. */
export interface CrmMonth {
  month: string;
  users: CrmUser[];
  /** The codes of every deal field the CRM has. */
  fieldCodes: ReadonlySet<string>;
  deals: CrmDeal[];
  leads: CrmLead[];
  invoices: CrmInvoice[];
}

/** One KPI's source, as the head set it. */
export interface MetricMapping {
  kpi: string;
  source: MetricSource;
  /** The deal field, for source `field`. */
  field: string | null;
}

/** Who is whom, and where each figure comes from. */
export interface CrmMapping {
  /** CRM user id → Salesbook login, or null for a CRM user who is not in Salesbook (their deals are left out). */
  users: ReadonlyMap<string, string | null>;
  /** The deal field that holds a deal's margin in roubles. */
  margin: string | null;
  metrics: readonly MetricMapping[];
}

/** A Salesbook person a month can be written for, with the margin plan their rows carry. */
export interface CrmPerson {
  login: string;
  /** `YYYY-MM-DD`. */
  hired: string;
  disabled: boolean;
  /** The margin plan in roubles: a CRM has none, so the person's last plan on record. */
  plan: number;
}

export type KpiUnit = 'percent' | 'count' | 'rub';

/** Why a CRM's month cannot be written, as codes with the values a sentence needs (src/i18n/crm.ts). */
export type CrmIssue =
  | { code: 'noMarginField' }
  | { code: 'unknownKpi'; kpi: string }
  | { code: 'unknownField'; kpi: string; field: string }
  | { code: 'unmappedUser'; crmUserId: string; name: string; deals: number; leads: number; invoices: number }
  | { code: 'noValue'; field: string; deals: string[]; count: number }
  | { code: 'currency'; currency: string; deals: string[]; count: number }
  | { code: 'empty'; month: string };

/** Deal ids named in a message: the first few, and how many there are. */
const SAMPLE = 5;

/** A month in the company's time zone: its first instant and the next month's, and their first days. */
export interface MonthSpan {
  /** Milliseconds: from inclusive, to exclusive. */
  from: number;
  to: number;
  /** The same instants as local times with the zone's offset, `2026-10-01T00:00:00+03:00`, as CRMs read dates. */
  fromLocal: string;
  toLocal: string;
  /** The first day of the month and of the next, `YYYY-MM-DD`. */
  fromDay: string;
  toDay: string;
}

/** Midnight starting `day` in `timeZone`, as an instant and as a local time with its offset. */
function localMidnight(day: string, timeZone: string): { at: number; local: string } {
  const at = zonedInstant(day, '00:00', timeZone);
  const offset = Math.round((Date.parse(`${day}T00:00:00Z`) - at) / 60_000);
  const hhmm = `${String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0')}:${String(Math.abs(offset) % 60).padStart(2, '0')}`;
  return { at, local: `${day}T00:00:00${offset < 0 ? '-' : '+'}${hhmm}` };
}

/** A month from midnight to midnight in `timeZone`. */
export function monthSpan(month: string, timeZone: string): MonthSpan {
  const fromDay = `${month}-01`;
  const toDay = `${monthOf(new Date(`${fromDay}T00:00:00Z`), 1)}-01`;
  const from = localMidnight(fromDay, timeZone);
  const to = localMidnight(toDay, timeZone);
  return { from: from.at, to: to.at, fromLocal: from.local, toLocal: to.local, fromDay, toDay };
}

/** The month before the one `now` falls in, in `timeZone`: the month a pull usually wants. */
export function previousMonth(nowMs: number, timeZone: string): string {
  return monthOf(new Date(`${zonedDay(nowMs, timeZone).slice(0, 7)}-01T00:00:00Z`), -1);
}

/**
 * A number as CRMs keep amounts: 150000, "150000.00", "1 250 000,50", or Bitrix24's money field
 * "12345.67|RUB"; undefined for an empty or other value.
 */
export function crmNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.split('|')[0]!.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : undefined;
}

/** Kopecks, so that sums of many amounts carry no binary fractions. */
const money = (value: number) => Math.round(value * 100) / 100;
/** A share in percent with one decimal. */
const percent = (part: number, whole: number) => Math.round((part / whole) * 1000) / 10;

/** What is wrong with the mapping before anything is asked of the CRM. */
export function mappingIssues(mapping: CrmMapping, kpis: ReadonlyMap<string, KpiUnit>): CrmIssue[] {
  const issues: CrmIssue[] = [];
  if (!mapping.margin) issues.push({ code: 'noMarginField' });
  for (const metric of mapping.metrics) if (!kpis.has(metric.kpi)) issues.push({ code: 'unknownKpi', kpi: metric.kpi });
  return issues;
}

/** The fields a pull asks the CRM for: the margin's and every KPI's that comes from a deal field. */
export function mappedFields(mapping: CrmMapping): string[] {
  const fields = [mapping.margin, ...mapping.metrics.map((m) => (m.source === 'field' ? m.field : null))];
  return [...new Set(fields.filter((f): f is string => Boolean(f)))];
}

interface Tally {
  revenue: number;
  margin: number;
  deals: CrmDeal[];
  leads: CrmLead[];
  invoices: CrmInvoice[];
}

/**
 * A CRM's month as KPI rows, one per Salesbook person: revenue and margin summed over the deals they
 * won, deals counted, leads created in the month counted, the plan as on record, and each mapped KPI.
 * Everyone mapped, enabled and hired by the month's end gets a row, with zeros for a month without
 * sales. A deal, lead or invoice of a CRM user nobody mapped, a won deal without a margin or in
 * another currency than roubles, or a mapped field the CRM does not have, stops the whole month:
 * rows are returned only when there is no issue.
 */
export function crmMonthRows(
  pulled: CrmMonth,
  mapping: CrmMapping,
  people: readonly CrmPerson[],
  kpis: ReadonlyMap<string, KpiUnit>,
  timeZone: string,
): { rows: KpiRow[]; issues: CrmIssue[] } {
  const issues = mappingIssues(mapping, kpis);
  const configured = [
    ...(mapping.margin ? [{ kpi: 'margin', field: mapping.margin }] : []),
    ...mapping.metrics.flatMap((m) => (m.source === 'field' && m.field ? [{ kpi: m.kpi, field: m.field }] : [])),
  ];
  for (const { kpi, field } of configured) if (!pulled.fieldCodes.has(field)) issues.push({ code: 'unknownField', kpi, field });
  if (issues.length > 0) return { rows: [], issues };

  const tallies = new Map<string, Tally>();
  const tallyOf = (login: string) => {
    let tally = tallies.get(login);
    if (!tally) tallies.set(login, (tally = { revenue: 0, margin: 0, deals: [], leads: [], invoices: [] }));
    return tally;
  };
  const unmapped = new Map<string, { deals: number; leads: number; invoices: number }>();
  /** The login a CRM user's work counts for; null for someone left out; undefined, and noted, when nobody mapped them. */
  const loginOf = (crmUserId: string, kind: 'deals' | 'leads' | 'invoices') => {
    const login = mapping.users.get(crmUserId);
    if (login === undefined) {
      const counts = unmapped.get(crmUserId) ?? { deals: 0, leads: 0, invoices: 0 };
      counts[kind] += 1;
      unmapped.set(crmUserId, counts);
    }
    return login;
  };

  const noMargin: string[] = [];
  const foreign = new Map<string, string[]>();
  for (const deal of pulled.deals) {
    const login = loginOf(deal.userId, 'deals');
    if (!login) continue;
    if (deal.currency && deal.currency !== 'RUB') foreign.set(deal.currency, [...(foreign.get(deal.currency) ?? []), deal.id]);
    const margin = crmNumber(deal.fields[mapping.margin!]);
    if (margin === undefined) noMargin.push(deal.id);
    const tally = tallyOf(login);
    tally.revenue += deal.amount;
    tally.margin += margin ?? 0;
    tally.deals.push(deal);
  }
  for (const lead of pulled.leads) {
    const login = loginOf(lead.userId, 'leads');
    if (login) tallyOf(login).leads.push(lead);
  }
  for (const invoice of pulled.invoices) {
    const login = loginOf(invoice.userId, 'invoices');
    if (login) tallyOf(login).invoices.push(invoice);
  }

  const names = new Map(pulled.users.map((u) => [u.id, u.name]));
  for (const [crmUserId, counts] of unmapped) issues.push({ code: 'unmappedUser', crmUserId, name: names.get(crmUserId) ?? '', ...counts });
  if (noMargin.length > 0) issues.push({ code: 'noValue', field: mapping.margin!, deals: noMargin.slice(0, SAMPLE), count: noMargin.length });
  for (const [currency, deals] of foreign) issues.push({ code: 'currency', currency, deals: deals.slice(0, SAMPLE), count: deals.length });

  const monthEnd = `${pulled.month}-31`;
  for (const login of new Set(mapping.users.values())) {
    const person = people.find((p) => p.login === login);
    if (person && !person.disabled && person.hired <= monthEnd) tallyOf(person.login);
  }
  const plans = new Map(people.map((p) => [p.login, p.plan]));
  const rows = [...tallies.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([login, tally], index): KpiRow => {
      const metrics: Record<string, number> = {};
      for (const metric of mapping.metrics) {
        const value = metricValue(metric, tally, kpis.get(metric.kpi)!, timeZone);
        if (value !== undefined) metrics[metric.kpi] = value;
      }
      return {
        line: index + 1,
        login,
        month: pulled.month,
        revenue: money(tally.revenue),
        margin: money(tally.margin),
        deals: tally.deals.length,
        leads: tally.leads.length,
        plan: plans.get(login) ?? 0,
        metrics,
      };
    });
  if (rows.length === 0 && issues.length === 0) issues.push({ code: 'empty', month: pulled.month });
  return issues.length > 0 ? { rows: [], issues } : { rows, issues };
}

/** One KPI of one person's month; undefined where the month gives no figure (an average of no deals, a share of no leads). */
function metricValue(metric: MetricMapping, tally: Tally, unit: KpiUnit, timeZone: string): number | undefined {
  switch (metric.source) {
    case 'field': {
      const values = tally.deals.map((d) => crmNumber(d.fields[metric.field!])).filter((v): v is number => v !== undefined);
      // A share is averaged over the deals that have it; roubles and counts add up.
      if (unit === 'percent') return values.length > 0 ? Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10 : undefined;
      return money(values.reduce((a, b) => a + b, 0));
    }
    case 'invoicesPaidOnTime': {
      // Nothing was due, so nothing was late.
      if (tally.invoices.length === 0) return 100;
      const onTime = tally.invoices.filter((i) => i.paidAt !== null && zonedDay(i.paidAt, timeZone) <= i.due).length;
      return percent(onTime, tally.invoices.length);
    }
    case 'leadsConverted':
      return tally.leads.length > 0 ? percent(tally.leads.filter((l) => l.converted).length, tally.leads.length) : undefined;
  }
}

/** When the scheduled pull runs: on `day` (1–28) of every month at `time` (`HH:MM`), in the company's time zone. */
export interface PullSchedule {
  day: number;
  time: string;
}

/** Reads `5 07:00` (the 5th at 07:00); undefined for anything else. */
export function parsePullSchedule(text: string): PullSchedule | undefined {
  const match = /^(\d{1,2})\s+([01]\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  if (!match) return undefined;
  const day = Number(match[1]);
  if (day < 1 || day > 28) return undefined;
  return { day, time: `${match[2]}:${match[3]}` };
}

/** A pull as the store remembers it. */
export interface PullRecord {
  month: string;
  trigger: 'head' | 'schedule';
  outcome: 'applied' | 'refused' | 'failed';
  at: string;
}

/** How long a scheduled pull that could not reach the CRM waits before it tries again. */
export const RETRY_FAILED_MS = 3_600_000;

/**
 * The month the schedule pulls now, if any: the month before this one, once this month's day and
 * time have come, unless that month was applied already (by the schedule or by a head), the schedule
 * was refused for it (the mapping needs a head), or its last try failed less than an hour ago.
 */
export function scheduledPullDue(schedule: PullSchedule, nowMs: number, timeZone: string, pulls: readonly PullRecord[]): string | undefined {
  const thisMonth = zonedDay(nowMs, timeZone).slice(0, 7);
  if (nowMs < zonedInstant(`${thisMonth}-${String(schedule.day).padStart(2, '0')}`, schedule.time, timeZone)) return undefined;
  const month = monthOf(new Date(`${thisMonth}-01T00:00:00Z`), -1);
  const settled = pulls.some(
    (p) =>
      p.month === month &&
      (p.outcome === 'applied' || (p.trigger === 'schedule' && p.outcome === 'refused') || (p.trigger === 'schedule' && p.outcome === 'failed' && nowMs - Date.parse(p.at) < RETRY_FAILED_MS)),
  );
  return settled ? undefined : month;
}
