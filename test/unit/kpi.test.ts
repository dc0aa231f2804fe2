import { describe, expect, it } from 'vitest';
import { checkKpiFile as checkFile, checkKpiRows, monthMetrics, parseKpiMonth, type KpiCheckContext, type KpiProblem, type KpiRow } from '../../src/domain/kpi';
import type { MetricScheme } from '../../src/domain/motivation';
import { translator, type Locale } from '../../src/i18n';
import { kpiIssuesText } from '../../src/i18n/kpi';

/** The problems as the head of sales reads them, in the interface's language. */
const said = (problems: KpiProblem[], locale: Locale = 'ru') =>
  problems.map(({ line, issues }) => ({ line, message: kpiIssuesText(translator(locale).t, issues) }));

const logins = new Set(['trainee1', 'trainee2']);
const today = new Date('2026-11-27T10:00:00Z');
const header = 'login,month,revenue,margin,deals,leads,plan\n';
/** A file checked for people without a bonus scheme: only the fixed columns matter. */
const checkKpiFile = (text: string, people: ReadonlySet<string>, day: Date) => checkFile(text, { logins: people, schemesByLogin: new Map(), today: day });

describe('checking a KPI file', () => {
  it('accepts good lines, with Russian number formats and semicolons', () => {
    const { rows, problems } = checkKpiFile(
      'login;month;revenue;margin;deals;leads;plan\ntrainee1;2026-10;"1 250 000,50";300000;3;12;280000\nTRAINEE2;2026-11;0;0;0;0;0\n',
      logins,
      today,
    );
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { line: 2, login: 'trainee1', month: '2026-10', revenue: 1250000.5, margin: 300000, deals: 3, leads: 12, plan: 280000, metrics: {} },
      { line: 3, login: 'trainee2', month: '2026-11', revenue: 0, margin: 0, deals: 0, leads: 0, plan: 0, metrics: {} },
    ]);
  });

  it('names every bad line with its reasons and returns nothing to write', () => {
    const { rows, problems } = checkKpiFile(
      header +
        [
          'trainee1,2026-09,900000,210000,2,10,200000',
          'nobody,2026-09,1,1,1,1,1',
          'trainee1,2026-9,1,1,1,1,1',
          'trainee2,2027-01,1,1,1,1,1',
          'trainee2,2026-08,много,1,1.5,1,-5',
          'trainee2,2026-07,100,10,5,2,100',
          'trainee1,09.2026,1,1,1,1,1',
          'trainee2,2026-06,100000,100000.5,1,1,1',
          'trainee2,13.2026,1,1,1,1,1',
        ].join('\n'),
      logins,
      today,
    );
    expect(rows).toEqual([]);
    expect(said(problems)).toEqual([
      { line: 3, message: 'нет сотрудника с логином «nobody»' },
      { line: 4, message: 'месяц «2026-9» не распознан: запишите его как 2026-11 или 11.2026' },
      { line: 5, message: 'месяц 2027-01 ещё не наступил' },
      { line: 6, message: 'выручка: «много» — не число; сделки: нужно целое число; план по марже: не может быть меньше нуля; сделок больше, чем заявок' },
      { line: 7, message: 'сделок больше, чем заявок' },
      // 09.2026 is the same month as 2026-09.
      { line: 8, message: 'trainee1 за 2026-09 уже есть в строке 2' },
      { line: 9, message: 'маржа больше выручки, а маржа — это выручка за вычетом себестоимости' },
      { line: 10, message: 'месяц «13.2026» не распознан: запишите его как 2026-11 или 11.2026' },
    ]);
    // The same file in the English interface: every word in English, the person's values as typed.
    expect(said(problems, 'en').map((p) => p.message)).toEqual([
      'there is no person with the login “nobody”',
      'month “2026-9” is not understood: write it as 2026-11 or 11.2026',
      'month 2027-01 has not come yet',
      'revenue: “много” is not a number; deals: must be a whole number; margin plan: cannot be below zero; more deals than leads',
      'more deals than leads',
      'trainee1 for 2026-09 is already on line 2',
      'the margin is above revenue, and the margin is revenue less the cost of goods',
      'month “13.2026” is not understood: write it as 2026-11 or 11.2026',
    ]);
  });

  it('reads a month written as 2026-11 or as 11.2026, and the margin may equal revenue', () => {
    expect(parseKpiMonth('2026-11')).toBe('2026-11');
    expect(parseKpiMonth('11.2026')).toBe('2026-11');
    expect(parseKpiMonth('3.2026')).toBe('2026-03');
    for (const bad of ['2026-13', '2026-1', '00.2026', '11.26', '11/2026', 'ноябрь 2026', '']) expect(parseKpiMonth(bad), bad).toBeUndefined();
    const { rows, problems } = checkKpiFile(`${header}trainee1,10.2026,500000,500000,1,2,1\ntrainee2,2026-11,10,10,0,0,0\n`, logins, today);
    expect(problems).toEqual([]);
    expect(rows.map((r) => [r.login, r.month])).toEqual([['trainee1', '2026-10'], ['trainee2', '2026-11']]);
  });

  it('names missing columns and empty files', () => {
    expect(said(checkKpiFile('login,month\n', logins, today).problems)).toEqual([
      { line: 1, message: 'в заголовке нет столбцов revenue, margin, deals, leads, plan; нужны столбцы login, month, revenue, margin, deals, leads, plan' },
    ]);
    expect(said(checkKpiFile(header, logins, today).problems)).toEqual([{ line: 1, message: 'в файле нет ни одной строки с данными' }]);
    expect(said(checkKpiFile('login,month\n', logins, today).problems, 'en')[0]!.message).toBe(
      'the header lacks the columns revenue, margin, deals, leads, plan; the columns are login, month, revenue, margin, deals, leads, plan',
    );
    // A line the CSV reader cannot read is named in the interface's language, not the reader's English.
    expect(said(checkKpiFile(`${header}trainee1,2026-10,1,1,1,1,1,9\ntrainee2,2026-10,1,1,1,1,1\n`, logins, today).problems)).toEqual([
      { line: 2, message: 'строка не читается: проверьте кавычки и разделители' },
    ]);
  });
});

