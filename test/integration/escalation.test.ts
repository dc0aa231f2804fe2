// Late items reach the people who can act on them, over HTTP and across restarts: once the clock has
// moved past the due dates, each late item is reported to the person's mentor once, in the portal and
// in the mentor's digest; the heads read it in theirs; the document health page counts the readers past due; a restart reports nothing again.
// A document's owners are reminded of its coming review once per review date.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fixtureSite } from '../fixture-site';
import { TestSmtpServer } from '../smtp';
import { cleanUp, get, postAction, readStore, signIn, startServer, tempDataDir, TEST_CONTENT, type RunningServer } from './server';
import { addDays } from '../../src/domain/calendar';
import { zonedDay, zonedInstant } from '../../src/domain/digest-schedule';
import * as clock from '../../src/server/clock';

let smtp: TestSmtpServer;
let server: RunningServer;
let env: Record<string, string>;

beforeAll(async () => {
  smtp = await TestSmtpServer.start();
  env = { SALESBOOK_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, SALESBOOK_MAIL_FROM: 'Salesbook <salesbook@example.ru>', SALESBOOK_PUBLIC_URL: 'https://salesbook.example.ru' };
  server = await startServer({ demo: true, env });
});
afterAll(async () => {
  await cleanUp();
  await smtp.close();
});

type Stored = { users: { id: string; login: string; mentorId: string | null; appRole: string }[]; notifications: { userId: string; kind: string; traineeId?: string; itemKind?: string; itemId?: string; due?: string; docId?: string; reviewBy?: string }[]; escalations: { userId: string; itemKind: string; itemId: string; due: string }[]; escalationsCheckedOn: string | null };

