import Papa from 'papaparse';
import { exceedsRevenue } from './motivation';

/** A month of one person's figures as a file gives them. */
export interface KpiRow {
  line: number;
  login: string;
  month: string;
  revenue: number;
  margin: number;
  deals: number;
  leads: number;
  plan: number;
  /** Figures of the motivation schemes' KPIs (receivables, retention, …) by KPI id. */
  metrics: Record<string, number>;
}

export const KPI_COLUMNS = ['login', 'month', 'revenue', 'margin', 'deals', 'leads', 'plan'] as const;
export type KpiColumn = (typeof KPI_COLUMNS)[number];

/**
 * What is wrong in a KPI file, as codes with the values a sentence needs; the interface turns each
 * into a sentence of its own language (src/i18n/kpi.ts), so no message mixes languages.
 */
export type KpiIssue =
  | { code: 'header'; missing: KpiColumn[] }
  | { code: 'unreadable' }
  | { code: 'unknownLogin'; login: string }
  | { code: 'month'; value: string }
  | { code: 'future'; month: string }
  | { code: 'number'; column: KpiColumn; value: string }
  | { code: 'negative'; column: KpiColumn }
  | { code: 'whole'; column: KpiColumn }
  | { code: 'dealsOverLeads' }
  | { code: 'marginOverRevenue' }
  | { code: 'duplicate'; login: string; month: string; line: number }
  | { code: 'empty' };

export interface KpiProblem {
  line: number;
  issues: KpiIssue[];
}

/** Reads a number as people write it in Russian spreadsheets too: "1 250 000,50". */
function parseAmount(text: string): number | undefined {
  const cleaned = text.replace(/[\s\u00a0\u202f₽]/g, '').replace(',', '.');
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

type Amount = Exclude<KpiColumn, 'login' | 'month'>;

/** What is wrong with one amount on its own: below zero (only the margin may be), or a fraction of a count. */
function amountIssues(column: Amount, value: number): KpiIssue[] {
  const issues: KpiIssue[] = [];
  if (column !== 'margin' && value < 0) issues.push({ code: 'negative', column });
  if ((column === 'deals' || column === 'leads') && !Number.isInteger(value)) issues.push({ code: 'whole', column });
  return issues;
}

/** What is wrong with a month's amounts together. */
function figureIssues(numbers: Partial<Record<Amount, number>>): KpiIssue[] {
  const issues: KpiIssue[] = [];
  if (numbers.deals !== undefined && numbers.leads !== undefined && numbers.deals > numbers.leads) issues.push({ code: 'dealsOverLeads' });
  // The calculator's rule: margin is revenue less costs.
  if (numbers.margin !== undefined && numbers.revenue !== undefined && exceedsRevenue(numbers.margin, numbers.revenue)) issues.push({ code: 'marginOverRevenue' });
  return issues;
}

/**
 * Checks a KPI file (columns login,month,revenue,margin,deals,leads,plan). Every bad line is named
 * by its number and reasons; rows are returned only when there is no problem at all.
 */
export function checkKpiFile(text: string, logins: ReadonlySet<string>, today: Date): { rows: KpiRow[]; problems: KpiProblem[] } {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    delimitersToGuess: [',', ';', '\t'],
    transformHeader: (header) => header.trim().toLowerCase(),
  });
  const header = parsed.meta.fields ?? [];
  const missing = KPI_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) return { rows: [], problems: [{ line: 1, issues: [{ code: 'header', missing }] }] };
  // Papa's own reasons are in English: the line is named, and the person sees it in their language.
  const problems: KpiProblem[] = [...new Set(parsed.errors.map((e) => (e.row ?? 0) + 2))].map((line) => ({ line, issues: [{ code: 'unreadable' }] }));
  const thisMonth = today.toISOString().slice(0, 7);
  const seen = new Map<string, number>();
  const rows: KpiRow[] = [];
  parsed.data.forEach((record, index) => {
    const line = index + 2;
    if (problems.some((p) => p.line === line)) return;
    const issues: KpiIssue[] = [];
    const field = (name: string) => (record[name] ?? '').trim();
    const login = field('login').toLowerCase();
    if (!logins.has(login)) issues.push({ code: 'unknownLogin', login: field('login') });
    const month = parseKpiMonth(field('month'));
    if (month === undefined) issues.push({ code: 'month', value: field('month') });
    else if (month > thisMonth) issues.push({ code: 'future', month });
    const numbers: Partial<Record<KpiColumn, number>> = {};
    for (const column of ['revenue', 'margin', 'deals', 'leads', 'plan'] as const) {
      const value = parseAmount(field(column));
      if (value === undefined) {
        issues.push({ code: 'number', column, value: field(column) });
        continue;
      }
      issues.push(...amountIssues(column, value));
      numbers[column] = value;
    }
    issues.push(...figureIssues(numbers));
    const key = `${login}|${month ?? field('month')}`;
    if (seen.has(key)) issues.push({ code: 'duplicate', login, month: month ?? field('month'), line: seen.get(key)! });
    else seen.set(key, line);
    if (issues.length > 0) problems.push({ line, issues });
    else rows.push({ line, login, month: month!, revenue: numbers.revenue!, margin: numbers.margin!, deals: numbers.deals!, leads: numbers.leads!, plan: numbers.plan!, metrics: {} });
  });
  if (parsed.data.length === 0 && problems.length === 0) problems.push({ line: 1, issues: [{ code: 'empty' }] });
  problems.sort((a, b) => a.line - b.line);
  return { rows: problems.length === 0 ? rows : [], problems };
}

/**
 * Checks rows that were read already (a CRM's month, figured per person) by the rules a file's lines
 * are checked by: a known login, a month that has come, amounts that can be, one row per person and
 * month. Rows are returned only when there is no problem at all; a problem names the row's `line`.
 */
export function checkKpiRows(given: readonly KpiRow[], { logins, today }: { logins: ReadonlySet<string>; today: Date }): { rows: KpiRow[]; problems: KpiProblem[] } {
  const thisMonth = today.toISOString().slice(0, 7);
  const seen = new Map<string, number>();
  const problems: KpiProblem[] = [];
  for (const row of given) {
    const issues: KpiIssue[] = [];
    if (!logins.has(row.login)) issues.push({ code: 'unknownLogin', login: row.login });
    if (row.month > thisMonth) issues.push({ code: 'future', month: row.month });
    for (const column of ['revenue', 'margin', 'deals', 'leads', 'plan'] as const) issues.push(...amountIssues(column, row[column]));
    issues.push(...figureIssues(row));
    const key = `${row.login}|${row.month}`;
    if (seen.has(key)) issues.push({ code: 'duplicate', login: row.login, month: row.month, line: seen.get(key)! });
    else seen.set(key, row.line);
    if (issues.length > 0) problems.push({ line: row.line, issues });
  }
  return { rows: problems.length === 0 ? [...given] : [], problems };
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
