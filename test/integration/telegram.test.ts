// Telegram against a local stand-in for the Bot API: linking a chat with a one-time code, the same
// notifications sent there, a failing Bot API tried again, and no token in any log.
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../temp';
import { TEST_BOT_TOKEN, TestBotApi } from '../telegram-api';
import { TEST_AUDIT_KEY, storedPerson, ONE_OBSERVATION } from '../store-files';
import * as clock from '../../src/server/clock';
import { telegramSettings } from '../../src/server/config';
import { retryDelayMs } from '../../src/domain/outbox';
import { OutboxSender } from '../../src/server/outbox-sender';
import { TelegramBot } from '../../src/server/telegram/bot';
import { TelegramLinker } from '../../src/server/telegram/linking';
import { CODE_TTL_MS, codeInMessage, newLinkCode, unlinkTelegram } from '../../src/server/records/telegram';
import { saveDeliveryPrefs } from '../../src/server/records/notifications';
import { decideSignoff, requestSignoff } from '../../src/server/records/signoffs';
import { announceDocVersions } from '../../src/server/records/notifications';
import { emptyStore, type StoredUser } from '../../src/server/store/data';
import { openStore, type Store } from '../../src/server/store/store';
import { fixtureSite } from '../fixture-site';

const person = (id: string, name: string, appRole: StoredUser['appRole'], mentorId: string | null = null): StoredUser =>
  storedPerson(id, { id, name, appRole, position: appRole === 'employee' ? 'trainee' : 'manager', mentorId, hired: '2026-01-12', createdAt: '2026-01-12T06:00:00.000Z' });

const item = { id: 'crm-card', docs: [] };
let api: TestBotApi;
let store: Store;
let linker: TelegramLinker;
let sender: OutboxSender;
const logged: string[] = [];

beforeAll(async () => {
  vi.stubEnv('SALESBOOK_CONTENT', 'test/fixtures/content');
  api = await TestBotApi.start();
});
afterAll(async () => {
  await api.close();
  vi.unstubAllEnvs();
});
beforeEach(async () => {
  api.reset();
  logged.length = 0;
  vi.stubEnv('SALESBOOK_TELEGRAM_BOT_TOKEN', TEST_BOT_TOKEN);
  vi.stubEnv('SALESBOOK_TELEGRAM_API_URL', api.url);
  vi.stubEnv('SALESBOOK_PUBLIC_URL', 'https://salesbook.example.ru');
  const dir = tempDir('salesbook-telegram-');
  const seed = emptyStore();
  seed.users.push(person('m1', 'Дмитрий Орлов', 'mentor'), person('t1', 'Алексей Смирнов', 'employee', 'm1'), person('t2', 'Мария Волкова', 'employee', 'm1'));
  store = await openStore({ path: join(dir, 'salesbook.json'), lockPath: join(dir, 'salesbook.json.lock'), backupsDir: join(dir, 'backups'), auditKey: TEST_AUDIT_KEY, seed: () => seed });
  const settings = telegramSettings()!;
  const bot = new TelegramBot(settings.token, settings.apiUrl);
  linker = new TelegramLinker(store, bot, { log: (line) => logged.push(line) });
  sender = new OutboxSender(store, { telegram: { bot, publicUrl: settings.publicUrl } }, { log: (line) => logged.push(line) });
});
afterEach(async () => {
  await store.close();
  clock.setClock(process.env.SALESBOOK_CLOCK!);
});

const ask = (userId = 't1') => requestSignoff(store, { userId, checklistId: 'trainee-skills', itemId: item.id, note: '', currentVersions: new Map(), ...ONE_OBSERVATION });
const judge = () => decideSignoff(store, { actorId: 'm1', userId: 't1', checklistId: 'trainee-skills', item, ratingAsked: false, verdict: 'needs-work', comment: 'Не указан источник сделки.', currentVersions: new Map(), ...ONE_OBSERVATION });
const links = () => store.read((data) => data.telegramLinks.map((l) => `${l.userId} ${l.chatId}`));

