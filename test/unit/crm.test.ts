import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  crmMonthRows,
  crmNumber,
  mappedFields,
  monthSpan,
  parsePullSchedule,
  previousMonth,
  scheduledPullDue,
  type CrmIssue,
  type CrmMapping,
  type CrmMonth,
  type CrmPerson,
  type KpiUnit,
  type PullRecord,
} from '../../src/domain/crm';
import { checkKpiRows, type KpiRow } from '../../src/domain/kpi';
import { translator } from '../../src/i18n';
import { crmFailureText, crmIssueText } from '../../src/i18n/crm';
import { amocrmSettings, bitrix24Settings, crmPullSchedule } from '../../src/server/config';

const MOSCOW = 'Europe/Moscow';
const month = '2026-10';
const people: CrmPerson[] = [
  { login: 'trainee1', hired: '2026-08-24', disabled: false, plan: 320_000 },
  { login: 'trainee2', hired: '2026-09-14', disabled: false, plan: 0 },
  // Hired after the month: no row for a month before they came.
  { login: 'trainee5', hired: '2026-11-12', disabled: false, plan: 0 },
  { login: 'gone', hired: '2024-01-10', disabled: true, plan: 100_000 },
];
const kpis = new Map<string, KpiUnit>([
  ['receivables', 'percent'],
  ['retention', 'percent'],
  ['share', 'rub'],
  ['leadConversion', 'percent'],
]);

const pulled = (over: Partial<CrmMonth> = {}): CrmMonth => ({
  month,
  users: [
    { id: '1', name: 'Ирина Соколова', active: true },
    { id: '7', name: 'Алексей Смирнов', active: true },
    { id: '8', name: 'Алексей Смирнов (второй аккаунт)', active: false },
    { id: '9', name: 'Мария Волкова', active: true },
    { id: '12', name: 'Директор', active: true },
  ],
  fieldCodes: new Set(['ID', 'OPPORTUNITY', 'UF_CRM_MARGIN', 'UF_CRM_RETENTION', 'UF_CRM_SHARE']),
  deals: [
    { id: '101', userId: '7', amount: 1_000_000.1, currency: 'RUB', fields: { UF_CRM_MARGIN: '240000.05|RUB', UF_CRM_RETENTION: '80', UF_CRM_SHARE: 10 } },
    { id: '102', userId: '8', amount: 440_000.2, currency: 'RUB', fields: { UF_CRM_MARGIN: 105_600, UF_CRM_RETENTION: '', UF_CRM_SHARE: '5,5' } },
    { id: '103', userId: '9', amount: 960_000, currency: 'RUB', fields: { UF_CRM_MARGIN: '230 400', UF_CRM_RETENTION: '90' } },
    // The director's own deal: left out, as the mapping says.
    { id: '104', userId: '12', amount: 5_000_000, currency: 'RUB', fields: {} },
  ],
  leads: [
    ...Array.from({ length: 12 }, (_, i) => ({ id: `L${i}`, userId: i < 8 ? '7' : '8', converted: i % 4 === 0 })),
    ...Array.from({ length: 9 }, (_, i) => ({ id: `M${i}`, userId: '9', converted: false })),
  ],
  invoices: [
    // Due on the 20th in Moscow; paid at 23:30 Moscow time that day (20:30 UTC): on time.
    { id: 'I1', userId: '7', due: '2026-10-20', paidAt: Date.parse('2026-10-20T20:30:00Z') },
    // Paid at 00:30 Moscow time the next day: late, though it is still the 20th in UTC.
    { id: 'I2', userId: '7', due: '2026-10-20', paidAt: Date.parse('2026-10-20T21:30:00Z') },
    { id: 'I3', userId: '8', due: '2026-10-25', paidAt: null },
    { id: 'I4', userId: '7', due: '2026-10-31', paidAt: Date.parse('2026-10-02T09:00:00Z') },
  ],
  ...over,
});

const mapping = (over: Partial<CrmMapping> = {}): CrmMapping => ({
  users: new Map([
    ['7', 'trainee1'],
    ['8', 'trainee1'],
    ['9', 'trainee2'],
    ['12', null],
    ['13', 'trainee5'],
    ['14', 'gone'],
  ]),
  margin: 'UF_CRM_MARGIN',
  metrics: [
    { kpi: 'receivables', source: 'invoicesPaidOnTime', field: null },
    { kpi: 'retention', source: 'field', field: 'UF_CRM_RETENTION' },
    { kpi: 'share', source: 'field', field: 'UF_CRM_SHARE' },
    { kpi: 'leadConversion', source: 'leadsConverted', field: null },
  ],
  ...over,
});

