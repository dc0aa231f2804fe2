// Bitrix24 against a local stand-in of its REST API (test/bitrix24-api.ts): a month read across pages
// at the portal's pace, a rate-limit answer waited out, errors said without the webhook's key; a month
// that a mapping cannot account for refused with nothing written; the scheduled pull once a month.
import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../temp';
import { TEST_WEBHOOK_KEY, TestBitrix24 } from '../bitrix24-api';
import { TEST_AUDIT_KEY, storedPerson, storeFileBytes } from '../store-files';
import * as clock from '../../src/server/clock';
import { monthSpan, previousMonth } from '../../src/domain/crm';
import { Bitrix24 } from '../../src/server/crm/bitrix24';
import { applyPulledRows, pullMonth } from '../../src/server/crm/pull';
import { CrmError } from '../../src/server/crm/requests';
import { runScheduledPulls } from '../../src/server/crm/schedule';
import { saveCrmFields, saveCrmUserLinks } from '../../src/server/records/crm';
import { emptyStore } from '../../src/server/store/data';
import { openStore, type OpenStoreOptions, type Store } from '../../src/server/store/store';

// The demo company's content: its schemes have KPIs a CRM can give (receivables paid on time).
const TIME_ZONE = 'Asia/Yekaterinburg';
const FAST = { intervalMs: 5, backoffMs: [20, 20], timeoutMs: 2_000 };

let api: TestBitrix24;
let options: OpenStoreOptions;
let store: Store;
let month: string;

beforeAll(async () => {
  vi.stubEnv('SALESBOOK_CONTENT', 'content');
  api = await TestBitrix24.start();
});
afterAll(async () => {
  await api.close();
  vi.unstubAllEnvs();
});
beforeEach(async () => {
  api.reset();
  month = previousMonth(clock.nowMs(), TIME_ZONE);
  const dir = tempDir('salesbook-bitrix24-');
  options = { path: join(dir, 'salesbook.json'), lockPath: join(dir, 'salesbook.json.lock'), backupsDir: join(dir, 'backups'), auditKey: TEST_AUDIT_KEY };
  const seed = emptyStore();
  seed.users.push(storedPerson('head', { appRole: 'head', hired: '2019-03-11' }), storedPerson('trainee1', { hired: '2025-01-13' }), storedPerson('trainee2', { hired: '2025-02-10' }));
  // Last month's plan of trainee1, which the pulled month carries on.
  seed.kpiRecords.push({ userId: 'id-trainee1', month: previousMonth(monthSpan(month, TIME_ZONE).from, TIME_ZONE), revenue: 1, margin: 1, deals: 1, leads: 1, plan: 400_000, metrics: {}, source: 'september.csv', importedAt: clock.now().toISOString() });
  store = await openStore({ ...options, seed: () => seed });
});
afterEach(async () => {
  await store.close();
  clock.setClock(process.env.SALESBOOK_CLOCK!);
});

/** Noon of `day` of the month, in Yekaterinburg, as Bitrix24 writes a date and time. */
const on = (day: number, m = month) => `${m}-${String(day).padStart(2, '0')}T12:00:00+05:00`;
const nextMonth = () => monthSpan(month, TIME_ZONE).toDay.slice(0, 7);

