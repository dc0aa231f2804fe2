import Papa from 'papaparse';
import { CONVERSION_KPI, exceedsRevenue, recordedMetrics, type MetricScheme, type RecordedMetric } from './motivation';

/**
 * A month of one person's figures, as a file or a CRM gives them: the fixed columns, and in `metrics`
 * every other figure the bonus schemes use, by KPI id (`receivables`, `retention`…), with net profit
 * as `netProfit` for a scheme paid from it.
 */
export interface KpiRow {
  /** The line of the file (or the place in a CRM's list), to name it in a problem. */
  line: number;
  login: string;
  /** `YYYY-MM`. */
  month: string;
  revenue: number;
  margin: number;
  deals: number;
  leads: number;
  plan: number;
  metrics: Record<string, number>;
}

export const KPI_COLUMNS = ['login', 'month', 'revenue', 'margin', 'deals', 'leads', 'plan'] as const;
export type KpiColumn = (typeof KPI_COLUMNS)[number];
const AMOUNT_COLUMNS = ['revenue', 'margin', 'deals', 'leads', 'plan'] as const;

/**
 * What is wrong in a KPI file or list of rows, as codes with the values a sentence needs; the interface
 * turns each into a sentence of its own language (src/i18n/kpi.ts), so no message mixes languages.
 */
export type KpiIssue =
  | { code: 'header'; missing: KpiColumn[] }
  | { code: 'unknownColumns'; columns: string[]; known: string[] }
  | { code: 'computedColumn'; column: string }
  | { code: 'unreadable' }
  | { code: 'unknownLogin'; login: string }
  | { code: 'month'; value: string }
  | { code: 'future'; month: string }
  | { code: 'number'; column: KpiColumn; value: string }
  | { code: 'negative'; column: KpiColumn }
  | { code: 'whole'; column: KpiColumn }
  | { code: 'dealsOverLeads' }
  | { code: 'marginOverRevenue' }
  | { code: 'unknownMetric'; metric: string; known: string[] }
  | { code: 'metricNumber'; metric: RecordedMetric; value: string }
  | { code: 'metricWhole'; metric: RecordedMetric }
  | { code: 'metricMissing'; login: string; metric: RecordedMetric }
  | { code: 'duplicate'; login: string; month: string; line: number }
  | { code: 'empty' };

export interface KpiProblem {
  line: number;
  issues: KpiIssue[];
}

/** What the rows are checked against. */
export interface KpiCheckContext {
  /** Everyone who may have figures. */
  logins: ReadonlySet<string>;
  /** The bonus scheme of each person's position; a person without one is absent. */
  schemesByLogin: ReadonlyMap<string, MetricScheme>;
  /** Every scheme in the content, whose figures a file may carry; the schemes of `schemesByLogin` when absent. */
  schemes?: readonly MetricScheme[];
  /** Months after today's are refused. */
  today: Date;
}

/** The figures a file may carry beyond its fixed columns, by id: the first scheme that names one gives its title and unit. */
export function metricCatalogue(schemes: Iterable<MetricScheme>): Map<string, RecordedMetric> {
  const catalogue = new Map<string, RecordedMetric>();
  for (const scheme of schemes) for (const metric of recordedMetrics(scheme)) if (!catalogue.has(metric.id)) catalogue.set(metric.id, metric);
  return catalogue;
}

