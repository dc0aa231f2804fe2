// amoCRM against a local stand-in of its API v4 (test/amocrm-api.ts): won leads of every pipeline read
// across HAL pages, 429 waited out, 204 for an empty list, a refused token said so without the token;
// a month with a user nobody mapped or a custom field the account does not have refused, nothing written.
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../temp';
import { TEST_AMO_TOKEN, TestAmoCrm } from '../amocrm-api';
import { TEST_AUDIT_KEY, storedPerson, storeFileBytes } from '../store-files';
import * as clock from '../../src/server/clock';
import { monthSpan, previousMonth } from '../../src/domain/crm';
import { AmoCrm } from '../../src/server/crm/amocrm';
import { applyPulledRows, pullMonth } from '../../src/server/crm/pull';
import { CrmError } from '../../src/server/crm/requests';
import { saveCrmFields, saveCrmUserLinks } from '../../src/server/records/crm';
import { emptyStore } from '../../src/server/store/data';
import { openStore, type OpenStoreOptions, type Store } from '../../src/server/store/store';

// The demo company's content: its key-account scheme has KPIs a CRM field can hold (growth in percent, clients lost).
const TIME_ZONE = 'Asia/Yekaterinburg';
const FAST = { intervalMs: 5, backoffMs: [20, 20], timeoutMs: 2_000 };
const MAIN = 3_100_001;
const SECOND = 3_100_002;

let api: TestAmoCrm;
let options: OpenStoreOptions;
let store: Store;
let month: string;

beforeAll(async () => {
  vi.stubEnv('SALESBOOK_CONTENT', 'content');
  api = await TestAmoCrm.start();
});
afterAll(async () => {
  await api.close();
  vi.unstubAllEnvs();
});
beforeEach(async () => {
  api.reset();
  month = previousMonth(clock.nowMs(), TIME_ZONE);
  const dir = tempDir('salesbook-amocrm-');
  options = { path: join(dir, 'salesbook.json'), lockPath: join(dir, 'salesbook.json.lock'), backupsDir: join(dir, 'backups'), auditKey: TEST_AUDIT_KEY };
  const seed = emptyStore();
  seed.users.push(storedPerson('head', { appRole: 'head', hired: '2019-03-11' }), storedPerson('kam1', { hired: '2024-05-06' }), storedPerson('kam2', { hired: '2024-09-02' }));
  store = await openStore({ ...options, seed: () => seed });
});
afterEach(() => store.close());

/** 09:00 of `day` of the month in Yekaterinburg, in seconds, as amoCRM keeps times. */
const on = (day: number) => Math.floor((monthSpan(month, TIME_ZONE).from + (day - 1) * 86_400_000 + 9 * 3_600_000) / 1000);

const lead = (id: number, user: number, price: number, fields: [number, string][], over: Record<string, unknown> = {}) => ({
  id,
  name: `Сделка ${id}`,
  price,
  responsible_user_id: user,
  status_id: 142,
  pipeline_id: MAIN,
  created_at: on(2),
  closed_at: on(15),
  custom_fields_values: fields.length === 0 ? null : fields.map(([field_id, value]) => ({ field_id, field_name: String(field_id), field_code: null, field_type: 'numeric', values: [{ value }] })),
  ...over,
});

function fillAccount() {
  api.pageSize = 2;
  api.users = [
    { id: 501, name: 'Ирина Соколова', email: 'sokolova@example.ru', rights: { is_active: true } },
    { id: 502, name: 'Павел Громов', email: 'gromov@example.ru', rights: { is_active: true } },
    { id: 503, name: 'Анна Белова', email: 'belova@example.ru', rights: { is_active: false } },
  ];
  api.customFields = [
    { id: 7001, name: 'Маржа', type: 'numeric' },
    { id: 7002, name: 'Рост маржи клиента, %', type: 'numeric' },
    { id: 7003, name: 'Потеряно клиентов', type: 'numeric' },
  ];
  api.pipelines = [
    { id: MAIN, name: 'Продажи', is_main: true },
    { id: SECOND, name: 'Повторные', is_main: false },
  ];
  api.leads = [
    lead(1, 502, 500_000, [[7001, '120000'], [7002, '90'], [7003, '1']]),
    lead(2, 502, 300_000, [[7001, '72000'], [7003, '0']], { pipeline_id: SECOND }),
    lead(3, 503, 200_000, [[7001, '40000.5']]),
    // Open, lost, and won last month: left out of the deals, but two of them are leads of the month.
    lead(4, 502, 900_000, [[7001, '1']], { status_id: 41_000_001, closed_at: null }),
    lead(5, 502, 900_000, [[7001, '1']], { status_id: 143 }),
    lead(6, 503, 900_000, [[7001, '1']], { created_at: on(1) - 40 * 86_400, closed_at: on(1) - 35 * 86_400 }),
  ];
}

async function mapAccount(users: [string, string | null][] = [['502', 'id-kam1'], ['503', 'id-kam2']]) {
  await saveCrmUserLinks(store, 'amocrm', users.map(([crmUserId, userId]) => ({ crmUserId, crmName: `#${crmUserId}`, userId })), 'id-head');
  await saveCrmFields(
    store,
    'amocrm',
    [
      { kpi: 'margin', source: 'field', field: '7001' },
      { kpi: 'growth', source: 'field', field: '7002' },
      { kpi: 'lost', source: 'field', field: '7003' },
    ],
    'id-head',
  );
}