describe('a CRM month as KPI rows', () => {
  it('adds up each person’s deals, leads, invoices and fields across the CRM users mapped to them', () => {
    const { rows, issues } = crmMonthRows(pulled(), mapping(), people, kpis, MOSCOW);
    expect(issues).toEqual([]);
    expect(rows).toEqual<KpiRow[]>([
      {
        line: 1,
        login: 'trainee1',
        month,
        // Two CRM accounts, one person: 1 000 000,10 + 440 000,20 without binary fractions.
        revenue: 1_440_000.3,
        margin: 345_600.05,
        deals: 2,
        leads: 12,
        plan: 320_000,
        // 2 of 4 invoices paid by their due day, in Moscow; retention averaged over the deals that have it;
        // roubles added up; 3 of 12 leads converted.
        metrics: { receivables: 50, retention: 80, share: 15.5, leadConversion: 25 },
      },
      { line: 2, login: 'trainee2', month, revenue: 960_000, margin: 230_400, deals: 1, leads: 9, plan: 0, metrics: { receivables: 100, retention: 90, share: 0, leadConversion: 0 } },
    ]);
  });

  it('gives a row of zeros to someone mapped who sold nothing, but not to people who came later or are disabled', () => {
    const { rows } = crmMonthRows(pulled({ deals: [], leads: [], invoices: [] }), mapping({ metrics: [] }), people, kpis, MOSCOW);
    expect(rows).toEqual([
      { line: 1, login: 'trainee1', month, revenue: 0, margin: 0, deals: 0, leads: 0, plan: 320_000, metrics: {} },
      { line: 2, login: 'trainee2', month, revenue: 0, margin: 0, deals: 0, leads: 0, plan: 0, metrics: {} },
    ]);
    // An average or a share of nothing is no figure at all; nothing due is nothing late.
    const metrics = crmMonthRows(pulled({ deals: [], leads: [], invoices: [] }), mapping(), people, kpis, MOSCOW).rows[0]!.metrics;
    expect(metrics).toEqual({ receivables: 100, share: 0 });
  });

  it('refuses the month when a CRM user with deals, leads or invoices is not mapped, naming them', () => {
    const users = new Map(mapping().users);
    users.delete('8');
    users.delete('9');
    const { rows, issues } = crmMonthRows(pulled(), mapping({ users }), people, kpis, MOSCOW);
    expect(rows).toEqual([]);
    expect(issues).toEqual([
      { code: 'unmappedUser', crmUserId: '8', name: 'Алексей Смирнов (второй аккаунт)', deals: 1, leads: 4, invoices: 1 },
      { code: 'unmappedUser', crmUserId: '9', name: 'Мария Волкова', deals: 1, leads: 9, invoices: 0 },
    ]);
  });

  it('refuses won deals without a margin, or in another currency, naming a few of them', () => {
    const deals = Array.from({ length: 7 }, (_, i) => ({ id: String(200 + i), userId: '7', amount: 1000, currency: i === 6 ? 'USD' : 'RUB', fields: { UF_CRM_MARGIN: i < 6 ? '' : '100' } }));
    const { rows, issues } = crmMonthRows(pulled({ deals }), mapping(), people, kpis, MOSCOW);
    expect(rows).toEqual([]);
    expect(issues).toEqual([
      { code: 'noValue', field: 'UF_CRM_MARGIN', deals: ['200', '201', '202', '203', '204'], count: 6 },
      { code: 'currency', currency: 'USD', deals: ['206'], count: 1 },
    ]);
  });

  it('refuses a mapping without a margin field, with a KPI no scheme has, or with a field the CRM does not have', () => {
    expect(crmMonthRows(pulled(), mapping({ margin: null }), people, kpis, MOSCOW).issues).toEqual([{ code: 'noMarginField' }]);
    expect(crmMonthRows(pulled(), mapping({ metrics: [{ kpi: 'walletShare', source: 'field', field: 'UF_CRM_SHARE' }] }), people, kpis, MOSCOW).issues).toEqual([
      { code: 'unknownKpi', kpi: 'walletShare' },
    ]);
    expect(crmMonthRows(pulled(), mapping({ margin: 'UF_CRM_GONE', metrics: [{ kpi: 'share', source: 'field', field: 'UF_CRM_OLD' }] }), people, kpis, MOSCOW).issues).toEqual([
      { code: 'unknownField', kpi: 'margin', field: 'UF_CRM_GONE' },
      { code: 'unknownField', kpi: 'share', field: 'UF_CRM_OLD' },
    ]);
  });

  it('says so when nobody is mapped and nothing was sold', () => {
    expect(crmMonthRows(pulled({ deals: [], leads: [], invoices: [] }), mapping({ users: new Map() }), people, kpis, MOSCOW)).toEqual({ rows: [], issues: [{ code: 'empty', month }] });
  });

  it('asks the CRM for the margin field and the KPI fields, each once', () => {
    expect(mappedFields(mapping({ metrics: [...mapping().metrics, { kpi: 'x', source: 'field', field: 'UF_CRM_MARGIN' }] }))).toEqual(['UF_CRM_MARGIN', 'UF_CRM_RETENTION', 'UF_CRM_SHARE']);
  });
});

