import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
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
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the data file's lock for this process's lifetime. A lock left by a process that no longer
 * runs (a crash, kill -9) is taken over; a live holder makes this throw, naming it.
 */
export function acquireLock(path: string): () => void {
  if (held.has(path)) {
    throw new LockedError(`this process (pid ${process.pid}) already uses this data folder; its lock is ${path}. One data file serves one store.`);
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      const info: LockInfo = { pid: process.pid, host: hostname(), since: clock.now().toISOString() };
      writeSync(fd, JSON.stringify(info));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        held.delete(path);
        try {
          if ((JSON.parse(readFileSync(path, 'utf8')) as LockInfo).pid === process.pid) unlinkSync(path);
        } catch {
          // Already gone: nothing to release.
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
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let holder: LockInfo | undefined;
      try {
        holder = JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
      } catch {
        holder = undefined;
      }
      if (holder && holder.host === hostname() && holder.pid !== process.pid && isAlive(holder.pid)) {
        throw new LockedError(
          `another Salesbook process (pid ${holder.pid}, running since ${holder.since}) uses this data folder; its lock is ${path}. Stop that process first; one data file serves one process.`,
        );
      }
      if (holder && holder.host !== hostname()) {
        throw new LockedError(
          `the data folder is locked by a process on host ${holder.host} (pid ${holder.pid}); lock file ${path}. If no Salesbook runs there, delete the lock file.`,
        );
      }
      // The holder is gone: take the lock over.
      try {
        unlinkSync(path);
      } catch {
        // Someone else removed it first; try again.
      }
    }
  }
  throw new LockedError(`could not take the lock ${path}; try again.`);
}
