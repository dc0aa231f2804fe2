import Papa from 'papaparse';

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
}

export interface KpiProblem {
  line: number;
  message: string;
}

export const KPI_COLUMNS = ['login', 'month', 'revenue', 'margin', 'deals', 'leads', 'plan'] as const;

/** Catalogue of KPI file mistakes, in both interface languages. */
export const kpiMessages = {
  ru: {
    header: (missing: string[]) => `в заголовке нет столбцов: ${missing.join(', ')}; нужны ${KPI_COLUMNS.join(',')}`,
    unreadable: (why: string) => `строка не читается: ${why}`,
    unknownLogin: (login: string) => `нет сотрудника с логином «${login}»`,
    month: (value: string) => `месяц «${value}» нужно записать как 2026-03`,
    future: (value: string) => `месяц ${value} ещё не наступил`,
    number: (column: string, value: string) => `«${column}»: «${value}» — не число`,
    negative: (column: string) => `«${column}» не может быть отрицательной`,
    whole: (column: string) => `«${column}» должно быть целым числом`,
    dealsOverLeads: () => 'сделок больше, чем заявок',
    duplicate: (login: string, month: string, line: number) => `${login} за ${month} уже есть в строке ${line}`,
    empty: () => 'в файле нет ни одной строки с данными',
  },
  en: {
    header: (missing: string[]) => `the header lacks the columns ${missing.join(', ')}; expected ${KPI_COLUMNS.join(',')}`,
    unreadable: (why: string) => `the line cannot be read: ${why}`,
    unknownLogin: (login: string) => `there is no person with the login "${login}"`,
    month: (value: string) => `month "${value}" must be written like 2026-03`,
    future: (value: string) => `month ${value} has not come yet`,
    number: (column: string, value: string) => `"${column}": "${value}" is not a number`,
    negative: (column: string) => `"${column}" cannot be negative`,
    whole: (column: string) => `"${column}" must be a whole number`,
    dealsOverLeads: () => 'more deals than leads',
    duplicate: (login: string, month: string, line: number) => `${login} for ${month} is already on line ${line}`,
    empty: () => 'the file has no data lines',
  },
} as const;

/** Reads a number as people write it in Russian spreadsheets too: "1 250 000,50". */
function parseAmount(text: string): number | undefined {
  const cleaned = text.replace(/[\s\u00a0\u202f₽]/g, '').replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return undefined;
  return Number(cleaned);
}

/**
 * Checks a KPI file (columns login,month,revenue,margin,deals,leads,plan). Every bad line is named
 * by its number and reason; rows are returned only when there is no problem at all.
 */
export function checkKpiFile(
  text: string,
  logins: ReadonlySet<string>,
  today: Date,
  locale: 'ru' | 'en' = 'ru',
): { rows: KpiRow[]; problems: KpiProblem[] } {
  const m = kpiMessages[locale];
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    delimitersToGuess: [',', ';', '\t'],
    transformHeader: (header) => header.trim().toLowerCase(),
  });
  const header = parsed.meta.fields ?? [];
  const missing = KPI_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) return { rows: [], problems: [{ line: 1, message: m.header(missing) }] };
  const problems: KpiProblem[] = parsed.errors.map((e) => ({ line: (e.row ?? 0) + 2, message: m.unreadable(e.message) }));
  const thisMonth = today.toISOString().slice(0, 7);
  const seen = new Map<string, number>();
  const rows: KpiRow[] = [];
  parsed.data.forEach((record, index) => {
    const line = index + 2;
    const issues: string[] = [];
    const field = (name: string) => (record[name] ?? '').trim();
    const login = field('login').toLowerCase();
    if (!logins.has(login)) issues.push(m.unknownLogin(field('login')));
    const month = field('month');
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) issues.push(m.month(month));
    else if (month > thisMonth) issues.push(m.future(month));
    const numbers: Record<string, number> = {};
    for (const column of ['revenue', 'margin', 'deals', 'leads', 'plan'] as const) {
      const value = parseAmount(field(column));
      if (value === undefined) {
        issues.push(m.number(column, field(column)));
        continue;
      }
      if (column !== 'margin' && value < 0) issues.push(m.negative(column));
      if ((column === 'deals' || column === 'leads') && !Number.isInteger(value)) issues.push(m.whole(column));
      numbers[column] = value;
    }
    if (numbers.deals !== undefined && numbers.leads !== undefined && numbers.deals > numbers.leads) issues.push(m.dealsOverLeads());
    const key = `${login}|${month}`;
    if (seen.has(key)) issues.push(m.duplicate(login, month, seen.get(key)!));
    else seen.set(key, line);
    if (issues.length > 0) problems.push({ line, message: issues.join('; ') });
    else rows.push({ line, login, month, revenue: numbers.revenue!, margin: numbers.margin!, deals: numbers.deals!, leads: numbers.leads!, plan: numbers.plan! });
  });
  if (parsed.data.length === 0 && problems.length === 0) problems.push({ line: 1, message: m.empty() });
  problems.sort((a, b) => a.line - b.line);
  return { rows: problems.length === 0 ? rows : [], problems };
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
