import { afterEach, describe, expect, it, vi } from 'vitest';
import { htmlText, plainText, type MessageParts } from '../../src/domain/email-text';
import { isDue, MAX_ATTEMPTS, retryDelayMs } from '../../src/domain/outbox';
import { mailSettings, publicUrl } from '../../src/server/config';

const parts: MessageParts = {
  subject: 'Скидки <b>до 15 %</b>',
  greeting: 'Здравствуйте, Анна & Co!',
  intro: 'Вот что ждёт вас.',
  sections: [{ title: 'Документы', lines: [{ text: '«Регламент» <script>', href: 'https://x.ru/docs/a/?q="1"' }], more: 'И ещё 2 — в портале.' }],
  footer: { text: 'Настройки', href: 'https://x.ru/account/notifications' },
};

describe('an e-mail from its parts', () => {
  it('the plain text lists each line with its link beneath', () => {
    expect(plainText(parts)).toBe(
      'Здравствуйте, Анна & Co!\n\nВот что ждёт вас.\n\nДокументы\n- «Регламент» <script>\n  https://x.ru/docs/a/?q="1"\n  И ещё 2 — в портале.\n\n--\nНастройки\nhttps://x.ru/account/notifications\n',
    );
  });

  it('the HTML says the same, with every text and address escaped', () => {
    const html = htmlText(parts, 'ru');
    expect(html).toContain('<title>Скидки &lt;b&gt;до 15 %&lt;/b&gt;</title>');
    expect(html).toContain('<p>Здравствуйте, Анна &amp; Co!</p>');
    expect(html).toContain('<li><a href="https://x.ru/docs/a/?q=&quot;1&quot;">«Регламент» &lt;script&gt;</a></li>');
    expect(html).not.toContain('<script>');
    expect(html).toContain('<html lang="ru">');
  });
});

describe('tries and waits', () => {
  it('waits 1, 4, 16 and 64 minutes, then 4 hours, and gives up after the eighth try', () => {
    expect([1, 2, 3, 4, 5, 7].map((n) => retryDelayMs(n) / 60_000)).toEqual([1, 4, 16, 64, 240, 240]);
    expect(MAX_ATTEMPTS).toBe(8);
  });

  it('a message is due when its time has come and it is neither sent nor given up', () => {
    const at = Date.parse('2026-11-18T06:00:00Z');
    const message = { sentAt: null, gaveUpAt: null, nextAttemptAt: '2026-11-18T06:00:00.000Z' };
    expect(isDue(message, at)).toBe(true);
    expect(isDue(message, at - 1)).toBe(false);
    expect(isDue({ ...message, sentAt: '2026-11-18T06:00:00.000Z' }, at)).toBe(false);
    expect(isDue({ ...message, gaveUpAt: '2026-11-18T06:00:00.000Z' }, at)).toBe(false);
  });
});

describe('e-mail settings', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('none without SALESBOOK_SMTP_URL', () => {
    vi.stubEnv('SALESBOOK_SMTP_URL', '');
    expect(mailSettings()).toBeUndefined();
  });

  it('read whole, the public address without its trailing slash', () => {
    vi.stubEnv('SALESBOOK_SMTP_URL', 'smtps://user:pw@mail.example.ru:465');
    vi.stubEnv('SALESBOOK_MAIL_FROM', 'Salesbook <salesbook@example.ru>');
    vi.stubEnv('SALESBOOK_PUBLIC_URL', 'https://salesbook.example.ru/');
    expect(mailSettings()).toEqual({ smtpUrl: 'smtps://user:pw@mail.example.ru:465', from: 'Salesbook <salesbook@example.ru>', publicUrl: 'https://salesbook.example.ru' });
  });

  it('refused with a message that names the variable, never repeating the SMTP address', () => {
    vi.stubEnv('SALESBOOK_SMTP_URL', 'http://user:pw@mail.example.ru');
    expect(() => mailSettings()).toThrowErrorMatchingInlineSnapshot(`[Error: Salesbook: SALESBOOK_SMTP_URL must be an address such as smtp://user:password@mail.example.ru:587 or smtps://…:465; the one set is not.]`);
    vi.stubEnv('SALESBOOK_SMTP_URL', 'smtp://mail.example.ru');
    vi.stubEnv('SALESBOOK_MAIL_FROM', 'Salesbook');
    expect(() => mailSettings()).toThrowErrorMatchingInlineSnapshot(`[Error: Salesbook: with SALESBOOK_SMTP_URL set, SALESBOOK_MAIL_FROM must be the sender, such as "Salesbook <salesbook@example.ru>"; it is "Salesbook".]`);
    vi.stubEnv('SALESBOOK_MAIL_FROM', 'salesbook@example.ru');
    vi.stubEnv('SALESBOOK_PUBLIC_URL', 'salesbook.example.ru');
    expect(() => publicUrl()).toThrow(/SALESBOOK_PUBLIC_URL must be the portal's address/);
  });
});
