import { mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import * as clock from '../clock';
import { syncFolder } from './durable-json-file';
import { isAlive } from './lock';

/** Backup policy: one per day for `days` days, plus the latest `starts` made at start-up. */
export interface BackupPolicy {
  days: number;
  starts: number;
}

export const defaultBackupPolicy: BackupPolicy = { days: 7, starts: 5 };

export interface BackupFile {
  name: string;
  path: string;
  kind: 'daily' | 'start' | 'manual';
  size: number;
  modified: Date;
}

/** A backup being written, by the process of that pid; a leftover one is removed at the next start. */
const BACKUP_TEMP = /^\.backup-(\d+)-\d+\.tmp$/;

const stamp = (date: Date) => date.toISOString().replace(/[:]/g, '-');
const nameOf = (kind: BackupFile['kind'], at: Date) => (kind === 'daily' ? `daily-${at.toISOString().slice(0, 10)}.json` : `${kind}-${stamp(at)}.json`);

/**
 * Writes the data file (or `text`, the data with its journal replayed, when the file alone would miss
 * changes) into the backups folder under a name that says when and why. It is written to a temporary
 * name, synced and read back, and only then renamed, so a backup is never cut short; a name already
 * taken (two backups within one millisecond) moves on by a millisecond, so none replaces another.
 */
export async function makeBackup(storePath: string, folder: string, kind: BackupFile['kind'], now = clock.now(), text?: string): Promise<string> {
  await mkdir(folder, { recursive: true });
  const bytes = text === undefined ? await readFile(storePath) : Buffer.from(text, 'utf8');
  const temp = join(folder, `.backup-${process.pid}-${Date.now()}.tmp`);
  try {
    const file = await open(temp, 'wx', 0o600);
    try {
      await file.writeFile(bytes);
      await file.sync();
    } finally {
      await file.close();
    }
    if (!(await readFile(temp)).equals(bytes)) throw new Error(`the copy written to ${temp} does not read back the same`);
    const names = new Set(await readdir(folder));
    let at = now;
    while (names.has(nameOf(kind, at)) && kind !== 'daily') at = new Date(at.getTime() + 1);
    const target = join(folder, nameOf(kind, at));
    await rename(temp, target);
    await syncFolder(target);
    return target;
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/**
 * The start backup: a copy like `makeBackup` makes, unless the newest start backup already holds the
 * same bytes. Restarts without changes then never push older, different backups out of the rotation.
 */
export async function makeStartBackup(storePath: string, folder: string, now = clock.now(), text?: string): Promise<string> {
  const newest = (await listBackups(folder)).find((b) => b.kind === 'start');
  const bytes = text === undefined ? await readFile(storePath) : Buffer.from(text, 'utf8');
  if (newest && newest.size === bytes.length && (await readFile(newest.path)).equals(bytes)) return newest.path;
  return makeBackup(storePath, folder, 'start', now, bytes.toString('utf8'));
}

export async function listBackups(folder: string): Promise<BackupFile[]> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return [];
  }
  const files = await Promise.all(
    names
      .filter((name) => /^(daily|start|manual)-.*\.json$/.test(name))
      .map(async (name) => {
        const path = join(folder, name);
        const info = await stat(path);
        return { name, path, kind: name.split('-')[0] as BackupFile['kind'], size: info.size, modified: info.mtime };
      }),
  );
  // Newest first: names hold their time in a fixed-width form, so byte order is time order.
  return files.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
}

/**
 * Removes backups left half-written by a process that stopped while copying (a crash, kill -9). A
 * backup may be under way in another process (`npm run backup` needs no lock), so only the
 * temporaries of processes no longer running go. Returns the names removed.
 */
export async function removeStaleBackupTemps(folder: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return [];
  }
  const stale = names.filter((name) => {
    const pid = Number(BACKUP_TEMP.exec(name)?.[1]);
    return pid > 0 && (pid === process.pid || !isAlive(pid));
  });
  await Promise.all(stale.map((name) => unlink(join(folder, name)).catch(() => undefined)));
  return stale;
}

/** Makes today's daily backup if there is none, and removes backups beyond the policy. Manual ones stay. */
export async function rotateBackups(storePath: string, folder: string, policy = defaultBackupPolicy, now = clock.now()): Promise<void> {
  const existing = await listBackups(folder);
  const today = `daily-${now.toISOString().slice(0, 10)}.json`;
  if (!existing.some((b) => b.name === today)) await makeBackup(storePath, folder, 'daily', now);
  const after = await listBackups(folder);
  const excess = [
    ...after.filter((b) => b.kind === 'daily').slice(policy.days),
    ...after.filter((b) => b.kind === 'start').slice(policy.starts),
  ];
  await Promise.all(excess.map((b) => unlink(b.path)));
}

export async function readBackup(path: string): Promise<string> {
  return readFile(path, 'utf8');
}