describe('rows from a CRM are checked as a file’s lines are', () => {
  const row = (over: Partial<KpiRow>): KpiRow => ({ line: 1, login: 'trainee1', month: '2026-10', revenue: 100, margin: 10, deals: 1, leads: 2, plan: 0, metrics: {}, ...over });
  const today = new Date('2026-11-18T06:00:00Z');
  it('passes good rows and names the rules a bad one breaks', () => {
    const logins = new Set(['trainee1', 'trainee2']);
    expect(checkKpiRows([row({}), row({ line: 2, login: 'trainee2' })], { logins, today, schemesByLogin: new Map() }).problems).toEqual([]);
    const { rows, problems } = checkKpiRows(
      [row({ deals: 3, leads: 2 }), row({ line: 2, login: 'nobody', month: '2026-12', margin: 200 }), row({ line: 3 })],
      { logins, today, schemesByLogin: new Map() },
    );
    expect(rows).toEqual([]);
    expect(problems).toEqual([
      { line: 1, issues: [{ code: 'dealsOverLeads' }] },
      { line: 2, issues: [{ code: 'unknownLogin', login: 'nobody' }, { code: 'future', month: '2026-12' }, { code: 'marginOverRevenue' }] },
      { line: 3, issues: [{ code: 'duplicate', login: 'trainee1', month: '2026-10', line: 1 }] },
    ]);
  });
});

describe('amounts, months and the schedule', () => {
  it('reads amounts as CRMs keep them', () => {
    expect(crmNumber(150000)).toBe(150000);
    expect(crmNumber('150000.00')).toBe(150000);
    expect(crmNumber('12345.67|RUB')).toBe(12345.67);
    expect(crmNumber('1 250 000,50')).toBe(1250000.5);
    for (const empty of ['', null, undefined, 'много', ['1'], Number.NaN]) expect(crmNumber(empty), String(empty)).toBeUndefined();
  });

  it('takes a month from midnight to midnight in the company’s time zone', () => {
    expect(monthSpan('2026-10', MOSCOW)).toEqual({
      from: Date.parse('2026-09-30T21:00:00Z'),
      to: Date.parse('2026-10-31T21:00:00Z'),
      fromLocal: '2026-10-01T00:00:00+03:00',
      toLocal: '2026-11-01T00:00:00+03:00',
      fromDay: '2026-10-01',
      toDay: '2026-11-01',
    });
    expect(monthSpan('2026-12', 'Asia/Yekaterinburg')).toMatchObject({ from: Date.parse('2026-11-30T19:00:00Z'), to: Date.parse('2026-12-31T19:00:00Z'), toLocal: '2027-01-01T00:00:00+05:00' });
    // West of Greenwich, with summer time: March begins in winter time, April in summer time.
    expect(monthSpan('2027-03', 'America/New_York')).toMatchObject({ fromLocal: '2027-03-01T00:00:00-05:00', toLocal: '2027-04-01T00:00:00-04:00' });
    // At 22:00 UTC on 31 October it is 1 November in Moscow: the month before is October.
    expect(previousMonth(Date.parse('2026-10-31T22:00:00Z'), MOSCOW)).toBe('2026-10');
    expect(previousMonth(Date.parse('2027-01-01T00:00:00Z'), MOSCOW)).toBe('2026-12');
  });

  it('reads the schedule as a day of the month and a time', () => {
    expect(parsePullSchedule('5 07:00')).toEqual({ day: 5, time: '07:00' });
    expect(parsePullSchedule(' 28   23:59 ')).toEqual({ day: 28, time: '23:59' });
    for (const bad of ['29 07:00', '0 07:00', '5 7:00', '5', '07:00', '5 24:00', 'пятого']) expect(parsePullSchedule(bad), bad).toBeUndefined();
  });

  it('pulls the month before once its day and time have come, and once only', () => {
    const schedule = { day: 5, time: '07:00' };
    const at = (iso: string) => Date.parse(iso);
    // 07:00 in Moscow is 04:00 UTC.
    expect(scheduledPullDue(schedule, at('2026-11-05T03:59:00Z'), MOSCOW, [])).toBeUndefined();
    expect(scheduledPullDue(schedule, at('2026-11-05T04:00:00Z'), MOSCOW, [])).toBe('2026-10');
    // Any day later in the month, after a server was down on the 5th.
    expect(scheduledPullDue(schedule, at('2026-11-29T12:00:00Z'), MOSCOW, [])).toBe('2026-10');
    const pull = (over: Partial<PullRecord>): PullRecord => ({ month: '2026-10', trigger: 'schedule', outcome: 'applied', at: '2026-11-05T04:00:01Z', ...over });
    const now = at('2026-11-05T06:00:00Z');
    expect(scheduledPullDue(schedule, now, MOSCOW, [pull({})])).toBeUndefined();
    // A head applied the month by hand already.
    expect(scheduledPullDue(schedule, now, MOSCOW, [pull({ trigger: 'head' })])).toBeUndefined();
    // Refused: a head must fix the mapping and pull it; the schedule does not try again.
    expect(scheduledPullDue(schedule, now, MOSCOW, [pull({ outcome: 'refused' })])).toBeUndefined();
    // A head's refused preview does not stand in for the scheduled pull.
    expect(scheduledPullDue(schedule, now, MOSCOW, [pull({ trigger: 'head', outcome: 'refused' })])).toBe('2026-10');
    // The CRM did not answer: tried again an hour later.
    expect(scheduledPullDue(schedule, at('2026-11-05T04:59:00Z'), MOSCOW, [pull({ outcome: 'failed' })])).toBeUndefined();
    expect(scheduledPullDue(schedule, at('2026-11-05T05:00:02Z'), MOSCOW, [pull({ outcome: 'failed' })])).toBe('2026-10');
    // Another month's pull is another month.
    expect(scheduledPullDue(schedule, now, MOSCOW, [pull({ month: '2026-09' })])).toBe('2026-10');
  });
});