it('reports each late item to the mentor once, and the digests of the mentor and the head list it', async () => {
  const mentor = await signIn(server.url, 'mentor1', 'demo');
  const head = await signIn(server.url, 'head', 'demo');
  expect((await postAction(server.url, 'saveDeliveryPrefs', { email: 'mentor1@example.ru', digest: 'daily', digestTime: '09:00', digestWeekday: '1' }, mentor)).status).toBe(200);
  expect((await postAction(server.url, 'saveDeliveryPrefs', { email: 'head@example.ru', digest: 'daily', digestTime: '09:00', digestWeekday: '1' }, head)).status).toBe(200);
  const before = readStore(server.dataDir) as Stored;
  expect(before.escalationsCheckedOn).toBe(zonedDay(server.clock.now().getTime(), 'UTC'));
  // The first check this data ever had took note of what was late already, and told nobody: a
  // backlog is for the digests' list of late people, not a flood of notifications.
  expect(before.escalations.length).toBeGreaterThan(0);
  expect(before.notifications.filter((n) => n.kind === 'overdue')).toEqual([]);
  // A new hire joins mentor1 today: what they leave undone becomes late from now on, and is reported.
  const mentorId = before.users.find((u) => u.login === 'mentor1')!.id;
  const hired = zonedDay(server.clock.now().getTime(), 'UTC');
  expect((await postAction(server.url, 'addPerson', { login: 'newhire', name: 'Ольга Новая', appRole: 'employee', position: 'trainee', mentorId, hired }, head)).status).toBe(200);

  // Two months on, whatever the demo's trainees left undone is late by far more than both periods.
  await server.stop();
  const later = addDays(zonedDay(server.clock.now().getTime(), fixtureSite.timeZone), 60);
  server.clock.set(new Date(zonedInstant(later, '15:00', fixtureSite.timeZone)));
  const sent = smtp.received.length;
  server = await startServer({ demo: true, data: server.dataDir, env });
  const mails = await smtp.waitFor(sent + 2);

  const data = readStore(server.dataDir) as Stored;
  const byLogin = new Map(data.users.map((u) => [u.login, u]));
  const mentor1 = byLogin.get('mentor1')!;
  const trainees = new Set(data.users.filter((u) => u.mentorId === mentor1.id).map((u) => u.id));
  const reports = data.notifications.filter((n) => n.kind === 'overdue');
  const mine = reports.filter((n) => n.userId === mentor1.id);
  expect(mine.length).toBeGreaterThan(0);
  expect(mine.every((n) => trainees.has(n.traineeId!))).toBe(true);
  // One report per reader, person and item; every one of them remembered as escalated.
  const keys = reports.map((n) => `${n.userId}/${n.traineeId}/${n.itemKind}/${n.itemId}/${n.due}`);
  expect(new Set(keys).size).toBe(keys.length);
  for (const n of reports) expect(data.escalations).toContainEqual(expect.objectContaining({ userId: n.traineeId, itemKind: n.itemKind, itemId: n.itemId, due: n.due }));

  // The mentor sees it in the portal, with a link to the person's page.
  const trainee = data.users.find((u) => u.id === mine[0]!.traineeId)!;
  const page = await (await get(server.url, '/notifications/', await signIn(server.url, 'mentor1', 'demo'))).text();
  expect(page).toMatch(/срок (подтвердить документ|пройти курс) «[^»]+» прошёл/);
  expect(page).toContain('/notifications/');

  const toMentor = mails.find((m) => m.to.includes('mentor1@example.ru'))!;
  expect(toMentor.parsed.text).toContain('Просрочено в моей команде');
  expect(toMentor.parsed.text).toContain(`https://salesbook.example.ru/team/${trainee.login}/`);
  const toHead = mails.find((m) => m.to.includes('head@example.ru'))!;
  expect(toHead.parsed.text).toContain('Просрочено в моей команде');
  // The head's list is the whole department's, the longest-late first; its lines link to the people.
  expect(toHead.parsed.text).toMatch(/Просрочено в моей команде\n- [^\n]+\n  https:\/\/salesbook\.example\.ru\/team\/[\w.-]+\//);

  // The document health page counts, per document, the readers past the day to confirm it.
  const late = new Set(reports.filter((n) => n.itemKind === 'doc').map((n) => n.itemId));
  const health = await (await get(server.url, '/admin/docs/', await signIn(server.url, 'head', 'demo'))).text();
  expect(late.size).toBeGreaterThan(0);
  for (const docId of late) expect(health).toMatch(new RegExp(`<tr data-doc="${docId}"[\\s\\S]*?data-testid="overdue-readers"[^>]*>\\s*<span[^>]*data-testid="overdue"[^>]*>просрочили: \\d+</span>`));

  // Restarted the same day, and again a day later: nothing is reported twice.
  await server.stop();
  server = await startServer({ demo: true, data: server.dataDir, env });
  await server.stop();
  server.clock.set(new Date(zonedInstant(addDays(later, 1), '15:00', fixtureSite.timeZone)));
  server = await startServer({ demo: true, data: server.dataDir, env });
  for (let tries = 0; tries < 50 && (readStore(server.dataDir) as Stored).escalationsCheckedOn !== addDays(later, 1); tries++) await new Promise((resolve) => setTimeout(resolve, 100));
  const after = readStore(server.dataDir) as Stored;
  expect(after.escalationsCheckedOn).toBe(addDays(later, 1));
  expect(after.notifications.filter((n) => n.kind === 'overdue')).toHaveLength(reports.length);
  expect(after.escalations).toHaveLength(data.escalations.length);
});

it('reminds the owners of a document of its coming review once, in the portal and by e-mail when they want it', async () => {
  // A copy of the content where one document owned by the head's position comes up for review in 20 days.
  const content = tempDataDir('salesbook-review-content-');
  cpSync(TEST_CONTENT, content, { recursive: true });
  const today = zonedDay(clock.now().getTime(), fixtureSite.timeZone);
  const reviewBy = addDays(today, 20);
  const file = join(content, 'docs', 'lead-handling.mdx');
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^reviewBy: .*$/m, `reviewBy: ${reviewBy}`));
  const owners = await startServer({ demo: true, env: { ...env, SALESBOOK_CONTENT: content } });
  try {
    type Reminders = Omit<Stored, 'notifications'> & { reviewReminders: { docId: string; reviewBy: string }[]; notifications: { kind: string; userId: string; docId?: string; reviewBy?: string }[] };
    // 20 days ahead is outside the 14 days' notice: nothing yet.
    const first = readStore(owners.dataDir) as Reminders;
    expect(first.reviewReminders.filter((r) => r.docId === 'lead-handling')).toEqual([]);

    // Ten days on, the review is 10 days away: the people of the owner position (the head) are told once.
    await owners.stop();
    owners.clock.set(new Date(zonedInstant(addDays(today, 10), '08:00', fixtureSite.timeZone)));
    const restarted = await startServer({ demo: true, data: owners.dataDir, env: { ...env, SALESBOOK_CONTENT: content } });
    let data = readStore(restarted.dataDir) as Reminders;
    for (let tries = 0; tries < 50 && !data.reviewReminders.some((r) => r.docId === 'lead-handling'); tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      data = readStore(restarted.dataDir) as Reminders;
    }
    const head = data.users.find((u) => u.login === 'head')!;
    const told = data.notifications.filter((n) => n.kind === 'doc-review' && n.docId === 'lead-handling');
    expect(told).toEqual([expect.objectContaining({ userId: head.id, reviewBy })]);
    const page = await (await get(restarted.url, '/notifications/', await signIn(restarted.url, 'head', 'demo'))).text();
    expect(page).toContain('Пересмотрите документ «Регламент обработки входящих заявок»: срок пересмотра —');
    // A trainee is not an owner and hears nothing of it.
    const trainee = data.users.find((u) => u.login === 'trainee1')!;
    expect(data.notifications.filter((n) => n.kind === 'doc-review' && n.userId === trainee.id)).toEqual([]);

    // The next day, after a restart: not again.
    await restarted.stop();
    restarted.clock.set(new Date(zonedInstant(addDays(today, 11), '08:00', fixtureSite.timeZone)));
    const again = await startServer({ demo: true, data: restarted.dataDir, env: { ...env, SALESBOOK_CONTENT: content } });
    for (let tries = 0; tries < 50 && (readStore(again.dataDir) as Stored).escalationsCheckedOn !== addDays(today, 11); tries++) await new Promise((resolve) => setTimeout(resolve, 100));
    const after = readStore(again.dataDir) as Reminders;
    expect(after.escalationsCheckedOn).toBe(addDays(today, 11));
    expect(after.notifications.filter((n) => n.kind === 'doc-review' && n.docId === 'lead-handling')).toHaveLength(1);
    await again.stop();
  } finally {
    await cleanUp();
  }
});
