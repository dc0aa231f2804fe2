// The portal with e-mail set up, driven over HTTP: a person gives their address, a mentor's verdict
// reaches their inbox on a real SMTP server, and the settings refuse what cannot work.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fixtureSite } from '../fixture-site';
import { TestSmtpServer } from '../smtp';
import { cleanUp, get, postAction, readStore, signIn, startExpectingFailure, startServer, type RunningServer } from './server';
import { addDays } from '../../src/domain/calendar';
import { zonedDay, zonedInstant } from '../../src/domain/digest-schedule';

let smtp: TestSmtpServer;
let server: RunningServer;

beforeAll(async () => {
  smtp = await TestSmtpServer.start();
  server = await startServer({
    demo: true,
    env: {
      SALESBOOK_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      SALESBOOK_MAIL_FROM: 'Salesbook <salesbook@example.ru>',
      SALESBOOK_PUBLIC_URL: 'https://salesbook.example.ru',
    },
  });
});
afterAll(async () => {
  await cleanUp();
  await smtp.close();
});

it('a trainee gives an address; the mentor’s “needs work” reaches it, with a link into the portal', async () => {
  const trainee = await signIn(server.url, 'trainee2', 'demo');
  const page = await (await get(server.url, '/account/notifications', trainee)).text();
  expect(page).toContain('Чтобы письма приходили, укажите адрес электронной почты.');
  expect(await (await get(server.url, '/', trainee)).text()).toContain('href="/account/notifications"');

  const refused = await postAction(server.url, 'saveDeliveryPrefs', { email: 'maria at example', immediateEmail: 'on' }, trainee);
  expect(refused.status).toBe(400);
  expect(refused.body.message).toBe('Это не похоже на адрес электронной почты. Проверьте его, например: ivanova@example.ru.');
  expect(readStore(server.dataDir).deliveryPrefs).toEqual([]);

  const saved = await postAction(server.url, 'saveDeliveryPrefs', { email: 'maria@example.ru', immediateEmail: 'on' }, trainee);
  expect(saved.status).toBe(200);
  expect(saved.body).toEqual({ email: 'maria@example.ru', immediateEmail: true, digest: 'daily', digestTime: '09:00', digestWeekday: 1, telegram: false });
  const badTime = await postAction(server.url, 'saveDeliveryPrefs', { email: 'maria@example.ru', digest: 'weekly', digestTime: '9 утра', digestWeekday: '5' }, trainee);
  expect(badTime.status).toBe(400);
  expect(badTime.body.message).toBe('Время пишется часами и минутами, например 09:00.');
  expect(readStore(server.dataDir).deliveryPrefs).toEqual([expect.objectContaining({ digest: 'daily', digestTime: '09:00' })]);

  await postAction(server.url, 'requestSignoff', { checklistId: 'trainee-skills', itemId: 'crm-card', note: '' }, trainee);
  const mentor = await signIn(server.url, 'mentor1', 'demo');
  const people = readStore(server.dataDir).users as { id: string; login: string }[];
  const verdict = await postAction(
    server.url,
    'decideSignoff',
    { userId: people.find((p) => p.login === 'trainee2')!.id, checklistId: 'trainee-skills', itemId: 'crm-card', verdict: 'needs-work', rating: '2', comment: 'Не указан источник сделки.' },
    mentor,
  );
  expect(verdict.status).toBe(200);

  const [mail] = await smtp.waitFor(1);
  expect(mail!.to).toEqual(['maria@example.ru']);
  expect(mail!.parsed.subject).toBe('Дмитрий Орлов: навык «Заполняет карточку сделки» нужно доработать');
  expect(mail!.parsed.text).toMatch(/https:\/\/salesbook\.example\.ru\/notifications\/[0-9a-f-]{36}/);
  // Recorded as sent once the server accepted it.
  for (let tries = 0; tries < 50 && readStore(server.dataDir).outbox[0]?.sentAt === null; tries++) await new Promise((resolve) => setTimeout(resolve, 100));
  expect(readStore(server.dataDir).outbox).toEqual([expect.objectContaining({ kind: 'notification', sentAt: expect.any(String), subject: mail!.parsed.subject })]);
});