/** A portal with 55 users, 120 deals won in the month by user 7 and 3 by user 9, and what should be left out. */
function fillPortal() {
  api.users = Array.from({ length: 55 }, (_, i) => ({ ID: String(i + 1), NAME: `Имя${i + 1}`, LAST_NAME: 'Фамилия', EMAIL: `u${i + 1}@example.ru`, ACTIVE: i !== 8 }));
  api.users[6] = { ID: '7', NAME: 'Алексей', LAST_NAME: 'Смирнов', EMAIL: 'smirnov@example.ru', ACTIVE: true };
  api.users[8] = { ID: '9', NAME: 'Мария', LAST_NAME: 'Волкова', EMAIL: 'volkova@example.ru', ACTIVE: false };
  api.customFields = { UF_CRM_MARGIN: { type: 'money', title: 'Маржа' } };
  const won = (id: number, user: string, amount: number, margin: unknown, closed = on(10)) => ({
    ID: String(id),
    ASSIGNED_BY_ID: user,
    OPPORTUNITY: amount.toFixed(2),
    CURRENCY_ID: 'RUB',
    STAGE_SEMANTIC_ID: 'S',
    CLOSEDATE: closed,
    UF_CRM_MARGIN: margin,
  });
  api.deals = [
    ...Array.from({ length: 120 }, (_, i) => won(1000 + i, '7', 10_000, '2500|RUB', on(1 + (i % 28)))),
    won(2001, '9', 300_000, '72000|RUB'),
    won(2002, '9', 200_000, 48_000),
    won(2003, '9', 100_000.5, '24000.25'),
    // Lost, in progress, and won in the months around: none of them counts.
    { ...won(3001, '7', 999_999, '1'), STAGE_SEMANTIC_ID: 'F' },
    { ...won(3002, '7', 999_999, '1'), STAGE_SEMANTIC_ID: 'P' },
    won(3003, '7', 999_999, '1', on(28, previousMonth(monthSpan(month, TIME_ZONE).from, TIME_ZONE))),
    won(3004, '7', 999_999, '1', `${nextMonth()}-01T00:30:00+05:00`),
  ];
  api.leads = [
    ...Array.from({ length: 130 }, (_, i) => ({ ID: String(5000 + i), ASSIGNED_BY_ID: '7', STATUS_SEMANTIC_ID: i < 26 ? 'S' : 'P', DATE_CREATE: on(1 + (i % 28)) })),
    ...Array.from({ length: 12 }, (_, i) => ({ ID: String(6000 + i), ASSIGNED_BY_ID: '9', STATUS_SEMANTIC_ID: 'F', DATE_CREATE: on(3) })),
  ];
  api.invoices = [
    { id: 1, assignedById: 7, closedate: `${month}-20T00:00:00+05:00`, stageId: 'DT31_1:P', movedTime: on(19) },
    { id: 2, assignedById: 7, closedate: `${month}-20T00:00:00+05:00`, stageId: 'DT31_1:P', movedTime: on(22) },
    { id: 3, assignedById: 7, closedate: `${month}-25T00:00:00+05:00`, stageId: 'DT31_1:S', movedTime: on(2) },
    { id: 4, assignedById: 7, closedate: `${month}-28T00:00:00+05:00`, stageId: 'DT31_1:P', movedTime: on(28) },
    // Due next month: another month's receivables.
    { id: 5, assignedById: 9, closedate: `${nextMonth()}-05T00:00:00+05:00`, stageId: 'DT31_1:S', movedTime: on(2) },
  ];
}

async function mapPortal(users: [string, string | null][] = [['7', 'id-trainee1'], ['9', 'id-trainee2']]) {
  await saveCrmUserLinks(store, 'bitrix24', users.map(([crmUserId, userId]) => ({ crmUserId, crmName: `#${crmUserId}`, userId })), 'id-head');
  await saveCrmFields(store, 'bitrix24', [{ kpi: 'margin', source: 'field', field: 'UF_CRM_MARGIN' }, { kpi: 'receivables', source: 'invoicesPaidOnTime', field: null }], 'id-head');
}

