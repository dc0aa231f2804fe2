import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import { readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { dataFiles } from '../config';
import { writeFileDurably } from '../store/durable-json-file';

// Astro session driver: one file per session under <data>/sessions, named by a hash of the id
// so the id itself is never a file name. Sessions idle longer than the TTL are removed.
const IDLE_LIMIT_MS = 12 * 60 * 60 * 1000;

export default function salesbookSessionDriver() {
  const folder = dataFiles.sessions();
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const fileOf = (key: string) => join(folder, `${createHash('sha256').update(key).digest('hex')}.json`);
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
  setInterval(sweep, 60 * 60 * 1000).unref();
  return {
    async getItem(key: string) {
      try {
        return await readFile(fileOf(key), 'utf8');
      } catch {
        return null;
      }
    },
    async setItem(key: string, value: unknown) {
      await writeFileDurably(fileOf(key), typeof value === 'string' ? value : JSON.stringify(value));
    },
    async removeItem(key: string) {
      await unlink(fileOf(key)).catch(() => undefined);
    },
  };
}
