import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import { readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { databaseUrl, dataFiles } from '../config';
import { writeFileDurably } from '../store/durable-json-file';
import { ensureSchemaLocked } from '../store/pg-schema';

// Astro session driver. With SALESBOOK_DATABASE_URL, sessions are rows of sb_sessions in PostgreSQL,
// so that any server answers any request; otherwise one file per session under <data>/sessions.
// Either way a session is kept under a hash of its id, never the id itself, and sessions idle longer
// than the TTL are removed.
const IDLE_LIMIT_MS = 12 * 60 * 60 * 1000;
const SWEEP_EVERY_MS = 60 * 60 * 1000;

export interface SessionDriver {
  getItem(key: string): Promise<string | null>;
  setItem(key: string, value: unknown): Promise<void>;
  removeItem(key: string): Promise<void>;
}

const hashOf = (key: string) => createHash('sha256').update(key).digest('hex');
const textOf = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

export default function salesbookSessionDriver(): SessionDriver {
  const url = databaseUrl();
  return url ? databaseSessions(url) : fileSessions();
}

function fileSessions(): SessionDriver {
  const folder = dataFiles.sessions();
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const fileOf = (key: string) => join(folder, `${hashOf(key)}.json`);
  const sweep = () => {
    // Idle time is measured against the session files' own times, which the file system keeps in real time.
    const now = Date.now();
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      try {
        if (now - statSync(path).mtimeMs > IDLE_LIMIT_MS) unlinkSync(path);
      } catch {
        // Removed meanwhile.
      }
    }
  };
  sweep();
  setInterval(sweep, SWEEP_EVERY_MS).unref();
  return {
    async getItem(key) {
      try {
        return await readFile(fileOf(key), 'utf8');
      } catch {
        return null;
      }
    },
    async setItem(key, value) {
      await writeFileDurably(fileOf(key), textOf(value));
    },
    async removeItem(key) {
      await unlink(fileOf(key)).catch(() => undefined);
    },
  };
}

/** Sessions in PostgreSQL; idle time is the database's own clock, in real time like the files'. */
export function databaseSessions(url: string, idleLimitMs = IDLE_LIMIT_MS): SessionDriver & { close(): Promise<void> } {
  const pool = new pg.Pool({ connectionString: url, max: 3 });
  pool.on('error', (error) => console.error(`Salesbook: a connection of the session store broke (${error.message}); a new one is made when needed.`));
  let ready: Promise<void> | undefined;
  const schema = () =>
    (ready ??= pool.connect().then(async (client) => {
      try {
        await ensureSchemaLocked(client);
      } finally {
        client.release();
      }
    })).catch((error: Error) => {
      ready = undefined;
      throw error;
    });
  const idle = `${Math.round(idleLimitMs)} milliseconds`;
  const sweep = () => schema().then(() => pool.query(`delete from sb_sessions where touched < now() - $1::interval`, [idle]));
  void sweep().catch((error: Error) => console.error(`Salesbook: could not remove idle sessions (${error.message}).`));
  const timer = setInterval(() => void sweep().catch(() => undefined), SWEEP_EVERY_MS);
  timer.unref();
  return {
    async getItem(key) {
      await schema();
      const { rows } = await pool.query<{ value: string }>(`select value from sb_sessions where key = $1 and touched >= now() - $2::interval`, [hashOf(key), idle]);
      return rows[0]?.value ?? null;
    },
    async setItem(key, value) {
      await schema();
      await pool.query(`insert into sb_sessions (key, value, touched) values ($1, $2, now()) on conflict (key) do update set value = excluded.value, touched = now()`, [hashOf(key), textOf(value)]);
    },
    async removeItem(key) {
      await schema();
      await pool.query('delete from sb_sessions where key = $1', [hashOf(key)]);
    },
    async close() {
      clearInterval(timer);
      await pool.end();
    },
  };
}
