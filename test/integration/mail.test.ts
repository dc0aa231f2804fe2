// E-mail against a real SMTP server on 127.0.0.1: the immediate e-mail of a verdict, the digest, a
// refusing server tried again with backoff, and requests that never wait for a mail server.
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../temp';
import { TestSmtpServer } from '../smtp';
import { TEST_AUDIT_KEY, storedPerson, ONE_OBSERVATION } from '../store-files';
import * as clock from '../../src/server/clock';
import { mailSettings } from '../../src/server/config';
import { OutboxSender, smtpTransport } from '../../src/server/outbox-sender';
import { decideSignoff, requestSignoff } from '../../src/server/records/signoffs';
import { saveDeliveryPrefs } from '../../src/server/records/notifications';
import { queueMailIn } from '../../src/server/records/outbox';
import { retryDelayMs } from '../../src/domain/outbox';
import { emptyStore, type StoredUser } from '../../src/server/store/data';
import { openStore, type Store } from '../../src/server/store/store';
import { fixtureSite } from '../fixture-site';

const person = (id: string, name: string, appRole: StoredUser['appRole'], position: string, mentorId: string | null = null): StoredUser =>
  storedPerson(id, { id, name, appRole, position, mentorId, hired: '2026-01-12', createdAt: '2026-01-12T06:00:00.000Z' });

const PUBLIC_URL = 'https://salesbook.example.ru';
const item = { id: 'crm-card', docs: [] };
let smtp: TestSmtpServer;
let store: Store;
let mailer: OutboxSender;
const logged: string[] = [];

beforeAll(async () => {
  vi.stubEnv('SALESBOOK_CONTENT', 'test/fixtures/content');
  smtp = await TestSmtpServer.start();
});
afterAll(async () => {
  await smtp.close();
  vi.unstubAllEnvs();
});

beforeEach(async () => {
  smtp.received.length = 0;
  smtp.refuse = 0;
  logged.length = 0;
  vi.stubEnv('SALESBOOK_SMTP_URL', `smtp://salesbook:s3cret-pass@127.0.0.1:${smtp.port}`);
  vi.stubEnv('SALESBOOK_MAIL_FROM', 'Salesbook <salesbook@example.ru>');
  vi.stubEnv('SALESBOOK_PUBLIC_URL', `${PUBLIC_URL}/`);
  const dir = tempDir('salesbook-mail-');
  const seed = emptyStore();
  seed.users.push(
    person('head', 'Ирина Соколова', 'head', 'head-of-sales'),
    person('m1', 'Дмитрий Орлов', 'mentor', 'manager'),
    person('t1', 'Алексей Смирнов', 'employee', 'trainee', 'm1'),
    person('t2', 'Мария Волкова', 'employee', 'trainee', 'm1'),
  );
  store = await openStore({ path: join(dir, 'salesbook.json'), lockPath: join(dir, 'salesbook.json.lock'), backupsDir: join(dir, 'backups'), auditKey: TEST_AUDIT_KEY, seed: () => seed });
  const settings = mailSettings()!;
  mailer = new OutboxSender(store, { email: { transport: smtpTransport(settings), settings } }, { log: (line) => logged.push(line) });
});
afterEach(async () => {
  await mailer.stop();
  await store.close();
  clock.setClock(null);
  clock.setClock(process.env.SALESBOOK_CLOCK!);
});

const ask = (userId = 't1') => requestSignoff(store, { userId, checklistId: 'trainee-skills', itemId: item.id, note: '', currentVersions: new Map(), ...ONE_OBSERVATION });
const judge = (verdict: 'passed' | 'needs-work' = 'needs-work') =>
  decideSignoff(store, { actorId: 'm1', userId: 't1', checklistId: 'trainee-skills', item, ratingAsked: false, verdict, comment: 'Не указан источник сделки.', currentVersions: new Map(), ...ONE_OBSERVATION });
const outbox = () => store.read((data) => data.outbox);

