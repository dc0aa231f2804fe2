// Pay statements over real HTTP against the built server with the demo people on the fixture content:
// mentor1 and mentor2 are managers, whose position has the fixture's bonus scheme; the trainees' has none.
// The demo's sales figures cover the last twelve months, with every figure the scheme uses.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthOf } from '../clock';
import { get, postAction, readStore, signIn, startServer, stopAllServers, storedBytes, type RunningServer } from './server';

let server: RunningServer;
const cookies: Record<string, string> = {};
const cookie = (login: string) => cookies[login]!;
let lastMonth: string;
let earlier: string;
const auditLines = () => readFileSync(join(server.dataDir, 'audit.jsonl'), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
const idOf = (login: string): string => readStore(server.dataDir).users.find((u: { login: string }) => u.login === login).id;
const page = async (path: string, login: string) => {
  const response = await get(server.url, path, cookie(login));
  return { status: response.status, text: await response.text() };
};
/** The digest the month's "approve" form carries, as the head's page shows it. */
const monthFingerprint = async (month: string) => /name="fingerprint" value="([0-9a-f]+)"/.exec((await page(`/admin/pay/${month}/`, 'head')).text)![1]!;

beforeAll(async () => {
  server = await startServer({ demo: true });
  for (const login of ['head', 'mentor1', 'mentor2', 'trainee1']) cookies[login] = await signIn(server.url, login, 'demo');
  lastMonth = monthOf(server.clock.now(), -1);
  earlier = monthOf(server.clock.now(), -2);
});
afterAll(stopAllServers);

describe('who reads a pay statement', () => {
  it('the person themself and heads; anyone else gets the 404 of a page that does not exist', async () => {
    const path = `/team/mentor1/pay/${lastMonth}/`;
    expect((await page(path, 'mentor1')).status).toBe(200);
    expect((await page(path, 'head')).status).toBe(200);
    for (const login of ['mentor2', 'trainee1']) {
      const missing = await page(`/team/nobody/pay/${lastMonth}/`, login);
      const other = await page(path, login);
      expect(other.status, login).toBe(404);
      expect(other.text).toBe(missing.text);
      expect(other.text).not.toContain('К начислению');
      expect((await page('/team/mentor1/pay/', login)).status, login).toBe(404);
    }
    // Their own statement says what it is computed from, line by line.
    const own = (await page(path, 'mentor1')).text;
    expect(own).toContain('Предварительный расчёт');
    expect(own).toContain('Как посчитан доход');
    expect(own).toContain('Дебиторка, оплаченная в срок');
    expect(own).toMatch(/href="\/docs\/motivation-statute\/\?scheme=manager-scheme&amp;plan=\d+[^"]*#calculator"/);
    // The month's review and export are the heads'.
    for (const login of ['mentor1', 'trainee1']) {
      expect((await page(`/admin/pay/${lastMonth}/`, login)).status).toBe(404);
      expect((await page(`/admin/pay/${lastMonth}/payroll.csv`, login)).status).toBe(404);
    }
  });
});

describe('approving a month', () => {
  it('only heads approve: anyone else is refused and nothing is written', async () => {
    const fingerprint = await monthFingerprint(lastMonth);
    const before = storedBytes(server.dataDir);
    const audit = auditLines().length;
    for (const login of ['mentor1', 'trainee1']) {
      const response = await postAction(server.url, 'approvePay', { month: lastMonth, fingerprint }, cookie(login));
      expect(response.status, login).toBe(403);
      const own = await postAction(server.url, 'approvePay', { month: lastMonth, userId: idOf('mentor1'), fingerprint }, cookie(login));
      expect(own.status, login).toBe(403);
    }
    expect(storedBytes(server.dataDir).equals(before)).toBe(true);
    expect(auditLines()).toHaveLength(audit);
  });

  it('a head approves the month once: approving again is refused and writes nothing', async () => {
    const approved = await postAction(server.url, 'approvePay', { month: lastMonth, fingerprint: await monthFingerprint(lastMonth) }, cookie('head'));
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ month: lastMonth, approved: 2 });
    const stored = readStore(server.dataDir).payStatements;
    expect(stored.map((s: { userId: string; revision: number }) => [s.userId, s.revision]).sort()).toEqual([[idOf('mentor1'), 1], [idOf('mentor2'), 1]].sort());
    expect(auditLines().filter((e) => e.action === 'pay.approve').map((e) => [e.actor, e.details.month])).toEqual([
      [idOf('head'), lastMonth],
      [idOf('head'), lastMonth],
    ]);

    const before = storedBytes(server.dataDir);
    const again = await postAction(server.url, 'approvePay', { month: lastMonth, fingerprint: await monthFingerprint(lastMonth) }, cookie('head'));
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('Расчёт уже утверждён: повторно его не утвердить');
    const one = await postAction(server.url, 'approvePay', { month: lastMonth, userId: idOf('mentor1'), fingerprint: 'x' }, cookie('head'));
    expect(one.status).toBe(409);
    expect(one.body.message).toContain('Расчёт уже утверждён');
    expect(storedBytes(server.dataDir).equals(before)).toBe(true);

    // The person reads it as approved, and the payroll file holds both, as 1C reads it.
    expect((await page(`/team/mentor1/pay/${lastMonth}/`, 'mentor1')).text).toContain('Утвердил(а) Ирина Соколова');
    const csv = await get(server.url, `/admin/pay/${lastMonth}/payroll.csv`, cookie('head'));
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('"Сотрудник";"Логин";"Должность";"Период";"Оклад";"Премия";"Корректировка";"Итого к начислению";"Редакция";"Утверждено"');
    expect(lines.slice(1).map((l) => l.split(';').slice(0, 5))).toEqual([
      ['"Дмитрий Орлов"', '"mentor1"', '"Менеджер по продажам"', `"01.${lastMonth.slice(5)}.${lastMonth.slice(0, 4)}"`, '50000,00'],
      ['"Елена Кузнецова"', '"mentor2"', '"Менеджер по продажам"', `"01.${lastMonth.slice(5)}.${lastMonth.slice(0, 4)}"`, '50000,00'],
    ]);
    expect(auditLines().at(-1)).toMatchObject({ actor: idOf('head'), action: 'pay.export', subject: `month:${lastMonth}`, details: { people: 2 } });
  });
});