describe('reading a month from amoCRM', () => {
  it('reads won leads of every pipeline across pages, waits out 429, and writes them as source amocrm when applied', async () => {
    fillAccount();
    await mapAccount();
    api.tooManyRequests = 1;
    const before = storeFileBytes(options.path);
    const pulled = await pullMonth(store, 'amocrm', month, new AmoCrm(api.url, TEST_AMO_TOKEN, FAST));
    expect(pulled).toEqual({
      ok: true,
      rows: [
        // A percent is averaged over the deals that have it, none for someone whose deals have none; a count is summed.
        { line: 1, login: 'kam1', month, revenue: 800_000, margin: 192_000, deals: 2, leads: 4, plan: 0, metrics: { growth: 90, lost: 1 } },
        { line: 2, login: 'kam2', month, revenue: 200_000, margin: 40_000.5, deals: 1, leads: 1, plan: 0, metrics: { lost: 0 } },
      ],
    });
    expect(storeFileBytes(options.path).equals(before)).toBe(true);
    const won = api.calls.filter((c) => c.path === '/api/v4/leads' && c.query.has('filter[closed_at][from]'));
    // Two won leads a page: two pages, and the won status asked for in both pipelines, over the month in Moscow.
    expect(won.map((c) => c.query.get('page'))).toEqual(['1', '2']);
    expect(Object.fromEntries([...won[0]!.query].filter(([k]) => k.startsWith('filter')))).toEqual({
      'filter[statuses][0][pipeline_id]': String(MAIN),
      'filter[statuses][0][status_id]': '142',
      'filter[statuses][1][pipeline_id]': String(SECOND),
      'filter[statuses][1][status_id]': '142',
      'filter[closed_at][from]': String(monthSpan(month, TIME_ZONE).from / 1000),
      'filter[closed_at][to]': String(monthSpan(month, TIME_ZONE).to / 1000 - 1),
    });
    // The first request was answered 429 and made again.
    expect(api.calls[0]!.path).toBe('/api/v4/users');
    expect(api.calls[1]!.path).toBe('/api/v4/users');
    if (!pulled.ok) throw new Error('the month was refused');
    await applyPulledRows(store, 'amocrm', month, pulled.rows, { actor: 'id-head', trigger: 'head' });
    expect(await store.read((d) => d.kpiRecords.map((r) => [r.userId, r.month, r.source, r.metrics]))).toEqual([
      ['id-kam1', month, 'amocrm', { growth: 90, lost: 1 }],
      ['id-kam2', month, 'amocrm', { lost: 0 }],
    ]);
  });

  it('takes 204 No Content as a month without leads: zeros for everyone mapped', async () => {
    fillAccount();
    api.leads = [];
    await mapAccount();
    const pulled = await pullMonth(store, 'amocrm', month, new AmoCrm(api.url, TEST_AMO_TOKEN, FAST));
    expect(pulled.ok && pulled.rows.map((r) => [r.login, r.revenue, r.deals, r.leads])).toEqual([
      ['kam1', 0, 0, 0],
      ['kam2', 0, 0, 0],
    ]);
  });

  it('refuses a user nobody mapped and a custom field the account does not have, writing nothing', async () => {
    fillAccount();
    await mapAccount([['502', 'id-kam1']]);
    const before = storeFileBytes(options.path);
    expect(await pullMonth(store, 'amocrm', month, new AmoCrm(api.url, TEST_AMO_TOKEN, FAST))).toEqual({
      ok: false,
      issues: [{ code: 'unmappedUser', crmUserId: '503', name: 'Анна Белова', deals: 1, leads: 1, invoices: 0 }],
      problems: [],
      rows: [],
    });
    await mapAccount();
    api.customFields = api.customFields.filter((f) => f.id !== 7003);
    const mapped = storeFileBytes(options.path);
    expect(await pullMonth(store, 'amocrm', month, new AmoCrm(api.url, TEST_AMO_TOKEN, FAST))).toMatchObject({ ok: false, issues: [{ code: 'unknownField', kpi: 'lost', field: '7003' }] });
    expect(storeFileBytes(options.path).equals(mapped)).toBe(true);
    expect(before.equals(mapped)).toBe(false);
  });

  it('says a refused token is refused, without the token', async () => {
    fillAccount();
    const error = await new AmoCrm(api.url, `${TEST_AMO_TOKEN}-revoked`, FAST).users().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrmError);
    expect((error as CrmError).failure).toBe('refused');
    expect((error as CrmError).message).toBe('amoCRM: refused the credentials (/api/v4/users, HTTP 401, Unauthorized: Invalid access token: the token was refused)');
    expect(`${(error as CrmError).message}${(error as CrmError).stack}`).not.toContain(TEST_AMO_TOKEN);
    api.tooManyRequests = 5;
    const limited = await new AmoCrm(api.url, TEST_AMO_TOKEN, FAST).users().catch((e: unknown) => e);
    expect((limited as CrmError).failure).toBe('rateLimited');
  });
});