const auditLines = () => readFileSync(join(options.path, '..', 'audit.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { actor: string; action: string; subject: string; details: Record<string, unknown> });

describe('reading a month from Bitrix24', () => {
  it('reads every page at two requests a second, and waits out QUERY_LIMIT_EXCEEDED', async () => {
    fillPortal();
    await mapPortal();
    api.rateLimited = 1;
    // The portal's own pace, but a short wait after a rate-limit answer.
    const portal = new Bitrix24(api.webhookUrl, { backoffMs: [300], timeoutMs: 5_000 });
    const started = Date.now();
    const pulled = await pullMonth(store, 'bitrix24', month, portal);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(pulled).toEqual({
      ok: true,
      rows: [
        // 120 deals of 10 000 ₽ with 2 500 ₽ margin; 130 leads; 2 of the 4 invoices due paid by their day.
        { line: 1, login: 'trainee1', month, revenue: 1_200_000, margin: 300_000, deals: 120, leads: 130, plan: 400_000, metrics: { receivables: 50 } },
        // A money field ("72000|RUB"), a number and a plain string; someone who has left the CRM still counts.
        { line: 2, login: 'trainee2', month, revenue: 600_000.5, margin: 144_000.25, deals: 3, leads: 12, plan: 0, metrics: { receivables: 100 } },
      ],
    });
    const calls = api.calls.map((c) => `${c.method}@${c.start}`);
    expect(calls).toEqual([
      // The first call was refused for coming too fast, and made again.
      'user.get@0',
      'user.get@0',
      'user.get@50',
      'crm.deal.fields@0',
      'crm.deal.list@0',
      'crm.deal.list@50',
      'crm.deal.list@100',
      'crm.lead.list@0',
      'crm.lead.list@50',
      'crm.lead.list@100',
      'crm.item.list@0',
    ]);
    // At most two requests a second reach the portal, the retried one too, however fast it answers.
    const gaps = api.calls.slice(1).map((c, i) => c.at - api.calls[i]!.at);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(495);
    // The month in Yekaterinburg, won deals only, with the margin field asked for.
    expect(api.calls.find((c) => c.method === 'crm.deal.list')!.params).toMatchObject({
      filter: { STAGE_SEMANTIC_ID: 'S', '>=CLOSEDATE': `${month}-01T00:00:00+05:00`, '<CLOSEDATE': `${nextMonth()}-01T00:00:00+05:00` },
      select: ['ID', 'ASSIGNED_BY_ID', 'OPPORTUNITY', 'CURRENCY_ID', 'UF_CRM_MARGIN'],
    });
    expect(api.calls.find((c) => c.method === 'crm.item.list')!.params).toMatchObject({ entityTypeId: 31 });
  });

  it('writes the month only when applied: source bitrix24, a month on record replaced, the pull noted and audited', async () => {
    fillPortal();
    await mapPortal();
    const before = storeFileBytes(options.path);
    const pulled = await pullMonth(store, 'bitrix24', month, new Bitrix24(api.webhookUrl, FAST));
    expect(storeFileBytes(options.path).equals(before)).toBe(true);
    if (!pulled.ok) throw new Error('the month was refused');
    const written = await applyPulledRows(store, 'bitrix24', month, pulled.rows, { actor: 'id-head', trigger: 'head' });
    expect(written).toEqual({ added: 2, replaced: [] });
    const records = await store.read((d) => d.kpiRecords.filter((r) => r.month === month));
    expect(records.map((r) => [r.userId, r.source, r.revenue, r.metrics])).toEqual([
      ['id-trainee1', 'bitrix24', 1_200_000, { receivables: 50 }],
      ['id-trainee2', 'bitrix24', 600_000.5, { receivables: 100 }],
    ]);
    expect(await store.read((d) => d.crmPulls)).toEqual([{ crm: 'bitrix24', month, trigger: 'head', outcome: 'applied', rows: 2, problems: 0, failure: null, at: expect.any(String) }]);
    expect(auditLines().at(-1)).toMatchObject({ actor: 'id-head', action: 'kpi.pull', subject: `crm:bitrix24:${month}`, details: { trigger: 'head', lines: 2, added: 2, replaced: [] } });
    // Pulled again after a deal was corrected: the same months are replaced, not added.
    api.deals[0]!.OPPORTUNITY = '20000.00';
    const again = await pullMonth(store, 'bitrix24', month, new Bitrix24(api.webhookUrl, FAST));
    if (!again.ok) throw new Error('the month was refused');
    expect(await applyPulledRows(store, 'bitrix24', month, again.rows, { actor: 'id-head', trigger: 'head' })).toEqual({ added: 0, replaced: [`trainee1 ${month}`, `trainee2 ${month}`] });
    expect(await store.read((d) => d.kpiRecords.find((r) => r.userId === 'id-trainee1' && r.month === month)!.revenue)).toBe(1_210_000);
  });

  it('refuses a month with deals of a CRM user nobody mapped, and writes nothing', async () => {
    fillPortal();
    await mapPortal([['7', 'id-trainee1']]);
    const before = storeFileBytes(options.path);
    const pulled = await pullMonth(store, 'bitrix24', month, new Bitrix24(api.webhookUrl, FAST));
    expect(pulled).toEqual({ ok: false, issues: [{ code: 'unmappedUser', crmUserId: '9', name: 'Мария Волкова', deals: 3, leads: 12, invoices: 0 }], problems: [], rows: [] });
    expect(storeFileBytes(options.path).equals(before)).toBe(true);
    // Marked as not in Salesbook, their deals are left out.
    await mapPortal([['7', 'id-trainee1'], ['9', null]]);
    const pulledAgain = await pullMonth(store, 'bitrix24', month, new Bitrix24(api.webhookUrl, FAST));
    expect(pulledAgain.ok && pulledAgain.rows.map((r) => r.login)).toEqual(['trainee1']);
  });

  it('refuses a margin field the portal does not have, and asks nothing without one', async () => {
    fillPortal();
    await mapPortal();
    api.customFields = {};
    const before = storeFileBytes(options.path);
    expect(await pullMonth(store, 'bitrix24', month, new Bitrix24(api.webhookUrl, FAST))).toMatchObject({ ok: false, issues: [{ code: 'unknownField', kpi: 'margin', field: 'UF_CRM_MARGIN' }] });
    expect(storeFileBytes(options.path).equals(before)).toBe(true);
    await saveCrmFields(store, 'bitrix24', [], 'id-head');
    api.calls.length = 0;
    const unmapped = storeFileBytes(options.path);
    expect(await pullMonth(store, 'bitrix24', month, new Bitrix24(api.webhookUrl, FAST))).toMatchObject({ ok: false, issues: [{ code: 'noMarginField' }] });
    expect(api.calls).toEqual([]);
    expect(storeFileBytes(options.path).equals(unmapped)).toBe(true);
  });

  it('says what went wrong without the webhook’s key: refused, an error answer, too many requests, no answer in time, unreachable', async () => {
    fillPortal();
    const failures: CrmError[] = [];
    const failing = async (portal: Bitrix24) => {
      const error = await portal.users().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(CrmError);
      failures.push(error as CrmError);
    };
    await failing(new Bitrix24(api.webhookUrl.replace(TEST_WEBHOOK_KEY, `${TEST_WEBHOOK_KEY}x`), FAST));
    api.failNext = { status: 500, error: 'INTERNAL_SERVER_ERROR', description: `Internal server error at ${api.webhookUrl}` };
    await failing(new Bitrix24(api.webhookUrl, FAST));
    api.rateLimited = 3;
    await failing(new Bitrix24(api.webhookUrl, FAST));
    api.delayMs = 600;
    await failing(new Bitrix24(api.webhookUrl, { ...FAST, timeoutMs: 200 }));
    api.delayMs = 0;
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await failing(new Bitrix24(`http://127.0.0.1:${port}/rest/1/${TEST_WEBHOOK_KEY}/`, FAST));
    expect(failures.map((f) => [f.failure, f.message])).toEqual([
      ['refused', 'Bitrix24: refused the credentials (user.get, HTTP 401, INVALID_CREDENTIALS: Invalid request credentials)'],
      ['answer', 'Bitrix24: gave an answer Salesbook cannot use (user.get, HTTP 500, INTERNAL_SERVER_ERROR: Internal server error at ***)'],
      ['rateLimited', 'Bitrix24: kept answering that too many requests came (HTTP 503 after 3 tries)'],
      ['timeout', 'Bitrix24: did not answer in time (0.2 s)'],
      ['unreachable', 'Bitrix24: could not be reached (ECONNREFUSED)'],
    ]);
    expect(failures.map((f) => `${f.message} ${f.detail} ${f.stack}`).join('\n')).not.toContain(TEST_WEBHOOK_KEY);
  });
});

describe('the scheduled pull', () => {
  const schedule = { day: 3, time: '07:00' };
  /** Yekaterinburg's 07:00 on the 3rd of the month after `month`, plus `ms`: the clock is moved there. */
  const slot = (ms = 0) => {
    const at = new Date(Date.parse(`${nextMonth()}-03T02:00:00Z`) + ms);
    clock.setClock(at.getTime());
    return at;
  };

  it('pulls the month before once, on its day; a restart does not pull it again', async () => {
    fillPortal();
    await mapPortal();
    const portal = new Map([['bitrix24' as const, new Bitrix24(api.webhookUrl, FAST)]]);
    expect(await runScheduledPulls(store, portal, schedule, slot(-60_000))).toEqual([]);
    expect(api.calls).toEqual([]);
    expect(await runScheduledPulls(store, portal, schedule, slot(60_000))).toEqual([`Salesbook: ${month} pulled from bitrix24: 2 people's figures written (0 replaced).`]);
    const calls = api.calls.length;
    expect(await runScheduledPulls(store, portal, schedule, slot(120_000))).toEqual([]);
    await store.close();
    store = await openStore(options);
    expect(await runScheduledPulls(store, portal, schedule, slot(5 * 86_400_000))).toEqual([]);
    expect(api.calls.length).toBe(calls);
    expect(auditLines().filter((l) => l.action === 'kpi.pull')).toMatchObject([{ actor: 'system', details: { trigger: 'schedule', lines: 2 } }]);
  });

  it('a portal out of reach is noted and tried again an hour later; a refused month waits for a head', async () => {
    fillPortal();
    await mapPortal();
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const away = new Map([['bitrix24' as const, new Bitrix24(`http://127.0.0.1:${port}/rest/1/${TEST_WEBHOOK_KEY}/`, FAST)]]);
    const said = await runScheduledPulls(store, away, schedule, slot());
    expect(said).toEqual([`Salesbook: ${month} could not be pulled: Bitrix24: could not be reached (ECONNREFUSED). It is tried again in an hour.`]);
    expect(await runScheduledPulls(store, away, schedule, slot(30 * 60_000))).toEqual([]);
    expect(await store.read((d) => d.crmPulls.map((p) => [p.trigger, p.outcome, p.failure]))).toEqual([['schedule', 'failed', 'unreachable']]);

    // An hour later the portal answers, but someone sells whom nobody mapped: refused, noted, and left for a head.
    await saveCrmUserLinks(store, 'bitrix24', [{ crmUserId: '9', crmName: 'Мария Волкова', userId: undefined }], 'id-head');
    const portal = new Map([['bitrix24' as const, new Bitrix24(api.webhookUrl, FAST)]]);
    expect(await runScheduledPulls(store, portal, schedule, slot(61 * 60_000))).toEqual([`Salesbook: ${month} from bitrix24 was not written: 1 problem(s). A head sees them by pulling the month on the CRM page.`]);
    expect(await runScheduledPulls(store, portal, schedule, slot(3 * 3_600_000))).toEqual([]);
    expect(await store.read((d) => d.kpiRecords.filter((r) => r.month === month))).toEqual([]);
    expect(auditLines().map((l) => l.action)).toEqual(expect.arrayContaining(['kpi.pull.failed', 'kpi.pull.refused']));
    expect(readFileSync(join(options.path, '..', 'audit.jsonl'), 'utf8')).not.toContain(TEST_WEBHOOK_KEY);
  });
});
