// One of several processes racing for the data-folder lock (lock.test.ts): at each round's instant it
// tries the lock of that round, and at the end prints which it got. Locks are held until it exits.
import { join } from 'node:path';
import { acquireLock } from '../../src/server/store/lock';

const [dir, rounds, startAt, gap] = [process.argv[2]!, Number(process.argv[3]), Number(process.argv[4]), Number(process.argv[5])];
const got: boolean[] = [];
for (let round = 0; round < rounds; round++) {
  // Spin to the instant, so that every process tries within the same millisecond or so.
  while (Date.now() < startAt + round * gap);
  try {
    acquireLock(join(dir, `lock-${round}`));
    got.push(true);
  } catch {
    got.push(false);
  }
}
// Hold every lock until all processes are done, so a late try never meets a lock released by an exit.
while (Date.now() < startAt + (rounds + 2) * gap);
console.log(JSON.stringify(got));
