// The portal with a Telegram bot set up (the Bot API a local stand-in), driven over HTTP: a person
// links their chat from their profile, a mentor's verdict reaches it, and the head sees who hears of
// notifications only in the portal.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TEST_BOT_TOKEN, TestBotApi } from '../telegram-api';
import { cleanUp, get, postAction, readStore, signIn, startServer, type RunningServer } from './server';
import { fixtureSite } from '../fixture-site';

let api: TestBotApi;
let server: RunningServer;

beforeAll(async () => {
  api = await TestBotApi.start();
  server = await startServer({
    demo: true,
    env: { SALESBOOK_TELEGRAM_BOT_TOKEN: TEST_BOT_TOKEN, SALESBOOK_TELEGRAM_API_URL: api.url, SALESBOOK_PUBLIC_URL: 'https://salesbook.example.ru' },
  });
});
afterAll(async () => {
  await cleanUp();
  await api.close();
});

it('a trainee links Telegram with a code from their profile; the mentor’s verdict goes there; the head sees who has nothing outside the portal', async () => {
  const trainee = await signIn(server.url, 'trainee1', 'demo');
  const page = await (await get(server.url, '/account/notifications', trainee)).text();
  expect(page).toContain('Подключить Telegram');
  // No e-mail without SMTP: only what is set up is offered.
  expect(page).not.toContain('Адрес электронной почты');

  const { status, body } = await postAction(server.url, 'telegramCode', {}, trainee);
  expect(status).toBe(200);
  api.say(4242, `/start ${body.code}`);
  const [reply] = await api.waitForSent(1);
  expect(reply).toEqual({ chat_id: '4242', text: expect.stringContaining(`Готово, Алексей Смирнов: уведомления Salesbook «${fixtureSite.company}» будут приходить сюда`) });
  expect(await (await get(server.url, '/account/notifications', trainee)).text()).toContain('Отключить Telegram');

  await postAction(server.url, 'requestSignoff', { checklistId: 'trainee-skills', itemId: 'crm-card', note: '' }, trainee);
  const mentor = await signIn(server.url, 'mentor1', 'demo');
  const people = readStore(server.dataDir).users as { id: string; login: string }[];
  const trainee1 = people.find((p) => p.login === 'trainee1')!;
  const verdict = await postAction(server.url, 'decideSignoff', { userId: trainee1.id, checklistId: 'trainee-skills', itemId: 'crm-card', verdict: 'needs-work', rating: '2', comment: 'Не указан источник сделки.' }, mentor);
  expect(verdict.status).toBe(200);
  const sent = await api.waitForSent(2);
  expect(sent[1]).toEqual({ chat_id: '4242', text: expect.stringMatching(/^Дмитрий Орлов: навык «Заполняет карточку сделки» нужно доработать\nhttps:\/\/salesbook\.example\.ru\/notifications\/[0-9a-f-]{36}$/) });

  const head = await signIn(server.url, 'head', 'demo');
  const overview = await (await get(server.url, '/admin/notifications', head)).text();
  const active = people.length;
  expect(overview).toContain(`Получают уведомления только в портале: ${active - 1}`);
  expect((await get(server.url, '/admin/notifications', mentor)).status).toBe(404);
  expect(server.output()).not.toContain(TEST_BOT_TOKEN);
});
