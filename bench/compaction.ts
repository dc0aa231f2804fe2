// How long changes wait behind a compaction of a large data file: confirmations keep arriving every
// few milliseconds while the journal is compacted again and again. `npx tsx bench/compaction.ts [people] [journal KiB]`.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { acknowledgeDoc } from '../src/server/records/acknowledgements';
import { openStore } from '../src/server/store/store';
import { percentile } from './measure';
import { yearOfActivity } from './store';

const people = Number(process.argv[2] ?? 1000);
// The journal limit in KiB (the store's own is at least 4 MiB; smaller here so that compactions come often).

const dir = mkdtempSync(join(tmpdir(), 'salesbook-bench-compaction-'));
try {
  const data = yearOfActivity(people);
  const path = join(dir, 'salesbook.json');
  writeFileSync(path, JSON.stringify(data));
  // A small journal limit: a compaction every few dozen changes.
  const store = await openStore({ path, lockPath: join(dir, 'salesbook.json.lock'), backupsDir: join(dir, 'backups'), auditKey: randomBytes(32), journalLimit: Number(process.argv[3] ?? 256) * 1024 });
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const waits: number[] = [];
  const started = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; performance.now() - started < 8000; i++) {
    const user = data.users[i % data.users.length]!;
    const sent = performance.now();
    pending.push(
      acknowledgeDoc(store, { userId: user.id, docId: `bench-doc-${i}`, version: '1.0', currentVersion: '1.0', contentHash: 'f'.repeat(64) }).then(() => {
        waits.push(performance.now() - sent);
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await Promise.all(pending);
  loop.disable();
  await store.close();
  waits.sort((a, b) => a - b);
  console.log(
    `${people} people, ${waits.length} confirmations: p50 ${percentile(waits, 50).toFixed(1)} ms, p99 ${percentile(waits, 99).toFixed(1)} ms, max ${waits.at(-1)!.toFixed(1)} ms; event loop blocked at most ${(loop.max / 1e6).toFixed(1)} ms`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
