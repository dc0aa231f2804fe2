// The real data store under growing data: a confirmation's latency, the file's size, the time to start.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acknowledgeDoc } from '../src/server/records/acknowledgements';
import { emptyStore, type StoreData } from '../src/server/store/data';
import { openStore } from '../src/server/store/store';
import { randomFrom } from './corpus';
import { percentile } from './measure';

export interface StoreFigures {
  people: number;
  records: number;
  fileMb: number;
  startMs: number;
  writes: number;
  confirmP50Ms: number;
  confirmP99Ms: number;
}

const YEAR_MS = 365 * 86_400_000;

/** `people` people, each with a year of confirmations (about 80) and lesson completions (about 30). */
export function yearOfActivity(people: number, seed = 7): StoreData {
  const r = randomFrom(seed + people);
  const data = emptyStore();
  const start = Date.parse('2026-01-01T00:00:00Z');
  for (let i = 0; i < people; i++) {
    const id = randomUUID();
    data.users.push({
      id,
      login: `person${i}`,
      name: `Сотрудник ${i}`,
      appRole: i === 0 ? 'head' : i % 10 === 1 ? 'mentor' : 'employee',
      position: i === 0 ? 'head-of-sales' : 'account-manager',
      mentorId: null,
      hired: '2025-06-01',
      passwordHash: 'scrypt$16384$8$1$c2FsdA$aGFzaA',
      mustChangePassword: false,
      disabled: false,
      createdAt: '2025-06-01T06:00:00.000Z',
    });
    for (const doc of r.some(Array.from({ length: 1000 }, (_, k) => k + 1), r.int(60, 100))) {
      data.acknowledgements.push({
        id: randomUUID(),
        userId: id,
        docId: `regulation-${String(doc).padStart(4, '0')}`,
        version: `${r.int(1, 4)}.${r.int(0, 3)}`,
        contentHash: randomUUID().replace(/-/g, '').repeat(2),
        at: new Date(start + r.next() * YEAR_MS).toISOString(),
      });
    }
    for (let k = r.int(20, 40); k > 0; k--) {
      data.lessonCompletions.push({ userId: id, lessonId: `onboarding/lesson-${k}`, at: new Date(start + r.next() * YEAR_MS).toISOString() });
    }
  }
  return data;
}

/** Opens a store of `people` people and times `writes` confirmations of new documents, one after another. */
export async function measureStore(people: number, writes: number): Promise<StoreFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'salesbook-bench-store-'));
  try {
    const data = yearOfActivity(people);
    const path = join(dir, 'salesbook.json');
    writeFileSync(path, JSON.stringify(data));
    const fileBytes = statSync(path).size;
    const t0 = performance.now();
    const store = await openStore({ path, lockPath: join(dir, 'salesbook.json.lock'), backupsDir: join(dir, 'backups'), auditKey: randomBytes(32) });
    const startMs = performance.now() - t0;
    const times: number[] = [];
    try {
      for (let i = 0; i < writes; i++) {
        const user = data.users[i % data.users.length]!;
        const t = performance.now();
        const { added } = await acknowledgeDoc(store, { userId: user.id, docId: `bench-doc-${i}`, version: '1.0', currentVersion: '1.0', contentHash: 'f'.repeat(64) });
        times.push(performance.now() - t);
        if (!added) throw new Error('The benchmark confirmation was not added.');
      }
    } finally {
      await store.close();
    }
    return {
      people,
      records: data.acknowledgements.length + data.lessonCompletions.length,
      fileMb: fileBytes / 1024 / 1024,
      startMs,
      writes,
      confirmP50Ms: percentile(times, 50),
      confirmP99Ms: percentile(times, 99),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
