// Processes started at the same instant on one data folder: exactly one gets its lock, whether the
// folder is free or holds a lock left by a process that died.
import { spawn } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';
import { tempDir } from '../temp';

const PROCESSES = 6;
const ROUNDS = 24;
const GAP_MS = 150;

function contender(dir: string, startAt: number): Promise<boolean[]> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [resolve('node_modules/tsx/dist/cli.mjs'), 'test/integration/lock-contender.ts', dir, String(ROUNDS), String(startAt), String(GAP_MS)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('error', fail);
    child.once('exit', (code) => (code === 0 ? done(JSON.parse(out) as boolean[]) : fail(new Error(`a contender exited with ${code}: ${out}`))));
  });
}

it(`of ${PROCESSES} processes taking the lock at the same instant, exactly one gets it, ${ROUNDS} rounds`, async () => {
  const dir = tempDir('salesbook-lock-');
  // Every other round starts with a lock left by a process that no longer runs, to be taken over.
  for (let round = 1; round < ROUNDS; round += 2) {
    writeFileSync(join(dir, `lock-${round}`), JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), since: '2026-01-01T00:00:00.000Z' }));
  }
  // Late enough for every process to have started and be waiting.
  const startAt = Date.now() + 4000;
  const results = await Promise.all(Array.from({ length: PROCESSES }, () => contender(dir, startAt)));
  const winners = Array.from({ length: ROUNDS }, (_, round) => results.filter((got) => got[round]).length);
  expect(winners).toEqual(Array.from({ length: ROUNDS }, () => 1));
  // Nothing is left behind but the locks themselves (released as the processes exited).
  expect(readdirSync(dir)).toEqual([]);
}, 30_000);
