import { readFileSync } from 'node:fs';
import { relative, resolve, isAbsolute } from 'node:path';
import { parsePullSchedule, type PullSchedule } from '../domain/crm';
import { isAppRole, isPositionId, parseGroupMap, type SsoRules } from '../domain/sso';

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

/**
 * An address a CRM is reached at, from `name`: https, or http to this machine only (a stand-in in
 * tests), since the request carries a secret. Throws, naming the variable but not the value.
 */
function crmAddress(name: string, text: string, example: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  const local = url?.hostname === '127.0.0.1' || url?.hostname === 'localhost' || url?.hostname === '[::1]';
  if (!url || !(url.protocol === 'https:' || (url.protocol === 'http:' && local)) || url.username || url.password || url.search || url.hash) {
    throw new Error(`Salesbook: ${name} must be an https address such as ${example}; the one set is not (it is not repeated here, since it may hold a secret).`);
  }
  return url;
}

/** Bitrix24's incoming webhook (SALESBOOK_BITRIX24_WEBHOOK_URL): its address holds its key, so it is a secret, never printed. */
export interface Bitrix24Settings {
  webhookUrl: string;
}

/**
 * Bitrix24 settings from SALESBOOK_BITRIX24_WEBHOOK_URL, such as https://company.bitrix24.ru/rest/1/abc123/;
 * undefined when unset. Throws, without repeating the address, for one that is not an incoming webhook's.
 */
export function bitrix24Settings(): Bitrix24Settings | undefined {
  const text = process.env.SALESBOOK_BITRIX24_WEBHOOK_URL?.trim();
  if (!text) return undefined;
  const url = crmAddress('SALESBOOK_BITRIX24_WEBHOOK_URL', text, 'https://company.bitrix24.ru/rest/1/abc123/');
  if (!/^\/rest\/\d+\/[A-Za-z0-9]+\/?$/.test(url.pathname)) {
    throw new Error('Salesbook: SALESBOOK_BITRIX24_WEBHOOK_URL must be an incoming webhook\'s address, /rest/<user>/<key>/ on the portal, such as https://company.bitrix24.ru/rest/1/abc123/; the one set is not.');
  }
  return { webhookUrl: url.href.endsWith('/') ? url.href : `${url.href}/` };
}

/** amoCRM's account and a long-lived token of the company's integration: the token is a secret, never printed. */
export interface AmoCrmSettings {
  url: string;
  token: string;
}

/**
 * amoCRM settings from SALESBOOK_AMOCRM_URL (https://company.amocrm.ru) and SALESBOOK_AMOCRM_TOKEN;
 * undefined when neither is set. Throws, naming the variable but never the token, when one is missing or wrong.
 */
export function amocrmSettings(): AmoCrmSettings | undefined {
  const text = process.env.SALESBOOK_AMOCRM_URL?.trim();
  const token = process.env.SALESBOOK_AMOCRM_TOKEN?.trim();
  if (!text && !token) return undefined;
  if (!text) throw new Error('Salesbook: SALESBOOK_AMOCRM_TOKEN is set, so SALESBOOK_AMOCRM_URL must be the account\'s address, such as https://company.amocrm.ru.');
  if (!token) throw new Error('Salesbook: SALESBOOK_AMOCRM_URL is set, so SALESBOOK_AMOCRM_TOKEN must be a long-lived token of the company\'s amoCRM integration.');
  const url = crmAddress('SALESBOOK_AMOCRM_URL', text, 'https://company.amocrm.ru');
  if (url.pathname !== '/') throw new Error('Salesbook: SALESBOOK_AMOCRM_URL must be the account\'s address alone, such as https://company.amocrm.ru, without a path.');
  if (!/^[A-Za-z0-9._~+/=-]{20,}$/.test(token)) throw new Error('Salesbook: SALESBOOK_AMOCRM_TOKEN must be the long-lived token amoCRM gave the integration; the one set is not.');
  return { url: url.origin, token };
}

