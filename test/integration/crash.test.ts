// kill -9 during concurrent writes, round after round on the same data folder: the data file and its
// journal always load and validate, and every confirmation the server answered 2xx for is on disk.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { StoreData } from '../../src/server/store/data';
import { readStoreState } from '../../src/server/store/store';
import { verifyAuditLog } from '../../src/server/store/audit';
import { addressOf, mapLimit, SEED_PASSWORD, seedData, writeStore } from './seed';
import { cleanUp, postForm, signIn, startServer, tempDataDir } from './server';
import { TEST_AUDIT_KEY } from '../store-files';

const ROUNDS = 12;
const PER_ROUND = 20;
const PEOPLE = 130; // 2 documents each: 260 confirmations to spend, 240 used
const DOCS = [
  { docId: 'lead-handling', version: '2.0' },
  { docId: 'motivation-statute', version: '1.2' },
];

afterAll(cleanUp);

const key = (userId: string, docId: string) => `${userId}:${docId}`;

it(`the data survives kill -9 during writes, ${ROUNDS} rounds`, async () => {
  const dataDir = tempDataDir('salesbook-crash-');
  const { data, people } = await seedData(PEOPLE);
  writeStore(dataDir, data);

  // Sign everyone in once: sessions are files in the data folder and outlive the process.
  let server = await startServer({ data: dataDir, env: { SALESBOOK_TRUST_PROXY: '1' } });
  const cookieOf = new Map<string, string>();
  await mapLimit(people, 8, async (person, index) => cookieOf.set(person.id, await signIn(server.url, person.login, SEED_PASSWORD, undefined, addressOf(index))));
  await server.stop();

  const pending = people.flatMap((person) => DOCS.map((doc) => ({ person, doc })));
  const confirmed = new Set<string>(); // answered 2xx at some point
  let roundsInterrupted = 0;

  for (let round = 0; round < ROUNDS; round++) {
    server = await startServer({ data: dataDir });
    const batch = pending.splice(0, PER_ROUND);
    // Kill after the first few answers, while the rest are queued or being written; every third
    // round instead after a few milliseconds, whether or not anything was answered yet.
    const byTime = round % 3 === 2;
    const killAfter = byTime ? Infinity : 1 + (round % 4);
    let answered = 0;
    let signal!: () => void;
    const enoughAnswers = new Promise<void>((resolve) => (signal = resolve));
    const requests = batch.map(async ({ person, doc }) => {
      const response = await postForm(server.url, '/_actions/acknowledgeDoc', doc, cookieOf.get(person.id));
      await response.text();
      if (response.status >= 200 && response.status < 300) {
        confirmed.add(key(person.id, doc.docId));
        if (++answered >= killAfter) signal();
      } else {
        throw new Error(`round ${round}: ${person.login} ${doc.docId} answered ${response.status}`);
      }
    });
    const limit = byTime ? 5 + ((round * 7) % 40) : 10_000;
    await Promise.race([enoughAnswers, Promise.allSettled(requests), new Promise((resolve) => setTimeout(resolve, limit))]);
    await server.kill9();
    const settled = await Promise.allSettled(requests);
    const failed = settled.filter((s) => s.status === 'rejected');
    // A request may only fail by losing its connection to the killed server, never by an error status.
    for (const failure of failed) expect(String((failure as PromiseRejectedResult).reason)).not.toMatch(/answered \d+/);
    if (failed.length > 0) roundsInterrupted++;

    // What a start would load: the data file with its journal replayed, validated.
    let stored!: StoreData;
    expect(() => (stored = readStoreState(join(dataDir, 'salesbook.json'))), `round ${round}: the data file and its journal load`).not.toThrow();
    const onDisk = stored.acknowledgements.map((a) => key(a.userId, a.docId));
    expect(new Set(onDisk).size, `round ${round}: no duplicates`).toBe(onDisk.length);
    const missing = [...confirmed].filter((k) => !onDisk.includes(k));
    expect(missing, `round ${round}: confirmations answered 2xx but missing on disk`).toEqual([]);
    expect(stored.users).toHaveLength(PEOPLE + 1);
  }

  // The kills really landed in the middle of the writes.
  expect(roundsInterrupted).toBeGreaterThanOrEqual(ROUNDS / 2);
  expect(confirmed.size).toBeGreaterThan(ROUNDS);

  // And a last start on the same folder comes up and serves what was confirmed.
  server = await startServer({ data: dataDir });
  const last = [...people].find((p) => confirmed.has(key(p.id, 'lead-handling')))!;
  const again = await postForm(server.url, '/_actions/acknowledgeDoc', DOCS[0]!, cookieOf.get(last.id));
  expect(again.status).toBe(200);
  await server.stop();

  // Every confirmation stored has its audit entry, and the chain is whole: change and entry were durable together.
  const audit = readFileSync(join(dataDir, 'audit.jsonl'), 'utf8');
  expect(verifyAuditLog(audit, TEST_AUDIT_KEY, readStoreState(join(dataDir, 'salesbook.json')).auditHead)).toMatchObject({ ok: true });
  const audited = new Set(
    audit
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { actor: string; action: string; subject: string })
      .filter((entry) => entry.action === 'doc.acknowledge')
      .map((entry) => key(entry.actor, entry.subject.replace(/^doc:/, ''))),
  );
  const stored = readStoreState(join(dataDir, 'salesbook.json')).acknowledgements.map((a) => key(a.userId, a.docId));
  expect(stored.filter((k) => !audited.has(k)), 'confirmations without an audit entry').toEqual([]);
  expect(audited.size).toBe(stored.length);
}, 150_000);