describe('immediate e-mails', () => {
  it('a verdict on a skill reaches the trainee at once: their address, the sender, the verdict as subject, a link that opens it', async () => {
    await saveDeliveryPrefs(store, 't1', { email: 'alexey@example.ru' });
    await ask();
    await judge();
    const [queued] = (await outbox()).filter((m) => m.userId === 't1');
    expect(queued).toMatchObject({ kind: 'notification', attempts: 0, sentAt: null });
    await mailer.sendDue();
    const [mail] = await smtp.waitFor(1);
    expect(mail!.to).toEqual(['alexey@example.ru']);
    expect(mail!.from).toBe('salesbook@example.ru');
    expect(mail!.parsed.subject).toBe('Дмитрий Орлов: навык «Заполняет карточку сделки» нужно доработать');
    const notification = (await store.read((d) => d.notifications)).find((n) => n.userId === 't1')!;
    const link = `${PUBLIC_URL}/notifications/${notification.id}`;
    expect(mail!.parsed.text).toContain('Здравствуйте, Алексей Смирнов!');
    expect(mail!.parsed.text).toContain(link);
    expect(mail!.parsed.html).toContain(`<a href="${link}">Дмитрий Орлов: навык «Заполняет карточку сделки» нужно доработать</a>`);
    expect(mail!.parsed.html).toContain(`href="${PUBLIC_URL}/account/notifications"`);
    // Recorded as sent, with its subject; sending again sends nothing.
    expect((await outbox()).find((m) => m.id === queued!.id)).toMatchObject({ attempts: 1, sentAt: expect.any(String), subject: mail!.parsed.subject });
    await mailer.sendDue();
    expect(smtp.received).toHaveLength(1);
    // The mentor had no address: the request was told in the portal only.
    expect((await outbox()).filter((m) => m.userId === 'm1')).toEqual([]);
    // Signed in with the URL's user; the password never reaches the log.
    expect(smtp.logins).toEqual(['salesbook']);
    expect(logged.join('\n')).not.toContain('s3cret');
  });

  it('a request reaches the mentor who wants it; nobody who turned immediate e-mails off', async () => {
    await saveDeliveryPrefs(store, 'm1', { email: 'orlov@example.ru' });
    await saveDeliveryPrefs(store, 't1', { email: 'alexey@example.ru', immediateEmail: false });
    await ask();
    await judge();
    await mailer.sendDue();
    const [mail] = await smtp.waitFor(1);
    expect(mail!.to).toEqual(['orlov@example.ru']);
    expect(mail!.parsed.subject).toBe('Алексей Смирнов просит проверить навык «Заполняет карточку сделки»');
    expect((await outbox()).map((m) => m.userId)).toEqual(['m1']);
  });

  it('no e-mail is queued when e-mail is not set up', async () => {
    vi.stubEnv('SALESBOOK_SMTP_URL', '');
    await saveDeliveryPrefs(store, 't1', { email: 'alexey@example.ru' });
    await ask();
    await judge();
    expect(await outbox()).toEqual([]);
  });
});

