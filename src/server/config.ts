import { readFileSync } from 'node:fs';
import { relative, resolve, isAbsolute } from 'node:path';

/** The data folder: SALESBOOK_DATA, or ./data beside the project. Read on every call so tests can point it elsewhere. */
export function dataDir(): string {
  return resolve(process.env.SALESBOOK_DATA || 'data');
}

/**
 * The PostgreSQL database the data, sessions and sign-in throttle live in, when set
 * (SALESBOOK_DATABASE_URL, `postgres://user:password@host:5432/salesbook`); unset, the data file in the
 * data folder. The URL holds a password: never print it.
 */
export function databaseUrl(): string | undefined {
  return process.env.SALESBOOK_DATABASE_URL?.trim() || undefined;
}

/** Demo mode seeds the demo company's people on a first start; `npm start` turns it on. */
export function isDemo(): boolean {
  return process.env.SALESBOOK_DEMO === '1' || process.env.SALESBOOK_DEMO === 'true';
}

/** Whether a reverse proxy in front is trusted for X-Forwarded-Proto and X-Forwarded-For. */
export function trustsProxy(): boolean {
  return process.env.SALESBOOK_TRUST_PROXY === '1';
}

/** scrypt's N for new password hashes: SALESBOOK_SCRYPT_N, a power of two from 2^10 to 2^20, else 2^17. */
export function scryptN(): number {
  const text = process.env.SALESBOOK_SCRYPT_N?.trim();
  if (!text) return 2 ** 17;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 2 ** 10 || n > 2 ** 20 || (n & (n - 1)) !== 0) {
    throw new Error(`Salesbook: SALESBOOK_SCRYPT_N must be a power of two from 1024 to 1048576 (131072 when unset); it is ${JSON.stringify(text)}.`);
  }
  return n;
}

/** The session cookie's name over http (astro.config.ts sets it); over https the middleware sends it as __Host-salesbook_session. */
export const SESSION_COOKIE = 'salesbook_session';

export const dataFiles = {
  store: () => resolve(dataDir(), 'salesbook.json'),
  lock: () => resolve(dataDir(), 'salesbook.json.lock'),
  audit: () => resolve(dataDir(), 'audit.jsonl'),
  sessions: () => resolve(dataDir(), 'sessions'),
  backups: () => resolve(dataDir(), 'backups'),
  /** Images of drafts imported from Word files, one folder per draft, until they are published. */
  draftMedia: () => resolve(dataDir(), 'draft-media'),
};

/** The demo's audit key: not a secret, since demo data is not either. */
const DEMO_AUDIT_KEY = 'salesbook demo audit key: not a secret, for demo data only';

/**
 * The key the audit log's links are computed with (HMAC-SHA256): SALESBOOK_AUDIT_KEY, or the first
 * line of the file SALESBOOK_AUDIT_KEY_FILE names; at least 32 characters, and never kept in the data
 * folder, whose copies and backups would carry it. In demo mode without one, a fixed demo key. Without
 * a key otherwise, this throws a message that says how to set one: Salesbook does not start.
 */
export function auditKey(): Buffer {
  const file = process.env.SALESBOOK_AUDIT_KEY_FILE;
  let key = process.env.SALESBOOK_AUDIT_KEY;
  if (!key && file) {
    const path = resolve(file);
    const inside = relative(dataDir(), path);
    if (!inside.startsWith('..') && !isAbsolute(inside)) {
      throw new Error(`Salesbook cannot start: the audit key file ${path} is inside the data folder ${dataDir()}; keep it outside, where copies and backups of the data do not take it along.`);
    }
    try {
      key = readFileSync(path, 'utf8').split('\n')[0]!.trim();
    } catch (error) {
      throw new Error(`Salesbook cannot start: the audit key file ${path} cannot be read (${(error as Error).message}).`);
    }
  }
  if (key) {
    if (key.length < 32) throw new Error('Salesbook cannot start: the audit key is shorter than 32 characters. Make one with `openssl rand -hex 32`.');
    return Buffer.from(key, 'utf8');
  }
  if (isDemo()) return Buffer.from(DEMO_AUDIT_KEY, 'utf8');
  throw new Error(
    'Salesbook cannot start: there is no key for the audit log. Set SALESBOOK_AUDIT_KEY to a secret of at least 32 characters (`openssl rand -hex 32`), or SALESBOOK_AUDIT_KEY_FILE to a file holding one, outside the data folder; keep it, since `npm run audit:verify` needs the same key.',
  );
}

