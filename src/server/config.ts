import { resolve } from 'node:path';

/** The data folder: SALESBOOK_DATA, or ./data beside the project. Read on every call so tests can point it elsewhere. */
export function dataDir(): string {
  return resolve(process.env.SALESBOOK_DATA || 'data');
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
