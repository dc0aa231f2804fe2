// The portal with Bitrix24 set up (its REST API a local stand-in), driven over HTTP: a head maps the
// CRM's users and the margin field, pulls a month and applies it; a refused month writes nothing; only
// heads reach any of it; and the webhook's key is in no page, answer or line the server prints.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TEST_WEBHOOK_KEY, TestBitrix24 } from '../bitrix24-api';
import { fixtureSite } from '../fixture-site';
import { monthSpan, previousMonth } from '../../src/domain/crm';
import * as clock from '../../src/server/clock';
import { cleanUp, get, postAction, postForm, readStore, signIn, startServer, storedBytes, type RunningServer } from './server';

let api: TestBitrix24;
let server: RunningServer;
let head: string;
let month: string;
/** Every page and answer the server sent, to look for the key in at the end. */
const sent: string[] = [];

const people = () => readStore(server.dataDir).users as { id: string; login: string }[];
const idOf = (login: string) => people().find((p) => p.login === login)!.id;
const page = async (path: string, cookie = head) => {
  const response = await get(server.url, path, cookie);
  const html = await response.text();
  sent.push(html);
  return { status: response.status, html };
};
const form = async (action: string, fields: Record<string, string>, cookie = head) => {
  const response = await postForm(server.url, `/admin/kpi/crm?crm=bitrix24&_action=${action}`, fields, cookie);
  const html = await response.text();
  sent.push(html);
  return { status: response.status, html };
};
/** A page's text without its tags, as a person reads it. */
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

beforeAll(async () => {
  api = await TestBitrix24.start();
  server = await startServer({ demo: true, env: { SALESBOOK_BITRIX24_WEBHOOK_URL: api.webhookUrl } });
  head = await signIn(server.url, 'head', 'demo');
  month = previousMonth(clock.nowMs(), fixtureSite.timeZone);
});
afterAll(async () => {
  await cleanUp();
  await api.close();
});
beforeEach(() => {
  const on = (day: number) => new Date(monthSpan(month, fixtureSite.timeZone).from + (day - 1) * 86_400_000 + 12 * 3_600_000).toISOString();
  api.reset();
  api.users = [
    { ID: '1', NAME: 'Ирина', LAST_NAME: 'Соколова', ACTIVE: true },
    { ID: '7', NAME: 'Алексей', LAST_NAME: 'Смирнов', ACTIVE: true },
    { ID: '9', NAME: 'Мария', LAST_NAME: 'Волкова', ACTIVE: true },
  ];
  api.customFields = { UF_CRM_MARGIN: { type: 'money', title: 'Маржа' } };
  api.deals = [
    { ID: '11', ASSIGNED_BY_ID: '7', OPPORTUNITY: '500000.00', CURRENCY_ID: 'RUB', STAGE_SEMANTIC_ID: 'S', CLOSEDATE: on(10), UF_CRM_MARGIN: '120000|RUB' },
    { ID: '12', ASSIGNED_BY_ID: '9', OPPORTUNITY: '300000.00', CURRENCY_ID: 'RUB', STAGE_SEMANTIC_ID: 'S', CLOSEDATE: on(12), UF_CRM_MARGIN: '72000|RUB' },
  ];
  api.leads = [
    ...Array.from({ length: 4 }, (_, i) => ({ ID: String(100 + i), ASSIGNED_BY_ID: '7', STATUS_SEMANTIC_ID: 'P', DATE_CREATE: on(3) })),
    ...Array.from({ length: 3 }, (_, i) => ({ ID: String(200 + i), ASSIGNED_BY_ID: '9', STATUS_SEMANTIC_ID: 'P', DATE_CREATE: on(4) })),
  ];
});

