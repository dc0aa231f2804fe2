import { open, readdir, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

const tempOf = (path: string) => join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);

/**
 * `JSON.stringify(data)` for data whose top-level lists hold many records, made a slice at a time:
 * between slices of about `sliceMs` the event loop runs, so requests never wait long behind it. The
 * caller hands a snapshot — its lists must not change meanwhile (the store's records are frozen and
 * its lists copied).
 */
export async function stringifyInSlices(data: Record<string, unknown>, sliceMs = 10): Promise<string[]> {
  const chunks: string[] = [];
  let parts: string[] = [];
  let size = 0;
  const push = (part: string) => {
    parts.push(part);
    size += part.length;
    // Joined into pieces of about 1 MiB: each is encoded and written in a moment.
    if (size > 1 << 20) {
      chunks.push(parts.join(''));
      parts = [];
      size = 0;
    }
  };
  let since = performance.now();
  const breathe = async () => {
    if (performance.now() - since < sliceMs) return;
    await new Promise((resolve) => setImmediate(resolve));
    since = performance.now();
  };
  let first = true;
  push('{');
  for (const [key, value] of Object.entries(data)) {
    if (value === undefined || typeof value === 'function') continue;
    push(`${first ? '' : ','}${JSON.stringify(key)}:`);
    first = false;
    if (!Array.isArray(value)) {
      push(JSON.stringify(value));
      continue;
    }
    push('[');
    for (let i = 0; i < value.length; i++) {
      push(`${i > 0 ? ',' : ''}${JSON.stringify(value[i]) ?? 'null'}`);
      if ((i & 127) === 127) await breathe();
    }
    push(']');
  }
  push('}');
  chunks.push(parts.join(''));
  return chunks;
}

/**
 * Writes `text` to `path` so that a crash leaves either the old file or the new one, whole. Text in
 * pieces is written a piece at a time, so that no single step holds up the event loop. Returns the bytes written.
 */
export async function writeFileDurably(path: string, text: string | readonly string[]): Promise<number> {
  let bytes = 0;
  const temp = tempOf(path);
  try {
    const file = await open(temp, 'w', 0o600);
    try {
      let unsynced = 0;
      for (const piece of typeof text === 'string' ? [text] : text) {
        const buffer = Buffer.from(piece, 'utf8');
        for (let done = 0; done < buffer.length; ) done += (await file.write(buffer, done, buffer.length - done)).bytesWritten;
        bytes += buffer.length;
        unsynced += buffer.length;
        // Flushed as it goes, so that no one large flush at the end holds up the journal's small syncs.
        if (unsynced >= 4 << 20) {
          await file.datasync();
          unsynced = 0;
        }
      }
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
  return bytes;
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