/** A metric as the person's own scheme defines it, else as the catalogue does. */
function metricFor(id: string, scheme: MetricScheme | undefined, catalogue: ReadonlyMap<string, RecordedMetric>): RecordedMetric | undefined {
  return (scheme && recordedMetrics(scheme).find((m) => m.id === id)) ?? catalogue.get(id);
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * Checks rows already read from a file or a CRM: every person exists, the month is real and has come,
 * the amounts are numbers (deals and leads whole, none but the margin below zero), the margin is no
 * more than revenue, each figure in `metrics` is one a scheme uses and is a number in its unit, and
 * everyone whose scheme needs a figure has it. Every bad row is named by its line and reasons; rows
 * (logins in lower case) are returned only when there is no problem at all.
 */
export function checkKpiRows(rows: readonly KpiRow[], context: KpiCheckContext): { rows: KpiRow[]; problems: KpiProblem[] } {
  const catalogue = metricCatalogue(context.schemes ?? context.schemesByLogin.values());
  const thisMonth = context.today.toISOString().slice(0, 7);
  const seen = new Map<string, number>();
  const problems: KpiProblem[] = [];
  const checked: KpiRow[] = [];
  for (const row of rows) {
    const issues: KpiIssue[] = [];
    const login = row.login.trim().toLowerCase();
    const known = context.logins.has(login);
    if (!known) issues.push({ code: 'unknownLogin', login: row.login.trim() });
    if (!MONTH.test(row.month)) issues.push({ code: 'month', value: row.month });
    else if (row.month > thisMonth) issues.push({ code: 'future', month: row.month });
    for (const column of AMOUNT_COLUMNS) {
      const value = row[column];
      if (!Number.isFinite(value)) {
        issues.push({ code: 'number', column, value: String(value) });
        continue;
      }
      if (column !== 'margin' && value < 0) issues.push({ code: 'negative', column });
      if ((column === 'deals' || column === 'leads') && !Number.isInteger(value)) issues.push({ code: 'whole', column });
    }
    if (Number.isFinite(row.deals) && Number.isFinite(row.leads) && row.deals > row.leads) issues.push({ code: 'dealsOverLeads' });
    // The calculator's rule: margin is revenue less costs.
    if (Number.isFinite(row.margin) && Number.isFinite(row.revenue) && exceedsRevenue(row.margin, row.revenue)) issues.push({ code: 'marginOverRevenue' });
    const scheme = known ? context.schemesByLogin.get(login) : undefined;
    for (const [id, value] of Object.entries(row.metrics)) {
      const metric = metricFor(id, scheme, catalogue);
      if (!metric) issues.push({ code: 'unknownMetric', metric: id, known: [...catalogue.keys()] });
      else if (!Number.isFinite(value)) issues.push({ code: 'metricNumber', metric, value: String(value) });
      else if (metric.unit === 'count' && (!Number.isInteger(value) || value < 0)) issues.push({ code: 'metricWhole', metric });
    }
    for (const metric of scheme ? recordedMetrics(scheme) : []) {
      if (!Object.hasOwn(row.metrics, metric.id)) issues.push({ code: 'metricMissing', login, metric });
    }
    const key = `${login}|${row.month}`;
    if (seen.has(key)) issues.push({ code: 'duplicate', login, month: row.month, line: seen.get(key)! });
    else seen.set(key, row.line);
    if (issues.length > 0) problems.push({ line: row.line, issues });
    else checked.push({ ...row, login, metrics: { ...row.metrics } });
  }
  problems.sort((a, b) => a.line - b.line);
  return { rows: problems.length === 0 ? checked : [], problems };
}

/** Reads a number as people write it in Russian spreadsheets too: "1 250 000,50", "−2"; undefined when it is not one. */
function parseAmount(text: string, unit: RecordedMetric['unit'] = 'rub'): number | undefined {
  let cleaned = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.').replace('−', '-');
  if (unit === 'rub') cleaned = cleaned.replace(/₽$/, '');
  if (unit === 'percent') cleaned = cleaned.replace(/%$/, '');
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return undefined;
  return Number(cleaned);
}

/**
 * A month as spreadsheets write it: 2026-11, or 11.2026 (also 1.2026), as YYYY-MM; undefined for
 * anything else.
 */
export function parseKpiMonth(text: string): string | undefined {
  const iso = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(text);
  if (iso) return `${iso[1]}-${iso[2]}`;
  const dotted = /^(0?[1-9]|1[0-2])\.(\d{4})$/.exec(text);
  if (dotted) return `${dotted[2]}-${dotted[1]!.padStart(2, '0')}`;
  return undefined;
}

/**
 * Checks a KPI file: the columns login, month, revenue, margin, deals, leads, plan, and a column for
 * each other figure the people's schemes use, named by its KPI id (`receivables`), in any case. A
 * column no scheme uses refuses the file; each line is then read and checked by `checkKpiRows`. Every
 * bad line is named by its number and reasons, with values as they were typed; rows are returned only
 * when there is no problem at all.
 */
export function checkKpiFile(text: string, context: KpiCheckContext): { rows: KpiRow[]; problems: KpiProblem[] } {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    delimitersToGuess: [',', ';', '\t'],
    transformHeader: (header) => header.trim().toLowerCase(),
  });
  const header = (parsed.meta.fields ?? []).filter((name) => name !== '');
  const missing = KPI_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) return { rows: [], problems: [{ line: 1, issues: [{ code: 'header', missing }] }] };
  const catalogue = metricCatalogue(context.schemes ?? context.schemesByLogin.values());
  const idByColumn = new Map([...catalogue.keys()].map((id) => [id.toLowerCase(), id]));
  const extra = header.filter((name) => !(KPI_COLUMNS as readonly string[]).includes(name));
  const headerIssues: KpiIssue[] = extra.filter((name) => name === CONVERSION_KPI).map((column) => ({ code: 'computedColumn', column }));
  const unknown = extra.filter((name) => name !== CONVERSION_KPI && !idByColumn.has(name));
  if (unknown.length > 0) headerIssues.push({ code: 'unknownColumns', columns: unknown, known: [...catalogue.keys()] });
  if (headerIssues.length > 0) return { rows: [], problems: [{ line: 1, issues: headerIssues }] };
  const metricColumns = extra.map((name) => [name, idByColumn.get(name)!] as const);

  // Papa's own reasons are in English: the line is named, and the person sees it in their language.
  const unreadable: KpiProblem[] = [...new Set(parsed.errors.map((e) => (e.row ?? 0) + 2))].map((line) => ({ line, issues: [{ code: 'unreadable' }] }));
  const typed = new Map<string, string>();
  const rows: KpiRow[] = [];
  parsed.data.forEach((record, index) => {
    const line = index + 2;
    if (unreadable.some((p) => p.line === line)) return;
    const field = (name: string) => (record[name] ?? '').trim();
    const amount = (name: string, value: number | undefined) => {
      if (value !== undefined) return value;
      typed.set(`${line}|${name}`, field(name));
      return Number.NaN;
    };
    const login = field('login');
    const scheme = context.schemesByLogin.get(login.toLowerCase());
    const metrics: Record<string, number> = {};
    for (const [column, id] of metricColumns) {
      if (field(column) === '') continue;
      const value = parseAmount(field(column), metricFor(id, scheme, catalogue)?.unit);
      if (value === undefined) typed.set(`${line}|${id}`, field(column));
      metrics[id] = value ?? Number.NaN;
    }
    const [revenue, margin, deals, leads, plan] = AMOUNT_COLUMNS.map((column) => amount(column, parseAmount(field(column))));
    rows.push({ line, login, month: parseKpiMonth(field('month')) ?? field('month'), revenue: revenue!, margin: margin!, deals: deals!, leads: leads!, plan: plan!, metrics });
  });
  const checked = checkKpiRows(rows, context);
  // A value that is not a number is named as it was typed, not as NaN.
  const problems = [
    ...unreadable,
    ...checked.problems.map(({ line, issues }) => ({
      line,
      issues: issues.map((issue) =>
        issue.code === 'number' ? { ...issue, value: typed.get(`${line}|${issue.column}`) ?? issue.value } : issue.code === 'metricNumber' ? { ...issue, value: typed.get(`${line}|${issue.metric.id}`) ?? issue.value } : issue,
      ),
    })),
  ];
  if (parsed.data.length === 0 && problems.length === 0) problems.push({ line: 1, issues: [{ code: 'empty' }] });
  problems.sort((a, b) => a.line - b.line);
  return { rows: problems.length === 0 ? checked.rows : [], problems };
}

/** The figures a head of sales reads from a month: conversion and plan fulfilment in percent, average deal in roubles. */
export interface MonthMetrics {
  month: string;
  conversion: number | null;
  averageDeal: number | null;
  planFulfilment: number | null;
  revenue: number;
  margin: number;
}

export function monthMetrics(record: { month: string; revenue: number; margin: number; deals: number; leads: number; plan: number }): MonthMetrics {
  return {
    month: record.month,
    conversion: record.leads > 0 ? (record.deals / record.leads) * 100 : null,
    averageDeal: record.deals > 0 ? record.revenue / record.deals : null,
    planFulfilment: record.plan > 0 ? (record.margin / record.plan) * 100 : null,
    revenue: record.revenue,
    margin: record.margin,
  };
}