/** Where and as whom Salesbook sends e-mail, and the address its links point to. */
export interface MailSettings {
  /** The SMTP server, `smtp://user:password@host:587` or `smtps://…:465`: a secret, never printed. */
  smtpUrl: string;
  /** The sender, `Salesbook <salesbook@example.ru>`. */
  from: string;
  /** The portal's address as people open it, for links in messages, without a trailing slash. */
  publicUrl: string;
}

/**
 * The portal's own address (SALESBOOK_PUBLIC_URL), for links in messages that leave it; undefined when
 * unset. Throws, naming the variable, for anything but an http(s) address.
 */
export function publicUrl(): string | undefined {
  const text = process.env.SALESBOOK_PUBLIC_URL?.trim();
  if (!text) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password || url.search || url.hash) {
    throw new Error(`Salesbook: SALESBOOK_PUBLIC_URL must be the portal's address as people open it, such as https://salesbook.example.ru; it is ${JSON.stringify(text)}.`);
  }
  return url.href.replace(/\/+$/, '');
}

/**
 * E-mail settings from SALESBOOK_SMTP_URL, SALESBOOK_MAIL_FROM and SALESBOOK_PUBLIC_URL; undefined when
 * SALESBOOK_SMTP_URL is unset (no e-mail). Throws a message naming the variable and the fix for a
 * setting that cannot work, without repeating the SMTP address, which may hold a password.
 */
export function mailSettings(): MailSettings | undefined {
  const smtpUrl = process.env.SALESBOOK_SMTP_URL?.trim();
  if (!smtpUrl) return undefined;
  let protocol = '';
  try {
    protocol = new URL(smtpUrl).protocol;
  } catch {
    protocol = '';
  }
  if (protocol !== 'smtp:' && protocol !== 'smtps:') {
    throw new Error('Salesbook: SALESBOOK_SMTP_URL must be an address such as smtp://user:password@mail.example.ru:587 or smtps://…:465; the one set is not.');
  }
  const from = process.env.SALESBOOK_MAIL_FROM?.trim();
  if (!from || !/^[^\r\n<>]*<[^\s@<>]+@[^\s@<>]+>$|^[^\s@<>]+@[^\s@<>]+$/.test(from)) {
    throw new Error(`Salesbook: with SALESBOOK_SMTP_URL set, SALESBOOK_MAIL_FROM must be the sender, such as "Salesbook <salesbook@example.ru>"; it is ${JSON.stringify(from ?? '')}.`);
  }
  const url = publicUrl();
  if (!url) throw new Error('Salesbook: with SALESBOOK_SMTP_URL set, SALESBOOK_PUBLIC_URL must be the portal\'s address (such as https://salesbook.example.ru), for the links in e-mails.');
  return { smtpUrl, from, publicUrl: url };
}

/** The company's Telegram bot: its token (a secret, never printed) and the Bot API's address. */
export interface TelegramSettings {
  token: string;
  apiUrl: string;
  /** The portal's address, for links in messages. */
  publicUrl: string;
}

/**
 * Telegram settings from SALESBOOK_TELEGRAM_BOT_TOKEN, SALESBOOK_TELEGRAM_API_URL and
 * SALESBOOK_PUBLIC_URL; undefined without a token (no Telegram, and nobody is offered it). Throws,
 * naming the variable but never the token, for a setting that cannot work.
 */
export function telegramSettings(): TelegramSettings | undefined {
  const token = process.env.SALESBOOK_TELEGRAM_BOT_TOKEN?.trim();
  if (!token) return undefined;
  if (!/^\d+:[\w-]{20,}$/.test(token)) {
    throw new Error('Salesbook: SALESBOOK_TELEGRAM_BOT_TOKEN must be the token @BotFather gave the company\'s bot, such as 123456789:AA…; the one set is not.');
  }
  const apiText = process.env.SALESBOOK_TELEGRAM_API_URL?.trim() || 'https://api.telegram.org';
  let api: URL | undefined;
  try {
    api = new URL(apiText);
  } catch {
    api = undefined;
  }
  if (!api || (api.protocol !== 'https:' && api.protocol !== 'http:')) {
    throw new Error(`Salesbook: SALESBOOK_TELEGRAM_API_URL must be the Bot API's address, such as https://api.telegram.org; it is ${JSON.stringify(apiText)}.`);
  }
  const url = publicUrl();
  if (!url) throw new Error('Salesbook: with SALESBOOK_TELEGRAM_BOT_TOKEN set, SALESBOOK_PUBLIC_URL must be the portal\'s address (such as https://salesbook.example.ru), for the links in messages.');
  return { token, apiUrl: api.href.replace(/\/+$/, ''), publicUrl: url };
}