describe('a refusing mail server', () => {
  it('is tried again after a wait that grows, logged each time, and the message goes once it accepts', async () => {
    await saveDeliveryPrefs(store, 't1', { email: 'alexey@example.ru' });
    await ask();
    smtp.refuse = 2;
    await judge();
    await mailer.sendDue();
    let [message] = await outbox();
    expect(message).toMatchObject({ attempts: 1, sentAt: null, gaveUpAt: null, lastError: expect.stringContaining('Mailbox busy') });
    expect(Date.parse(message!.nextAttemptAt) - clock.nowMs()).toBeGreaterThan(retryDelayMs(1) - 5_000);
    expect(logged).toEqual([expect.stringMatching(/^Salesbook: an e-mail \(notification\) to t1 could not be sent, try 1: .*Mailbox busy.*Tried again at /)]);

    // Not due yet: nothing is tried.
    await mailer.sendDue();
    expect(smtp.refused).toBe(1);

    clock.setClock(clock.nowMs() + retryDelayMs(1) + 1_000);
    await mailer.sendDue();
    [message] = await outbox();
    expect(message).toMatchObject({ attempts: 2, sentAt: null });
    expect(Date.parse(message!.nextAttemptAt) - clock.nowMs()).toBeGreaterThan(retryDelayMs(2) - 5_000);

    clock.setClock(clock.nowMs() + retryDelayMs(2) + 1_000);
    await mailer.sendDue();
    await smtp.waitFor(1);
    [message] = await outbox();
    expect(message).toMatchObject({ attempts: 3, sentAt: expect.any(String), lastError: null });
    expect(smtp.received).toHaveLength(1);
    expect(logged).toHaveLength(2);
    expect(logged.join('\n')).not.toContain('s3cret');
  });

  it('a server that never answers holds up no change: verdicts are recorded while a send hangs', async () => {
    const sockets: import('node:net').Socket[] = [];
    const silent: Server = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    vi.stubEnv('SALESBOOK_SMTP_URL', `smtp://127.0.0.1:${(silent.address() as { port: number }).port}`);
    const settings = mailSettings()!;
    const stuck = new OutboxSender(store, { email: { transport: smtpTransport(settings), settings } }, { log: (line) => logged.push(line) });
    await saveDeliveryPrefs(store, 't1', { email: 'alexey@example.ru' });
    await ask();
    await judge();
    const sending = stuck.sendDue();
    while (sockets.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    const started = Date.now();
    await ask();
    await judge('passed');
    expect(Date.now() - started).toBeLessThan(1_000);
    expect((await outbox()).filter((m) => m.sentAt === null)).toHaveLength(2);
    // The server hangs up: the send fails, is recorded to be tried again, and nothing was sent.
    for (const socket of sockets) socket.destroy();
    await sending;
    silent.close();
    expect((await outbox())[0]).toMatchObject({ attempts: 1, sentAt: null, gaveUpAt: null });
    expect(logged).toHaveLength(1);
  });
});

describe('the digest', () => {
  it('tells each person what waits for them, in their sections, with links into the portal; nothing waits, nothing is sent', async () => {
    await saveDeliveryPrefs(store, 't1', { email: 'alexey@example.ru', immediateEmail: false });
    await saveDeliveryPrefs(store, 'm1', { email: 'orlov@example.ru', immediateEmail: false });
    await saveDeliveryPrefs(store, 'head', { email: 'sokolova@example.ru', immediateEmail: false });
    await ask('t2');
    await ask('t1');
    await judge('needs-work');
    // The head's own documents: the fixture's statute was due for review on 2026-06-01.
    clock.setClock('2026-06-02T06:00:00Z');
    await store.mutate((data) => {
      for (const userId of ['t1', 'm1', 'head']) queueMailIn(data, { userId, kind: 'digest', slot: '2026-06-02T04:00:00.000Z' });
    });
    await mailer.sendDue();
    const mails = await smtp.waitFor(3);
    const byTo = new Map(mails.map((m) => [m.to[0], m.parsed]));
    expect([...byTo.keys()].sort()).toEqual(['alexey@example.ru', 'orlov@example.ru', 'sokolova@example.ru']);

    const trainee = byTo.get('alexey@example.ru')!;
    expect(trainee.subject).toBe(`${fixtureSite.company}: ждут вашего действия — 3`);
    expect(trainee.text).toContain('Оценки ваших навыков\n- Дмитрий Орлов: навык «Заполняет карточку сделки» нужно доработать');
    // In the order to read them, as My path lists them: the position's own regulation first.
    expect(trainee.text).toContain(
      `Документы, которые нужно прочитать и подтвердить\n- «Регламент обработки входящих заявок», версия 2.0\n  ${PUBLIC_URL}/docs/lead-handling/\n- «Положение о мотивации», версия 1.2\n  ${PUBLIC_URL}/docs/motivation-statute/`,
    );
    expect(trainee.text).not.toContain('Просьбы проверить навык');
    expect(trainee.html).toContain(`<a href="${PUBLIC_URL}/docs/lead-handling/">«Регламент обработки входящих заявок», версия 2.0</a>`);
    expect(trainee.html).toContain('<html lang="ru">');

    const mentor = byTo.get('orlov@example.ru')!;
    expect(mentor.text).toContain(`Просьбы проверить навык\n- Мария Волкова: «Заполняет карточку сделки»\n  ${PUBLIC_URL}/team/t2/skills/#item-trainee-skills-crm-card`);
    // Alexey's request was judged: it is no longer among the requests (he may be late elsewhere).
    const requests = (mentor.text ?? '').split('\n\n').find((block) => block.startsWith('Просьбы проверить навык'))!;
    expect(requests).not.toContain('Алексей Смирнов');
    expect(mentor.text).not.toContain('Оценки ваших навыков');

    const head = byTo.get('sokolova@example.ru')!;
    expect(head.text).toContain('Ваши документы, которые пора пересмотреть\n- «Положение о мотивации»: пересмотреть до 1 июня 2026 г.');
    expect(head.text).not.toContain('«Регламент обработки входящих заявок»: пересмотреть');

    // Someone with nothing waiting gets nothing, and the digest is recorded as dropped, not sent.
    await saveDeliveryPrefs(store, 't2', { email: 'maria@example.ru' });
    await store.mutate((data) => {
      data.acknowledgements.push(
        { id: 'a1', userId: 't2', docId: 'lead-handling', version: '2.0', contentHash: null, at: clock.now().toISOString() },
        { id: 'a2', userId: 't2', docId: 'motivation-statute', version: '1.2', contentHash: null, at: clock.now().toISOString() },
      );
      queueMailIn(data, { userId: 't2', kind: 'digest', slot: '2026-06-02T04:00:00.000Z' });
    });
    await mailer.sendDue();
    expect(smtp.received).toHaveLength(3);
    expect((await outbox()).find((m) => m.userId === 't2')).toMatchObject({ sentAt: null, gaveUpAt: expect.any(String), lastError: 'nothing is left to tell' });
  });

  it('tells the heads of a mentor with more trainees than the fixture’s limit of two, while it lasts; never the mentor', async () => {
    await saveDeliveryPrefs(store, 'head', { email: 'sokolova@example.ru', immediateEmail: false });
    await saveDeliveryPrefs(store, 'm1', { email: 'orlov@example.ru', immediateEmail: false });
    await store.mutate((data) => {
      data.users.push(person('t3', 'Никита Павлов', 'employee', 'trainee', 'm1'));
      for (const userId of ['head', 'm1']) queueMailIn(data, { userId, kind: 'digest', slot: '2026-06-02T04:00:00.000Z' });
    });
    await mailer.sendDue();
    const mails = await smtp.waitFor(2);
    const byTo = new Map(mails.map((m) => [m.to[0], m.parsed]));
    expect(byTo.get('sokolova@example.ru')!.text).toContain(`Наставники сверх нормы: не больше 2 стажёров на наставника\n- Дмитрий Орлов: стажёров 3\n  ${PUBLIC_URL}/team/?mentor=m1`);
    expect(byTo.get('orlov@example.ru')!.text).not.toContain('Наставники сверх нормы');

    // Back within the limit, the heads read no more of it.
    await store.mutate((data) => {
      const index = data.users.findIndex((u) => u.id === 't3');
      data.users[index] = { ...data.users[index]!, disabled: true };
      queueMailIn(data, { userId: 'head', kind: 'digest', slot: '2026-06-03T04:00:00.000Z' });
    });
    await mailer.sendDue();
    const [later] = (await smtp.waitFor(3)).slice(2);
    expect(later!.parsed.text).not.toContain('Наставники сверх нормы');
  });
});
