// Password hashing over HTTP at the real cost: a hash made with weaker parameters is made again at the
// next sign-in, and password checks beyond what the server runs and queues are refused at once.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addressOf, SEED_PASSWORD, seedData, writeStore, type SeededPerson } from './seed';
import { cleanUp, get, postForm, readStore, signIn, startServer, tempDataDir, type RunningServer } from './server';

let server: RunningServer;
let people: SeededPerson[];

const audit = () => readFileSync(join(server.dataDir, 'audit.jsonl'), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
const hashOf = (id: string): string => readStore(server.dataDir).users.find((u: { id: string }) => u.id === id).passwordHash;

beforeAll(async () => {
  const dataDir = tempDataDir('salesbook-hashes-');
  const seeded = await seedData(3);
  people = seeded.people;
  writeStore(dataDir, seeded.data);
  // The seeded hashes have N = 2^10; this server makes them with its default, 2^17.
  server = await startServer({ data: dataDir, env: { SALESBOOK_SCRYPT_N: '', SALESBOOK_TRUST_PROXY: '1' } });
});
afterAll(cleanUp);

describe('password hashes', () => {
  it('a weaker hash is made again at the next successful sign-in, through the store, with an audit line', async () => {
    const person = people[0]!;
    const before = hashOf(person.id);
    expect(before).toMatch(/^scrypt\$1024\$8\$1\$/);
    // A wrong password changes nothing.
    expect((await postForm(server.url, '/login?_action=login', { login: person.login, password: 'wrong-one' }, undefined, server.url, addressOf(1))).status).toBe(401);
    expect(hashOf(person.id)).toBe(before);

    await signIn(server.url, person.login, SEED_PASSWORD, undefined, addressOf(2));
    const after = hashOf(person.id);
    expect(after).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(audit().filter((line) => line.action === 'account.passwordUpgraded')).toEqual([
      expect.objectContaining({ actor: person.id, subject: `user:${person.id}`, details: { from: 1024, to: 131072 } }),
    ]);
    // The new hash signs in, and is not made again.
    await signIn(server.url, person.login, SEED_PASSWORD, undefined, addressOf(3));
    expect(hashOf(person.id)).toBe(after);
    expect(audit().filter((line) => line.action === 'account.passwordUpgraded')).toHaveLength(1);
  });

  it('sign-ins beyond the checks running and queued get 429 at once, and count as no failure', async () => {
    // Cheaper hashes (N = 2^14), so the queue drains quickly; the gate is the same.
    await server.stop();
    server = await startServer({ data: server.dataDir, env: { SALESBOOK_SCRYPT_N: '16384', SALESBOOK_TRUST_PROXY: '1' } });
    const person = people[1]!;
    const cookie = await signIn(server.url, person.login, SEED_PASSWORD, undefined, addressOf(10));
    // Distinct clients, so only the gate holds them back.
    const flood = await Promise.all(
      Array.from({ length: 40 }, (_, i) => postForm(server.url, '/_actions/login', { login: `made-up-${i}`, password: 'x' }, undefined, server.url, addressOf(100 + i))),
    );
    const busy = flood.filter((r) => r.status === 429);
    expect(busy.length).toBeGreaterThanOrEqual(15);
    for (const response of busy) {
      expect(await response.json()).toMatchObject({ code: 'TOO_MANY_REQUESTS', message: 'Сейчас слишком много попыток входа. Попробуйте снова через несколько секунд.' });
    }
    expect(flood.filter((r) => r.status === 401).length + busy.length).toBe(40);
    expect(audit().filter((line) => line.action === 'auth.signInFailed')).toHaveLength(1 + 40 - busy.length);
    // The signed-in person is not touched by it.
    expect((await get(server.url, '/', cookie)).status).toBe(200);
  });
});
