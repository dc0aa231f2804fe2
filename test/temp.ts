// Temporary folders for tests: each is removed when its test file ends, pass or fail
// (test/setup.ts), and any left at the process's exit.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made = new Set<string>();

/** A fresh folder under the system's temporary folder, named `prefix` and a random tail. */
export function tempDir(prefix = 'salesbook-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.add(dir);
  return dir;
}

/** Removes every folder tempDir() made so far. */
export function removeTempDirs(): void {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
  made.clear();
}

process.once('exit', removeTempDirs);
