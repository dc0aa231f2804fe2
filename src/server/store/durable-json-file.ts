import { open, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

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