describe('a manual adjustment', () => {
  it('without a reason, or not an amount, is refused and writes nothing; with one it is recorded and audited', async () => {
    const before = storedBytes(server.dataDir);
    const audit = auditLines().length;
    const userId = idOf('mentor2');
    const noReason = await postAction(server.url, 'addPayAdjustment', { userId, month: earlier, amount: '5000', reason: '   ' }, cookie('head'));
    expect(noReason.status).toBe(400);
    expect(noReason.body.message).toBe('Укажите причину: без неё корректировку и исправление не записать.');
    const missing = await postAction(server.url, 'addPayAdjustment', { userId, month: earlier, amount: '5000' }, cookie('head'));
    expect(missing.status).toBe(400);
    const notAmount = await postAction(server.url, 'addPayAdjustment', { userId, month: earlier, amount: 'пять тысяч', reason: 'Премия за тендер' }, cookie('head'));
    expect(notAmount.status).toBe(400);
    expect(notAmount.body.message).toContain('Сумма корректировки — число рублей');
    const byMentor = await postAction(server.url, 'addPayAdjustment', { userId, month: earlier, amount: '5000', reason: 'Премия за тендер' }, cookie('mentor1'));
    expect(byMentor.status).toBe(403);
    // An approved month takes a correction, not an adjustment.
    const approved = await postAction(server.url, 'addPayAdjustment', { userId, month: lastMonth, amount: '5000', reason: 'Премия за тендер' }, cookie('head'));
    expect(approved.status).toBe(409);
    expect(storedBytes(server.dataDir).equals(before)).toBe(true);
    expect(auditLines()).toHaveLength(audit);

    const made = await postAction(server.url, 'addPayAdjustment', { userId, month: earlier, amount: '−2 500,50', reason: 'Удержание за ноутбук' }, cookie('head'));
    expect(made.status).toBe(200);
    expect(readStore(server.dataDir).payAdjustments).toEqual([expect.objectContaining({ userId, month: earlier, amount: -2500.5, reason: 'Удержание за ноутбук', by: idOf('head') })]);
    expect(auditLines().at(-1)).toMatchObject({ actor: idOf('head'), action: 'pay.adjust', subject: `user:${userId}`, details: { month: earlier, amount: -2500.5 } });
    expect((await page(`/team/mentor2/pay/${earlier}/`, 'mentor2')).text).toContain('Удержание за ноутбук');
  });
});