it('a stop writes the journal into the data file; after kill -9, the next start does', async () => {
  const dataDir = tempDataDir('salesbook-crash-');
  const { data, people } = await seedData(1);
  writeStore(dataDir, data);
  const file = join(dataDir, 'salesbook.json');
  const fileData = () => JSON.parse(readFileSync(file, 'utf8')) as StoreData;
  const journal = join(dataDir, 'salesbook.json.journal');
  const docsConfirmed = () => readStoreState(file).acknowledgements.map((a) => a.docId);

  let server = await startServer({ data: dataDir });
  const cookie = await signIn(server.url, people[0]!.login, SEED_PASSWORD);
  expect((await postForm(server.url, '/_actions/acknowledgeDoc', DOCS[0]!, cookie)).status).toBe(200);
  expect(fileData().acknowledgements).toEqual([]);
  // The sign-in's audit entry and the confirmation with its own wait in the journal, with whatever
  // the server noted at its start (the document versions and the late items it first met).
  expect(readFileSync(journal, 'utf8').trim().split('\n').length).toBeGreaterThanOrEqual(2);
  await server.stop();
  expect(existsSync(journal)).toBe(false);
  expect(fileData()).toMatchObject({ acknowledgements: [{ docId: DOCS[0]!.docId }] });
  const written = fileData().writes;

  server = await startServer({ data: dataDir });
  expect((await postForm(server.url, '/_actions/acknowledgeDoc', DOCS[1]!, cookie)).status).toBe(200);
  await server.kill9();
  // The second confirmation is only in the journal: the data file is as the stop left it.
  expect(fileData().writes).toBe(written);
  expect(docsConfirmed()).toEqual([DOCS[0]!.docId, DOCS[1]!.docId]);

  server = await startServer({ data: dataDir });
  expect(fileData()).toMatchObject({ writes: written + 1 });
  expect(fileData().acknowledgements.map((a) => a.docId)).toEqual([DOCS[0]!.docId, DOCS[1]!.docId]);
  expect(readFileSync(journal, 'utf8')).toBe('');
  await server.stop();
});

it('a journal deleted while the server runs: the server says so, writes the data file anew, and kill -9 loses no acknowledged change', async () => {
  const dataDir = tempDataDir('salesbook-crash-');
  const { data, people } = await seedData(2);
  writeStore(dataDir, data);
  const server = await startServer({ data: dataDir });
  const cookies = await Promise.all(people.map((p) => signIn(server.url, p.login, SEED_PASSWORD)));
  expect((await postForm(server.url, '/_actions/acknowledgeDoc', DOCS[0]!, cookies[0])).status).toBe(200);
  rmSync(join(dataDir, 'salesbook.json.journal'));
  for (const [i, doc] of DOCS.entries()) expect((await postForm(server.url, '/_actions/acknowledgeDoc', doc, cookies[1])).status, `change ${i}`).toBe(200);
  await server.kill9();
  expect(server.output()).toMatch(/the journal .*salesbook\.json\.journal is no longer the file on disk \(it was deleted\)/);
  const stored = readStoreState(join(dataDir, 'salesbook.json'));
  expect(stored.acknowledgements.map((a) => `${a.userId}:${a.docId}`).sort()).toEqual(
    [key(people[0]!.id, DOCS[0]!.docId), key(people[1]!.id, DOCS[0]!.docId), key(people[1]!.id, DOCS[1]!.docId)].sort(),
  );
});
