import { resolve } from 'node:path';

/** The data folder: SALESBOOK_DATA, or ./data beside the project. Read on every call so tests can point it elsewhere. */
export function dataDir(): string {
  return resolve(process.env.SALESBOOK_DATA || 'data');
}

/** Demo mode seeds the demo company's people on a first start; `npm start` turns it on. */
export function isDemo(): boolean {
  return process.env.SALESBOOK_DEMO === '1' || process.env.SALESBOOK_DEMO === 'true';
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