/** When CRMs are pulled by themselves (SALESBOOK_CRM_PULL_AT, `5 07:00`): undefined when unset. Throws, naming the variable, for anything else. */
export function crmPullSchedule(): PullSchedule | undefined {
  const text = process.env.SALESBOOK_CRM_PULL_AT?.trim();
  if (!text) return undefined;
  const schedule = parsePullSchedule(text);
  if (!schedule) {
    throw new Error(`Salesbook: SALESBOOK_CRM_PULL_AT must be a day of the month from 1 to 28 and a time in the company's time zone, such as "5 07:00"; it is ${JSON.stringify(text)}.`);
  }
  if (!bitrix24Settings() && !amocrmSettings()) {
    throw new Error('Salesbook: SALESBOOK_CRM_PULL_AT is set, but no CRM is: set SALESBOOK_BITRIX24_WEBHOOK_URL, or SALESBOOK_AMOCRM_URL and SALESBOOK_AMOCRM_TOKEN.');
  }
  return schedule;
}

/** Signing in with the company's account (OpenID Connect): SALESBOOK_OIDC_* and SALESBOOK_PUBLIC_URL. */
export interface OidcSettings extends SsoRules {
  /** The provider's issuer URL; its discovery document is read from `<issuer>/.well-known/openid-configuration`. */
  issuer: URL;
  clientId: string;
  /** A secret, never printed; absent for a public client (PKCE alone). */
  clientSecret?: string;
  /** The company's name on the sign-in button: "Sign in with <name>". */
  name: string;
  /** Where the provider sends people back: `<SALESBOOK_PUBLIC_URL>/login/oidc/callback`. */
  redirectUri: string;
  /** Where the provider's sign-out sends people back: the sign-in page. */
  postLogoutRedirectUri: string;
  /** Extra scopes asked besides `openid email profile` (such as `groups`). */
  scopes: string[];
}

const isLoopback = (url: URL) => url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';

/**
 * The OpenID Connect settings, or undefined when SALESBOOK_OIDC_ISSUER is unset (no company sign-in).
 * Throws a message naming the variable and the fix for a setting that cannot work, never the secret.
 */
