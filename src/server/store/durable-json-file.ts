import { open, readdir, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

const tempOf = (path: string) => join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);

/** Writes `text` to `path` so that a crash leaves either the old file or the new one, whole. */
export async function writeFileDurably(path: string, text: string): Promise<void> {
  const temp = tempOf(path);
  try {
    const file = await open(temp, 'w', 0o600);
    try {
      await file.writeFile(text, 'utf8');
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temp, path);
  } catch (error) {
    // A full disk leaves a half-written temporary: it goes, the file at `path` is as it was.
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  // The rename itself is durable only once the folder is synced.
  await syncFolder(path);
}

/**
 * Removes the temporaries a process that stopped in the middle of `writeFileDurably(path, …)` left
 * beside `path` (`.salesbook.json.<pid>.tmp`). Only for the holder of the data file's lock, the one
 * process that writes it. Returns the names removed.
 */
export async function removeLeftoverTemps(path: string): Promise<string[]> {
  const prefix = `.${basename(path)}.`;
  const names = (await readdir(dirname(path))).filter((name) => name.startsWith(prefix) && /^\d+\.tmp$/.test(name.slice(prefix.length)));
  await Promise.all(names.map((name) => unlink(join(dirname(path), name)).catch(() => undefined)));
  return names;
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
