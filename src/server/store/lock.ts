import { randomBytes } from 'node:crypto';
import { closeSync, fstatSync, linkSync, openSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import * as clock from '../clock';

export class LockedError extends Error {}

// Locks this process holds, each with its release: a second open of the same file in one process is
// refused here, while a lock file naming this pid but not held here is a leftover of a crashed run that
// had the same pid. One `exit` listener releases whatever is still held, however many stores were opened.
const held = new Map<string, () => void>();
let releaseAtExit = false;

interface LockInfo {
  pid: number;
  host: string;
  since: string;
  /** Tells this very lock from another one taken by the same pid. */
  nonce?: string;
}

/** Whether a process with this id runs on this machine (one we may not signal runs too). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Reads the lock at `path` with the inode it was read from, so that a takeover moves that very file. */
function readHolder(path: string): { info: LockInfo | undefined; ino: number; ageMs: number } | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const stat = fstatSync(fd);
    let info: LockInfo | undefined;
    try {
      info = JSON.parse(readFileSync(fd, 'utf8')) as LockInfo;
    } catch {
      info = undefined;
    }
    return { info, ino: stat.ino, ageMs: Date.now() - stat.mtimeMs };
  } finally {
    closeSync(fd);
  }
}

/**
 * Creates the lock file whole or not at all: the content is written to a file of this process's own,
 * then hard-linked to `path`, which fails when `path` exists. Nobody ever sees it empty or half-written.
 */
function createLock(path: string, info: LockInfo): boolean {
  const temp = `${path}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temp, JSON.stringify(info), { flag: 'wx', mode: 0o600 });
  try {
    linkSync(temp, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(temp);
  }
}

const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Removes a dead holder's lock, read as inode `ino`. Only the process holding the takeover guard
 * (`<lock>.takeover`, created like the lock) may remove it, and only while it is still that very file:
 * of several processes finding the same stale lock, one removes it and the others find a live lock.
 */
function removeStale(path: string, ino: number, info: LockInfo): void {
  const guard = `${path}.takeover`;
  if (!createLock(guard, info)) {
    const other = readHolder(guard);
    // A guard is held for microseconds; one left by a crash in between is old and its holder gone.
    if (other && other.ageMs > 5000 && !(other.info && isAlive(other.info.pid))) unlinkSync(guard);
    else pause(5);
    return;
  }
  try {
    // Still that file, and still nobody's live lock (an inode freed by the removal can come back as a new lock's).
    const again = readHolder(path);
    if (again?.ino === ino && again.info?.nonce !== info.nonce && !(again.info && again.info.pid !== process.pid && isAlive(again.info.pid))) unlinkSync(path);
  } finally {
    unlinkSync(guard);
  }
}

/**
 * Takes the data file's lock for this process's lifetime. A lock left by a process that no longer
 * runs (a crash, kill -9) is taken over; a live holder makes this throw, naming it. The lock is
 * created atomically and then read back, so of processes starting at the same instant exactly one gets it.
 */
export function acquireLock(path: string): () => void {
  if (held.has(path)) {
    throw new LockedError(`this process (pid ${process.pid}) already uses this data folder; its lock is ${path}. One data file serves one store.`);
  }
  const info: LockInfo = { pid: process.pid, host: hostname(), since: clock.now().toISOString(), nonce: randomBytes(8).toString('hex') };
  for (let attempt = 0; attempt < 20; attempt++) {
    if (createLock(path, info)) {
      // Verify: the lock at the path is this one.
      if (readHolder(path)?.info?.nonce !== info.nonce) continue;
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        held.delete(path);
        if (readHolder(path)?.info?.nonce === info.nonce) {
          try {
            unlinkSync(path);
          } catch {
            // Already gone: nothing to release.
          }
        }
      };
      held.set(path, release);
      if (!releaseAtExit) {
        releaseAtExit = true;
        process.once('exit', () => {
          for (const releaseOne of [...held.values()]) releaseOne();
        });
      }
      return release;
    }
    const found = readHolder(path);
    if (!found) continue;
    const holder = found.info;
    if (!holder) {
      // Unreadable: written by something else than this lock. Taken over only once it is clearly old.
      if (found.ageMs < 5000) throw new LockedError(`the lock ${path} cannot be read; if no Salesbook runs on this data folder, delete it.`);
      removeStale(path, found.ino, info);
      continue;
    }
    if (holder.host === hostname() && holder.pid !== process.pid && isAlive(holder.pid)) {
      throw new LockedError(
        `another Salesbook process (pid ${holder.pid}, running since ${holder.since}) uses this data folder; its lock is ${path}. Stop that process first; one data file serves one process.`,
      );
    }
    if (holder.host !== hostname()) {
      throw new LockedError(
        `the data folder is locked by a process on host ${holder.host} (pid ${holder.pid}); lock file ${path}. If no Salesbook runs there, delete the lock file.`,
      );
    }
    // The holder is gone: take the lock over.
    removeStale(path, found.ino, info);
  }
  throw new LockedError(`could not take the lock ${path}; try again.`);
}
