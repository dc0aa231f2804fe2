// Concurrent confirmations over HTTP: the store serializes writes, so none is lost and none is doubled.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditLog } from '../../src/server/store/audit';
import { storeDataSchema } from '../../src/server/store/data';
import { actionData, addressOf, mapLimit, SEED_PASSWORD, seedData, writeStore, type SeededPerson } from './seed';
import { cleanUp, postForm, readStore, signIn, startServer, tempDataDir, type RunningServer } from './server';
import { TEST_AUDIT_KEY } from '../store-files';

const PEOPLE = 200;

let server: RunningServer;
let people: SeededPerson[];
let cookies: string[];

interface AuditLine {
  actor: string;
  action: string;
  subject: string;
  details: { version?: string };
}
const auditLines = (dataDir: string): AuditLine[] =>
  readFileSync(join(dataDir, 'audit.jsonl'), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as AuditLine);

beforeAll(async () => {
  const dataDir = tempDataDir('salesbook-concurrency-');
  const seeded = await seedData(PEOPLE);
  people = seeded.people;
  writeStore(dataDir, seeded.data);
  server = await startServer({ data: dataDir, env: { SALESBOOK_TRUST_PROXY: '1' } });
  cookies = await mapLimit(people, 8, (person, index) => signIn(server.url, person.login, SEED_PASSWORD, undefined, addressOf(index)));
}, 120_000);
afterAll(cleanUp);

describe('concurrent confirmations', () => {
  it(`${PEOPLE} people confirming at once give ${PEOPLE} records`, async () => {
    expect(new Set(cookies).size).toBe(PEOPLE);
    const responses = await Promise.all(
      cookies.map((cookie) => postForm(server.url, '/_actions/acknowledgeDoc', { docId: 'lead-handling', version: '2.0' }, cookie)),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    const answers = await Promise.all(responses.map(async (r) => actionData(await r.text())));
    expect(answers.every((a) => a.version === '2.0')).toBe(true);

    const stored = storeDataSchema.parse(readStore(server.dataDir));
    const acks = stored.acknowledgements.filter((a) => a.docId === 'lead-handling');
    expect(acks).toHaveLength(PEOPLE);
    expect(new Set(acks.map((a) => a.userId))).toEqual(new Set(people.map((p) => p.id)));
    expect(acks.every((a) => a.version === '2.0' && /^[0-9a-f]{64}$/.test(a.contentHash ?? ''))).toBe(true);
    expect(new Set(acks.map((a) => a.id)).size).toBe(PEOPLE);
    // Each answer's time is the time recorded for that person.
    const atByUser = new Map(acks.map((a) => [a.userId, a.at]));
    expect(answers.map((a) => a.at)).toEqual(people.map((p) => atByUser.get(p.id)));

    // One audit line per confirmation, and the hash chain holds.
    const audit = auditLines(server.dataDir).filter((line) => line.action === 'doc.acknowledge' && line.subject === 'doc:lead-handling');
    expect(audit).toHaveLength(PEOPLE);
    expect(new Set(audit.map((line) => line.actor)).size).toBe(PEOPLE);
    expect(verifyAuditLog(readFileSync(join(server.dataDir, 'audit.jsonl'), 'utf8'), TEST_AUDIT_KEY)).toMatchObject({ ok: true });
  });

  it('50 identical confirmations by one person at once give 1 record', async () => {
    const person = people[7]!;
    const cookie = cookies[7]!;
    const before = readStore(server.dataDir).acknowledgements.length;
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => postForm(server.url, '/_actions/acknowledgeDoc', { docId: 'motivation-statute', version: '1.2' }, cookie)),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(200));
    const answers = await Promise.all(responses.map(async (r) => actionData(await r.text())));

    const stored = storeDataSchema.parse(readStore(server.dataDir));
    const mine = stored.acknowledgements.filter((a) => a.userId === person.id && a.docId === 'motivation-statute');
    expect(mine).toHaveLength(1);
    expect(stored.acknowledgements).toHaveLength(before + 1);
    // Every answer reports that one record.
    expect(new Set(answers.map((a) => a.at))).toEqual(new Set([mine[0]!.at]));
    const audit = auditLines(server.dataDir).filter((line) => line.action === 'doc.acknowledge' && line.actor === person.id && line.subject === 'doc:motivation-statute');
    expect(audit).toHaveLength(1);
  });
});