describe('the figures of the bonus schemes in a KPI file', () => {
  const kpi = (id: string, title: string, unit: 'percent' | 'count' | 'rub' = 'percent') => ({ id, title, weight: 25, unit, scale: [{ from: 0, factor: 1 }] });
  const account: MetricScheme = { bonusBase: 'margin', kpis: [kpi('plan', 'Выполнение плана'), kpi('conversion', 'Конверсия'), kpi('receivables', 'Дебиторка в срок')] };
  const keyAccount: MetricScheme = { bonusBase: 'margin', kpis: [kpi('plan', 'Выполнение плана'), kpi('walletShare', 'Доля кошелька'), kpi('meetings', 'Встречи', 'count')] };
  const fromProfit: MetricScheme = { bonusBase: 'netProfit', kpis: [kpi('deals', 'Сделки', 'count')] };
  const context: KpiCheckContext = {
    logins: new Set(['trainee1', 'trainee2', 'trainee3', 'head']),
    schemesByLogin: new Map([
      ['trainee1', account],
      ['trainee2', keyAccount],
      ['trainee3', fromProfit],
    ]),
    schemes: [account, keyAccount, fromProfit],
    today,
  };
  const check = (text: string) => checkFile(text, context);
  const base = 'login;month;revenue;margin;deals;leads;plan';

  it('reads a column per figure, named by its KPI id in any case, with decimal commas, spaces and the unit’s sign', () => {
    const { rows, problems } = check(
      `${base};Receivables;WALLETSHARE;meetings;netprofit\n` +
        'trainee1;2026-10;1000000;250000;3;12;200000;"92,5 %";;;\n' +
        'trainee2;2026-10;2000000;500000;4;10;450000;;−1,5;14;\n' +
        'trainee3;2026-10;900000;300000;2;8;0;;;;"120 000"\n' +
        // A head has no scheme: the figures may stay empty.
        'head;2026-10;0;0;0;0;0;;;;\n',
    );
    expect(problems).toEqual([]);
    expect(rows.map((r) => [r.login, r.metrics])).toEqual([
      ['trainee1', { receivables: 92.5 }],
      ['trainee2', { walletShare: -1.5, meetings: 14 }],
      ['trainee3', { netProfit: 120000 }],
      ['head', {}],
    ]);
  });

  it('refuses a column that no scheme uses, and a column of conversion, which Salesbook works out itself', () => {
    expect(said(check(`${base};receivables;retention;bonus\ntrainee1;2026-10;1;1;1;1;1;90;;\n`).problems)).toEqual([
      {
        line: 1,
        message:
          'в заголовке есть столбцы, которых нет ни в одной схеме мотивации: retention, bonus. Столбцы показателей называются как KPI в схемах: receivables, walletShare, meetings, netProfit',
      },
    ]);
    expect(said(check(`${base};conversion;receivables\ntrainee1;2026-10;1;1;1;1;1;25;90\n`).problems, 'en')).toEqual([
      { line: 1, message: 'the column conversion is not needed: Salesbook works out conversion from deals and leads; remove it' },
    ]);
    expect(said(checkKpiFile(`${base};receivables\ntrainee1;2026-10;1;1;1;1;1;90\n`, logins, today).problems)).toEqual([
      { line: 1, message: 'в заголовке есть столбцы, которых нет ни в одной схеме мотивации: receivables. Схемам хватает столбцов login, month, revenue, margin, deals, leads, plan — уберите лишние' },
    ]);
  });

  it('names the person and the figure their scheme needs when the file lacks it, and values not in the figure’s unit', () => {
    const { rows, problems } = check(
      `${base};receivables;walletShare;meetings\n` +
        'trainee1;2026-10;1000000;250000;3;12;200000;;;\n' +
        'trainee2;2026-10;2000000;500000;4;10;450000;;5 п.п.;2,5\n' +
        'trainee2;2026-09;2000000;500000;4;10;450000;;₽5;-3\n' +
        'trainee1;2026-09;1000000;250000;3;12;200000;90 ₽;;\n',
    );
    expect(rows).toEqual([]);
    expect(said(problems)).toEqual([
      { line: 2, message: 'у trainee1 нет показателя «Дебиторка в срок» (receivables): без него премию по схеме мотивации не посчитать — заполните столбец receivables' },
      { line: 3, message: '«Доля кошелька» (walletShare): «5 п.п.» — не число в процентах, например 92 или 92,5; «Встречи» (meetings): нужно целое неотрицательное число' },
      { line: 4, message: '«Доля кошелька» (walletShare): «₽5» — не число в процентах, например 92 или 92,5; «Встречи» (meetings): нужно целое неотрицательное число' },
      { line: 5, message: '«Дебиторка в срок» (receivables): «90 ₽» — не число в процентах, например 92 или 92,5' },
    ]);
    // A scheme paid from net profit needs it, and a file without the column says so for each person.
    expect(said(check(`${base}\ntrainee3;2026-10;900000;300000;2;8;0\n`).problems, 'en')).toEqual([
      { line: 2, message: 'trainee3 has no net profit (netProfit): their bonus scheme cannot be computed without it; fill in the column netProfit' },
    ]);
  });

  it('checks rows a CRM has already read the same way, and returns them with logins in lower case', () => {
    const row = (over: Partial<KpiRow>): KpiRow => ({ line: 1, login: 'trainee1', month: '2026-10', revenue: 1_000_000, margin: 250_000, deals: 3, leads: 12, plan: 200_000, metrics: { receivables: 95 }, ...over });
    const good = checkKpiRows([row({ login: 'Trainee1' }), row({ line: 2, login: 'trainee2', metrics: { walletShare: 2, meetings: 9 } })], context);
    expect(good.problems).toEqual([]);
    expect(good.rows.map((r) => [r.login, r.metrics])).toEqual([
      ['trainee1', { receivables: 95 }],
      ['trainee2', { walletShare: 2, meetings: 9 }],
    ]);
    const bad = checkKpiRows(
      [
        row({ metrics: { receivables: Number.NaN, bonus: 5 } }),
        row({ line: 2, month: '2026/10', revenue: Number.NaN, metrics: {} }),
        row({ line: 3, login: 'trainee2', month: `${today.getUTCFullYear() + 1}-01`, metrics: { walletShare: 1, meetings: 1 } }),
      ],
      context,
    );
    expect(bad.rows).toEqual([]);
    expect(said(bad.problems)).toEqual([
      { line: 1, message: '«Дебиторка в срок» (receivables): «NaN» — не число в процентах, например 92 или 92,5; показателя bonus нет ни в одной схеме мотивации; есть: receivables, walletShare, meetings, netProfit' },
      {
        line: 2,
        message:
          'месяц «2026/10» не распознан: запишите его как 2026-11 или 11.2026; выручка: «NaN» — не число; у trainee1 нет показателя «Дебиторка в срок» (receivables): без него премию по схеме мотивации не посчитать — заполните столбец receivables',
      },
      { line: 3, message: `месяц ${today.getUTCFullYear() + 1}-01 ещё не наступил` },
    ]);
  });
});

describe('a month in figures', () => {
  it('derives conversion, average deal and plan fulfilment', () => {
    expect(monthMetrics({ month: '2026-10', revenue: 1_440_000, margin: 345_600, deals: 3, leads: 12, plan: 320_000 })).toEqual({
      month: '2026-10',
      conversion: 25,
      averageDeal: 480_000,
      planFulfilment: 108,
      revenue: 1_440_000,
      margin: 345_600,
    });
  });
  it('leaves a figure empty rather than dividing by zero', () => {
    expect(monthMetrics({ month: '2026-10', revenue: 0, margin: 0, deals: 0, leads: 0, plan: 0 })).toMatchObject({
      conversion: null,
      averageDeal: null,
      planFulfilment: null,
    });
  });
});