describe('why a month was not written, as a head reads it', () => {
  const titles = (kpi: string) => (kpi === 'receivables' ? 'Доля дебиторки, оплаченной в срок' : kpi);
  const said = (locale: 'ru' | 'en') => {
    const { t } = translator(locale);
    const issues: CrmIssue[] = [
      { code: 'noMarginField' },
      { code: 'unknownField', kpi: 'margin', field: 'UF_CRM_GONE' },
      { code: 'unknownField', kpi: 'receivables', field: 'UF_CRM_OLD' },
      { code: 'unmappedUser', crmUserId: '9', name: 'Мария Волкова', deals: 3, leads: 1200, invoices: 0 },
      { code: 'noValue', field: 'UF_CRM_MARGIN', deals: ['200', '201', '202', '203', '204'], count: 6 },
      { code: 'currency', currency: 'USD', deals: ['206'], count: 1 },
    ];
    return issues.map((issue) => crmIssueText(t, issue, titles));
  };
  it('in Russian and in English, every word in the interface’s language', () => {
    expect(said('ru')).toEqual([
      'не указано поле с маржой сделки: задайте его в разделе «Поля»',
      'маржа: поля UF_CRM_GONE нет среди полей сделки в CRM — проверьте код поля в разделе «Поля»',
      'Доля дебиторки, оплаченной в срок: поля UF_CRM_OLD нет среди полей сделки в CRM — проверьте код поля в разделе «Поля»',
      'пользователь CRM «Мария Волкова» (id 9) не сопоставлен с сотрудником, а за месяц у него сделок: 3, лидов: 1\u00a0200, счетов: 0. Выберите сотрудника или «Не в Salesbook» в разделе «Сотрудники в CRM»',
      'у выигранных сделок 200, 201, 202, 203, 204 и ещё 1 нет маржи в поле UF_CRM_MARGIN — заполните её в CRM',
      'сделки 206 в валюте USD, а Salesbook считает в рублях — переведите их в рубли в CRM',
    ]);
    expect(said('en')).toEqual([
      'no deal field holds the margin: set it under “Fields”',
      'margin: the CRM’s deals have no field UF_CRM_GONE; check the field’s code under “Fields”',
      'Доля дебиторки, оплаченной в срок: the CRM’s deals have no field UF_CRM_OLD; check the field’s code under “Fields”',
      'the CRM user “Мария Волкова” (id 9) is not mapped to a person, and has deals: 3, leads: 1,200, invoices: 0 in the month. Choose a person, or “Not in Salesbook”, under “People in the CRM”',
      'the won deals 200, 201, 202, 203, 204 and 1 more have no margin in the field UF_CRM_MARGIN; fill it in the CRM',
      'the deals 206 are in USD, and Salesbook counts in roubles; convert them to roubles in the CRM',
    ]);
  });

  it('says a refused token or webhook in the words that fit the CRM', () => {
    const { t } = translator('ru');
    expect(crmFailureText(t, 'amocrm', 'refused', '/api/v4/users, HTTP 401')).toBe(
      'amoCRM отклонила токен (/api/v4/users, HTTP 401). Выпустите новый долгосрочный токен в интеграции amoCRM и передайте его администратору портала.',
    );
    expect(crmFailureText(t, 'bitrix24', 'unreachable', 'ECONNREFUSED')).toBe('Битрикс24 не отвечает (ECONNREFUSED). Проверьте адрес в настройках портала и доступ сервера к CRM.');
  });
});