describe('linking a chat', () => {
  it('the code from the portal, sent to the bot, links the chat it came from, once', async () => {
    const { code } = await newLinkCode(store, 't1');
    expect(code).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
    // Only the code's hash is stored.
    expect(JSON.stringify(await store.read((d) => d.telegramCodes))).not.toContain(code);
    api.say(555, `/start ${code}`);
    expect(await linker.pollOnce()).toBe(1);
    expect(await links()).toEqual(['t1 555']);
    expect(await store.read((d) => d.deliveryPrefs.find((p) => p.userId === 't1')?.telegram)).toBe(true);
    expect(api.sent).toEqual([{ chat_id: '555', text: `Готово, Алексей Смирнов: уведомления Salesbook «${fixtureSite.company}» будут приходить сюда. Отключить можно на странице «Уведомления» в портале.` }]);

    // Used once: the same code from another chat links nothing.
    api.say(777, code.toLowerCase());
    await linker.pollOnce();
    expect(await links()).toEqual(['t1 555']);
    expect(api.sent.at(-1)).toEqual({ chat_id: '777', text: 'Этот код не подходит или устарел. Получите новый на странице «Уведомления» в Salesbook.' });
    // Handled updates are not read again.
    expect(await linker.pollOnce()).toBe(0);
  });

  it('an expired code links nothing; anything else gets the way to link', async () => {
    const { code } = await newLinkCode(store, 't2');
    clock.setClock(clock.nowMs() + CODE_TTL_MS + 1_000);
    api.say(888, code);
    api.say(888, 'привет');
    await linker.pollOnce();
    expect(await links()).toEqual([]);
    expect(api.sent.map((m) => m.text)).toEqual([
      'Этот код не подходит или устарел. Получите новый на странице «Уведомления» в Salesbook.',
      'Чтобы получать сюда уведомления Salesbook, откройте в портале страницу «Уведомления», нажмите «Подключить Telegram» и отправьте сюда код.',
    ]);
  });

  it('reads codes as people type them', () => {
    expect(codeInMessage('/start ABCD2345')).toBe('ABCD2345');
    expect(codeInMessage('  abcd2345 ')).toBe('ABCD2345');
    expect(codeInMessage('ABCD1345')).toBeUndefined();
    expect(codeInMessage('/start')).toBeUndefined();
  });
});

describe('notifications in Telegram', () => {
  async function link(userId: string, chatId: number) {
    const { code } = await newLinkCode(store, userId);
    api.say(chatId, code);
    await linker.pollOnce();
    api.sent.length = 0;
  }

  it('a request, a verdict and a new version go to the linked chats, each with its link', async () => {
    await link('m1', 101);
    await link('t1', 202);
    await ask();
    await judge();
    await announceDocVersions(store, [{ id: 'lead-handling', version: '1.0', status: 'active' }], async () => []);
    await announceDocVersions(store, [{ id: 'lead-handling', version: '2.0', status: 'active' }], async () => ['t1']);
    await sender.sendDue();
    const notifications = await store.read((d) => d.notifications);
    const linkOf = (userId: string, kind: string) => `https://salesbook.example.ru/notifications/${notifications.find((n) => n.userId === userId && n.kind === kind)!.id}`;
    expect(api.sent).toEqual([
      { chat_id: '101', text: `Алексей Смирнов просит проверить навык «Заполняет карточку сделки»\n${linkOf('m1', 'signoff-request')}` },
      { chat_id: '202', text: `Дмитрий Орлов: навык «Заполняет карточку сделки» нужно доработать\n${linkOf('t1', 'signoff-verdict')}` },
      { chat_id: '202', text: `Документ «Регламент обработки входящих заявок», версия 2.0: прочитайте и подтвердите\n${linkOf('t1', 'doc-version')}` },
    ]);
    expect((await store.read((d) => d.outbox)).every((m) => m.channel === 'telegram' && m.sentAt !== null)).toBe(true);
  });

  it('nothing goes to a chat turned off or unlinked, nor without a token', async () => {
    await link('t1', 202);
    await saveDeliveryPrefs(store, 't1', { telegram: false });
    await ask();
    await judge();
    await saveDeliveryPrefs(store, 't1', { telegram: true });
    expect(await unlinkTelegram(store, 't1')).toBe(true);
    await ask();
    await judge();
    await link('t1', 202);
    vi.stubEnv('SALESBOOK_TELEGRAM_BOT_TOKEN', '');
    await ask();
    await judge();
    await sender.sendDue();
    expect(api.sent).toEqual([]);
    expect(await store.read((d) => d.outbox)).toEqual([]);
  });

  it('a failing Bot API is tried again after a wait, and the token is never logged', async () => {
    await link('t1', 202);
    api.failSends = 1;
    await ask();
    await judge();
    await sender.sendDue();
    expect(api.sent).toEqual([]);
    expect(logged).toEqual([expect.stringMatching(/^Salesbook: a Telegram message to t1 could not be sent, try 1: the Bot API answered 500: Internal Server Error\. Tried again at /)]);
    clock.setClock(clock.nowMs() + retryDelayMs(1) + 1_000);
    await sender.sendDue();
    expect(api.sent).toHaveLength(1);
    expect(api.sent[0]!.text).toMatch(/^Дмитрий Орлов: навык «Заполняет карточку сделки» нужно доработать\n/);

    // A Bot API that cannot be reached: said once, without the token.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const unreachable = new TelegramLinker(store, new TelegramBot(TEST_BOT_TOKEN, `http://127.0.0.1:${port}`), { log: (line) => logged.push(line) });
    await expect(unreachable.pollOnce()).rejects.toThrow('the Bot API could not be reached (ECONNREFUSED)');
    expect(logged.join('\n')).not.toContain(TEST_BOT_TOKEN);
  });
});
