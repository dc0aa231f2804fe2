import { copyFile, mkdir, readdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as clock from '../clock';

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

const stamp = (date: Date) => date.toISOString().replace(/[:]/g, '-').replace(/\.\d+Z$/, 'Z');

/**
 * Copies the data file into the backups folder under a name that says when and why; with `text`,
 * writes that instead (the data with its journal replayed, when the file alone would miss changes).
 */
export async function makeBackup(storePath: string, folder: string, kind: BackupFile['kind'], now = clock.now(), text?: string): Promise<string> {
  await mkdir(folder, { recursive: true });
  const name = kind === 'daily' ? `daily-${now.toISOString().slice(0, 10)}.json` : `${kind}-${stamp(now)}.json`;
  const target = join(folder, name);
  if (text === undefined) await copyFile(storePath, target);
  else await writeFile(target, text, { encoding: 'utf8', mode: 0o600 });
  return target;
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
  return files.sort((a, b) => b.name.localeCompare(a.name));
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
