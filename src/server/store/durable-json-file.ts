import { open, readFile, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';

/** Writes `text` to `path` so that a crash leaves either the old file or the new one, whole. */
export async function writeFileDurably(path: string, text: string): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  const file = await open(temp, 'w', 0o600);
  try {
    await file.writeFile(text, 'utf8');
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(temp, path);
  // The rename itself is durable only once the folder is synced.
  await syncFolder(path);
}

/** Syncs the folder holding `path`, which makes a rename, creation or removal of `path` durable. */
export async function syncFolder(path: string): Promise<void> {
  const folder = await open(dirname(path), 'r');
  try {
    await folder.sync();
  } finally {
    await folder.close();
  }
}

/**
 * A lowdb adapter like JSONFile, but durable: lowdb's JSONFile renames a temp file without fsync,
 * so a power cut can leave an empty file. This one fsyncs the temp file and the folder.
 * `read()` returns the raw text's JSON; validation is the store's job.
 */
export class DurableJSONFile<T> implements Adapter<T> {
  #path: string;

  constructor(path: string) {
    this.#path = path;
  }

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.#path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    return JSON.parse(text) as T;
  }

  async write(data: T): Promise<void> {
    await writeFileDurably(this.#path, JSON.stringify(data));
  }
}