describe('Bitrix24 in the portal', () => {
  it('a head maps the users and the margin field, pulls a month, sees it, and applies it', async () => {
    const first = await page('/admin/kpi/crm');
    expect(first.status).toBe(200);
    // The CRM's users, each offered by name; a namesake in Salesbook is suggested, not saved.
    expect(text(first.html)).toContain('Алексей Смирнов id 7');
    expect(first.html).toContain('предложено по имени');
    expect(readStore(server.dataDir).crmUserLinks).toEqual([]);

    const before = storedBytes(server.dataDir);
    const refused = await form('pullCrmMonth', { crm: 'bitrix24', month });
    expect(refused.status).toBe(200);
    expect(text(refused.html)).toContain(`Битрикс24, ${month}: месяц не загружен, ничего не записано.`);
    expect(text(refused.html)).toContain('не указано поле с маржой сделки');
    expect(storedBytes(server.dataDir).equals(before)).toBe(true);

    const fields = await form('saveCrmFields', { crm: 'bitrix24', margin: 'UF_CRM_MARGIN' });
    expect(text(fields.html)).toContain('Поля сохранены.');
    const unmapped = await form('pullCrmMonth', { crm: 'bitrix24', month });
    expect(text(unmapped.html)).toContain('пользователь CRM «Алексей Смирнов» (id 7) не сопоставлен с сотрудником, а за месяц у него сделок: 1, лидов: 4, счетов: 0.');

    const mapping = await postAction(server.url, 'saveCrmUsers', { crm: 'bitrix24', crmUserId: ['1', '7', '9'], crmName: ['Ирина Соколова', 'Алексей Смирнов', 'Мария Волкова'], person: ['-', idOf('trainee1'), idOf('trainee2')] }, head);
    expect(mapping).toEqual({ status: 200, body: { crm: 'bitrix24', linked: 2, skipped: 1 } });

    const preview = await form('pullCrmMonth', { crm: 'bitrix24', month });
    expect(text(preview.html)).toContain(`Битрикс24, ${month}: ошибок нет. Сотрудников: 2. Проверьте и примените.`);
    expect(text(preview.html)).toMatch(new RegExp(`1 trainee1 ${month} 500 000 120 000 1 4`));
    expect(readStore(server.dataDir).kpiRecords.filter((r: { month: string; source: string }) => r.source === 'bitrix24')).toEqual([]);

    const applied = await postForm(server.url, '/admin/kpi/crm?crm=bitrix24&_action=applyCrmPull', {}, head);
    const appliedHtml = await applied.text();
    sent.push(appliedHtml);
    expect(text(appliedHtml)).toContain('Записано сотрудников: 2.');
    const records = readStore(server.dataDir).kpiRecords.filter((r: { month: string }) => r.month === month);
    expect(records.map((r: { userId: string; source: string; revenue: number; margin: number }) => [r.userId, r.source, r.revenue, r.margin])).toEqual(
      expect.arrayContaining([
        [idOf('trainee1'), 'bitrix24', 500_000, 120_000],
        [idOf('trainee2'), 'bitrix24', 300_000, 72_000],
      ]),
    );
    expect(text(appliedHtml)).toMatch(new RegExp(`${month} .* вручную записано сотрудников: 2`));
    // Applied once: nothing waits to be applied again.
    expect((await postAction(server.url, 'applyCrmPull', {}, head)).status).toBe(400);
  });

  it('says what went wrong when Bitrix24 fails, without the webhook, and writes nothing', async () => {
    const before = storedBytes(server.dataDir);
    api.failNext = { status: 500, error: 'INTERNAL_SERVER_ERROR', description: `Internal error at ${api.webhookUrl}` };
    const failed = await form('pullCrmMonth', { crm: 'bitrix24', month });
    expect(text(failed.html)).toContain('Битрикс24 ответила не так, как ожидалось');
    api.failNext = { status: 401, error: 'INVALID_CREDENTIALS', description: 'Invalid request credentials' };
    const refused = await form('pullCrmMonth', { crm: 'bitrix24', month });
    expect(refused.status).toBe(502);
    expect(text(refused.html)).toContain('Битрикс24 не принял вебхук (user.get, HTTP 401, INVALID_CREDENTIALS: Invalid request credentials).');
    expect(storedBytes(server.dataDir).equals(before)).toBe(true);
    const future = await postAction(server.url, 'pullCrmMonth', { crm: 'bitrix24', month: '2999-01' }, head);
    expect(future).toMatchObject({ status: 400, body: { message: 'Выберите месяц, который уже наступил.' } });
    // amoCRM is not set up here.
    expect(await postAction(server.url, 'pullCrmMonth', { crm: 'amocrm', month }, head)).toMatchObject({ status: 404 });
  });

  it('a bad field or person is refused with a message and saves nothing', async () => {
    const before = storedBytes(server.dataDir);
    expect(await postAction(server.url, 'saveCrmFields', { crm: 'bitrix24', margin: 'MARGIN' }, head)).toMatchObject({ status: 400, body: { message: 'Укажите поле с маржой сделки, например UF_CRM_1700000000.' } });
    expect(await postAction(server.url, 'saveCrmUsers', { crm: 'bitrix24', crmUserId: ['7'], crmName: ['Алексей Смирнов'], person: ['no-such-id'] }, head)).toMatchObject({
      status: 400,
      body: { message: 'Такого сотрудника нет. Обновите страницу и выберите снова.' },
    });
    expect(storedBytes(server.dataDir).equals(before)).toBe(true);
  });

  it('only heads reach the page and its actions', async () => {
    const trainee = await signIn(server.url, 'trainee1', 'demo');
    const mentor = await signIn(server.url, 'mentor1', 'demo');
    for (const cookie of [trainee, mentor]) {
      expect((await page('/admin/kpi/crm', cookie)).status).toBe(404);
      const tries: [string, Record<string, string | string[]>][] = [
        ['pullCrmMonth', { crm: 'bitrix24', month }],
        ['applyCrmPull', {}],
        ['saveCrmUsers', { crm: 'bitrix24', crmUserId: ['7'], crmName: ['x'], person: ['-'] }],
        ['saveCrmFields', { crm: 'bitrix24', margin: 'UF_CRM_MARGIN' }],
      ];
      for (const [name, fields] of tries) {
        expect((await postAction(server.url, name, fields, cookie)).status, name).toBe(403);
      }
    }
    expect(readStore(server.dataDir).crmUserLinks.every((l: { crmName: string }) => l.crmName !== 'x')).toBe(true);
  });

  it('the webhook’s key is in no page, answer or log line', () => {
    expect(sent.length).toBeGreaterThan(5);
    for (const html of sent) expect(html).not.toContain(TEST_WEBHOOK_KEY);
    expect(server.output()).not.toContain(TEST_WEBHOOK_KEY);
  });
});