it('the digests missed while the portal was down come once, when it is back, and never again', async () => {
  const env = { SALESBOOK_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, SALESBOOK_MAIL_FROM: 'Salesbook <salesbook@example.ru>', SALESBOOK_PUBLIC_URL: 'https://salesbook.example.ru' };
  // trainee2 chose a daily digest at 09:00 (in the fixture site's time zone) in the test above.
  const before = smtp.received.length;
  await server.stop();
  const later = addDays(zonedDay(server.clock.now().getTime(), fixtureSite.timeZone), 2);
  server.clock.set(new Date(zonedInstant(later, '15:00', fixtureSite.timeZone)));
  server = await startServer({ demo: true, data: server.dataDir, env });
  const mails = await smtp.waitFor(before + 1);
  const digest = mails.at(-1)!;
  expect(digest.to).toEqual(['maria@example.ru']);
  // The demo's trainee2 has confirmed their documents: the verdict she has not opened is what waits.
  expect(digest.parsed.subject).toBe(`${fixtureSite.company}: ждут вашего действия — 1`);
  expect(digest.parsed.text).toContain('Оценки ваших навыков\n- Дмитрий Орлов: навык «Заполняет карточку сделки» нужно доработать');
  expect(digest.parsed.html).toContain('<a href="https://salesbook.example.ru/notifications/');
  const slot = new Date(zonedInstant(later, '09:00', fixtureSite.timeZone)).toISOString();
  const trainee2 = (readStore(server.dataDir).users as { id: string; login: string }[]).find((p) => p.login === 'trainee2')!;
  expect(readStore(server.dataDir).digestSlots).toEqual({ [trainee2.id]: slot });

  // Restarted at once: nothing more.
  await server.stop();
  server = await startServer({ demo: true, data: server.dataDir, env });
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  expect(smtp.received).toHaveLength(before + 1);
});

it('without e-mail set up, the settings link is not offered and saving is refused', async () => {
  const plain = await startServer({ demo: true });
  const cookie = await signIn(plain.url, 'trainee1', 'demo');
  expect(await (await get(plain.url, '/', cookie)).text()).not.toContain('href="/account/notifications"');
  expect(await (await get(plain.url, '/account/notifications', cookie)).text()).toContain('Почта и Telegram в этом Salesbook не настроены');
  const refused = await postAction(plain.url, 'saveDeliveryPrefs', { email: 'alexey@example.ru' }, cookie);
  expect(refused.status).toBe(404);
  await plain.stop();
});

it('e-mail settings that cannot work stop the start, naming the variable and never the SMTP password', async () => {
  const noFrom = await startExpectingFailure({ env: { SALESBOOK_SMTP_URL: 'smtp://user:s3cret@127.0.0.1:25', SALESBOOK_PUBLIC_URL: 'https://salesbook.example.ru' } });
  expect(noFrom.output).toContain('SALESBOOK_MAIL_FROM must be the sender');
  expect(noFrom.output).not.toContain('s3cret');
  const badUrl = await startExpectingFailure({ env: { SALESBOOK_SMTP_URL: 'mail.example.ru:s3cret', SALESBOOK_MAIL_FROM: 'salesbook@example.ru', SALESBOOK_PUBLIC_URL: 'https://x.ru' } });
  expect(badUrl.output).toContain('SALESBOOK_SMTP_URL must be an address such as smtp://');
  expect(badUrl.output).not.toContain('s3cret');
  const noLinks = await startExpectingFailure({ env: { SALESBOOK_SMTP_URL: 'smtp://127.0.0.1:25', SALESBOOK_MAIL_FROM: 'salesbook@example.ru' } });
  expect(noLinks.output).toContain('SALESBOOK_PUBLIC_URL must be the portal');
});