export function oidcSettings(): OidcSettings | undefined {
  const env = (name: string) => process.env[name]?.trim() || undefined;
  const issuerText = env('SALESBOOK_OIDC_ISSUER');
  if (!issuerText) return undefined;
  const fail: (message: string) => never = (message) => {
    throw new Error(`Salesbook: ${message}`);
  };
  let issuer: URL | undefined;
  try {
    issuer = new URL(issuerText);
  } catch {
    issuer = undefined;
  }
  // Plain http only to the same machine: anywhere else the tokens would cross the network readable.
  if (!issuer || !(issuer.protocol === 'https:' || (issuer.protocol === 'http:' && isLoopback(issuer))) || issuer.search || issuer.hash || issuer.username) {
    fail(`SALESBOOK_OIDC_ISSUER must be the provider's issuer address over https, such as https://sso.example.ru/realms/company; it is ${JSON.stringify(issuerText)}.`);
  }
  const clientId = env('SALESBOOK_OIDC_CLIENT_ID') ?? fail('with SALESBOOK_OIDC_ISSUER set, SALESBOOK_OIDC_CLIENT_ID must be the client id the provider gave Salesbook.');
  const portal = publicUrl() ?? fail('with SALESBOOK_OIDC_ISSUER set, SALESBOOK_PUBLIC_URL must be the portal\'s address (such as https://salesbook.example.ru): the provider sends people back to it.');
  const match = env('SALESBOOK_OIDC_MATCH') ?? 'login';
  if (match !== 'login' && match !== 'email') return fail(`SALESBOOK_OIDC_MATCH must be "login" or "email"; it is ${JSON.stringify(match)}.`);
  const newPeople = env('SALESBOOK_OIDC_NEW_PEOPLE') ?? 'refuse';
  if (newPeople !== 'refuse' && newPeople !== 'employee') return fail(`SALESBOOK_OIDC_NEW_PEOPLE must be "refuse" or "employee"; it is ${JSON.stringify(newPeople)}.`);
  const roleMap = parseGroupMap(env('SALESBOOK_OIDC_ROLE_MAP') ?? '', isAppRole);
  if ('problem' in roleMap) return fail(`SALESBOOK_OIDC_ROLE_MAP lists groups and rights as "group=head; group=mentor; group=employee"; ${JSON.stringify(roleMap.problem)} is not one of them.`);
  const positionMap = parseGroupMap(env('SALESBOOK_OIDC_POSITION_MAP') ?? '', isPositionId);
  if ('problem' in positionMap) return fail(`SALESBOOK_OIDC_POSITION_MAP lists groups and positions as "group=sales-manager"; ${JSON.stringify(positionMap.problem)} is not one of them.`);
  const groupsClaim = env('SALESBOOK_OIDC_GROUPS_CLAIM');
  if (!groupsClaim && (roleMap.map.size > 0 || positionMap.map.size > 0)) {
    fail('SALESBOOK_OIDC_ROLE_MAP and SALESBOOK_OIDC_POSITION_MAP need SALESBOOK_OIDC_GROUPS_CLAIM: the claim that lists a person\'s groups, such as "groups".');
  }
  const loginDomain = env('SALESBOOK_OIDC_LOGIN_DOMAIN')?.replace(/^@/, '').toLowerCase();
  if (loginDomain && !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(loginDomain)) return fail(`SALESBOOK_OIDC_LOGIN_DOMAIN must be the company's mail domain, such as acme.ru; it is ${JSON.stringify(loginDomain)}.`);
  const secret = env('SALESBOOK_OIDC_CLIENT_SECRET');
  return {
    issuer: issuer!,
    clientId,
    ...(secret ? { clientSecret: secret } : {}),
    name: env('SALESBOOK_OIDC_NAME') ?? issuer!.hostname,
    redirectUri: `${portal}/login/oidc/callback`,
    postLogoutRedirectUri: `${portal}/login`,
    scopes: (env('SALESBOOK_OIDC_SCOPES') ?? '').split(/[\s,]+/).filter((s) => s && !['openid', 'email', 'profile'].includes(s)),
    match,
    loginClaim: env('SALESBOOK_OIDC_LOGIN_CLAIM') ?? 'preferred_username',
    ...(loginDomain ? { loginDomain } : {}),
    newPeople,
    ...(groupsClaim ? { groupsClaim } : {}),
    roleMap: roleMap.map,
    positionMap: positionMap.map,
  };
}

/**
 * Whether people may sign in with a Salesbook password: yes, unless SALESBOOK_LOCAL_LOGIN=off; then
 * only the break-glass login (SALESBOOK_BREAK_GLASS_LOGIN, a head kept for when the provider is down).
 */
export function localSignIn(): { on: true } | { on: false; breakGlass?: string } {
  const text = process.env.SALESBOOK_LOCAL_LOGIN?.trim().toLowerCase();
  if (!text || text === 'on') return { on: true };
  if (text !== 'off') throw new Error(`Salesbook: SALESBOOK_LOCAL_LOGIN must be "on" or "off"; it is ${JSON.stringify(text)}.`);
  if (!process.env.SALESBOOK_OIDC_ISSUER?.trim()) throw new Error('Salesbook: SALESBOOK_LOCAL_LOGIN=off needs SALESBOOK_OIDC_ISSUER: otherwise nobody could sign in.');
  const breakGlass = process.env.SALESBOOK_BREAK_GLASS_LOGIN?.trim().toLowerCase();
  return breakGlass ? { on: false, breakGlass } : { on: false };
}