describe('CRM settings from the environment', () => {
  afterEach(() => vi.unstubAllEnvs());
  const KEY = 'q1w2e3r4t5y6u7i8';

  it('takes a Bitrix24 incoming webhook, and refuses anything else without repeating it', () => {
    vi.stubEnv('SALESBOOK_BITRIX24_WEBHOOK_URL', `https://company.bitrix24.ru/rest/1/${KEY}`);
    expect(bitrix24Settings()).toEqual({ webhookUrl: `https://company.bitrix24.ru/rest/1/${KEY}/` });
    for (const bad of [`http://company.bitrix24.ru/rest/1/${KEY}/`, `https://company.bitrix24.ru/${KEY}/`, `https://company.bitrix24.ru/rest/1/${KEY}/crm.deal.list`, `https://company.bitrix24.ru/rest/1/${KEY}/?auth=1`, KEY]) {
      vi.stubEnv('SALESBOOK_BITRIX24_WEBHOOK_URL', bad);
      expect(() => bitrix24Settings(), bad).toThrow(/^Salesbook: SALESBOOK_BITRIX24_WEBHOOK_URL must be/);
      expect(() => bitrix24Settings()).not.toThrow(new RegExp(KEY));
    }
    // A stand-in on this machine may be plain http.
    vi.stubEnv('SALESBOOK_BITRIX24_WEBHOOK_URL', `http://127.0.0.1:8080/rest/1/${KEY}/`);
    expect(bitrix24Settings()).toEqual({ webhookUrl: `http://127.0.0.1:8080/rest/1/${KEY}/` });
  });

  it('takes amoCRM’s address and token together, and never names the token', () => {
    const token = 'eyJhbGciOiJSUzI1NiJ9.payload-of-a-long-lived-token.signature';
    vi.stubEnv('SALESBOOK_AMOCRM_URL', 'https://company.amocrm.ru/');
    vi.stubEnv('SALESBOOK_AMOCRM_TOKEN', token);
    expect(amocrmSettings()).toEqual({ url: 'https://company.amocrm.ru', token });
    vi.stubEnv('SALESBOOK_AMOCRM_URL', '');
    expect(() => amocrmSettings()).toThrow('SALESBOOK_AMOCRM_TOKEN is set, so SALESBOOK_AMOCRM_URL must be');
    vi.stubEnv('SALESBOOK_AMOCRM_URL', 'https://company.amocrm.ru/api/v4');
    expect(() => amocrmSettings()).toThrow('without a path');
    vi.stubEnv('SALESBOOK_AMOCRM_URL', 'https://company.amocrm.ru');
    vi.stubEnv('SALESBOOK_AMOCRM_TOKEN', 'short');
    expect(() => amocrmSettings()).toThrow('must be the long-lived token amoCRM gave the integration; the one set is not.');
  });

  it('takes the schedule only with a CRM to pull from', () => {
    vi.stubEnv('SALESBOOK_BITRIX24_WEBHOOK_URL', '');
    vi.stubEnv('SALESBOOK_AMOCRM_URL', '');
    vi.stubEnv('SALESBOOK_AMOCRM_TOKEN', '');
    vi.stubEnv('SALESBOOK_CRM_PULL_AT', '5 07:00');
    expect(() => crmPullSchedule()).toThrow('SALESBOOK_CRM_PULL_AT is set, but no CRM is');
    vi.stubEnv('SALESBOOK_BITRIX24_WEBHOOK_URL', `https://company.bitrix24.ru/rest/1/${KEY}/`);
    expect(crmPullSchedule()).toEqual({ day: 5, time: '07:00' });
    vi.stubEnv('SALESBOOK_CRM_PULL_AT', '31 07:00');
    expect(() => crmPullSchedule()).toThrow('SALESBOOK_CRM_PULL_AT must be a day of the month from 1 to 28 and a time');
  });
});
