// Sign-in throttling over HTTP: failures are held back per login at one address and per address,
// with waits before locks; no client can lock anyone out of the portal from elsewhere; a head lifts
// a person's limits; failures and locks are in the audit log. Clients are told apart through a
// trusted proxy's X-Forwarded-For.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mapLimit, SEED_PASSWORD, seedData, writeStore, type SeededPerson } from './seed';
import { cleanUp, get, postForm, sessionCookieFrom, signIn, startServer, storedBytes, tempDataDir, type RunningServer } from './server';

const FAILED = 'Неверный логин или пароль.';
const wait = (seconds: number) => `Слишком много попыток входа подряд. Подождите ${seconds} с и попробуйте снова.`;
const locked = (minutes: number) => `Слишком много неудачных попыток входа. Попробуйте снова через ${minutes} мин.`;

let server: RunningServer;
let people: SeededPerson[];

interface AuditLine {
  actor: string;
  action: string;
  subject: string;
  details: Record<string, unknown>;
}
const audit = (): AuditLine[] => readFileSync(join(server.dataDir, 'audit.jsonl'), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
const alertOf = (html: string) => /role="alert">([^<]*)</.exec(html)?.[1];
const attempt = (login: string, password: string, from: string) => postForm(server.url, '/login?_action=login', { login, password }, undefined, server.url, from);

beforeAll(async () => {
  const dataDir = tempDataDir('salesbook-throttle-');
  const seeded = await seedData(11);
  people = seeded.people;
  writeStore(dataDir, seeded.data);
  server = await startServer({ data: dataDir, env: { SALESBOOK_TRUST_PROXY: '1' } });
});
afterAll(cleanUp);

describe('sign-in throttling', () => {
  it('110 wrong sign-ins from one client against all 12 people lock nobody out: each signs in from another address', async () => {
    const logins = ['boss', ...people.map((p) => p.login)];
    expect(logins).toHaveLength(12);
    const attacker = '203.0.113.66';
    const statuses = await mapLimit(Array.from({ length: 110 }, (_, i) => i), 16, async (i) => {
      const response = await attempt(logins[i % 12]!, `guess-${i}`, attacker);
      expect(sessionCookieFrom(response)).toBeUndefined();
      return response.status;
    });
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    // Only the address's 10 free failures, and the few whose waits (1, 2, 4, 8 s) ran out meanwhile, reached a password check.
    const checked = statuses.filter((s) => s === 401).length;
    expect(checked).toBeGreaterThanOrEqual(10);
    expect(checked).toBeLessThanOrEqual(14);

    // Keeping it up, waiting out each wait, locks the address itself, and only it.
    let lockedOut = '';
    for (let i = 0; !lockedOut; i++) {
      expect(i).toBeLessThan(40);
      const response = await attempt(logins[i % 12]!, `again-${i}`, attacker);
      const message = alertOf(await response.text())!;
      if (message.startsWith('Слишком много неудачных')) lockedOut = message;
      const seconds = /Подождите (\d+) с/.exec(message)?.[1];
      if (seconds) server.clock.advance(Number(seconds) * 1000);
    }
    expect(lockedOut).toBe(locked(15));
    const fromAttacker = await attempt('boss', SEED_PASSWORD, attacker);
    expect(fromAttacker.status).toBe(429);
    expect(alertOf(await fromAttacker.text())).toBe(locked(15));
    expect(audit().filter((line) => line.action === 'auth.lock').at(-1)).toMatchObject({ subject: `address:${attacker}`, details: { scope: 'address', address: attacker, minutes: 15 } });
    // Everyone, the only head included, signs in from anywhere else.
    for (const login of logins) await expect(signIn(server.url, login, SEED_PASSWORD, undefined, '198.51.100.1')).resolves.toMatch(/^salesbook_session=/);

    const failures = audit().filter((line) => line.action === 'auth.signInFailed' && line.details.address === attacker);
    expect(failures.length).toBeGreaterThan(checked);
    expect(failures.every((line) => line.actor === 'anonymous' && /^user:/.test(line.subject))).toBe(true);
  });

  it('one login from one address: 3 failures, then doubling waits, then a 15-minute lock; meanwhile it signs in from elsewhere; the lock lifts on time', async () => {
    const from = '203.0.113.10';
    const login = people[0]!.login;
    for (let i = 0; i < 3; i++) {
      const response = await attempt(login, `wrong-${i}`, from);
      expect(response.status).toBe(401);
      expect(alertOf(await response.text())).toBe(FAILED);
    }
    const early = await attempt(login, SEED_PASSWORD, from);
    expect(early.status).toBe(429);
    expect(alertOf(await early.text())).toBe(wait(1));
    expect(sessionCookieFrom(early)).toBeUndefined();
    // The action's own endpoint and another case of the login are held back the same.
    expect((await postForm(server.url, '/_actions/login', { login: login.toUpperCase(), password: SEED_PASSWORD }, undefined, server.url, from)).status).toBe(429);

    const seen: string[] = [];
    for (let failure = 4; failure <= 10; failure++) {
      const before = await attempt(login, 'wrong', from);
      seen.push(alertOf(await before.text())!);
      server.clock.advance(60_000);
      expect((await attempt(login, 'wrong', from)).status).toBe(401);
    }
    expect(seen).toEqual([wait(1), wait(2), wait(4), wait(8), wait(16), wait(32), wait(60)]);
    const refused = await attempt(login, SEED_PASSWORD, from);
    expect(refused.status).toBe(429);
    expect(alertOf(await refused.text())).toBe(locked(15));
    const lock = audit().filter((line) => line.action === 'auth.lock').at(-1);
    expect(lock).toMatchObject({ actor: 'anonymous', subject: `user:${people[0]!.id}`, details: { scope: 'login', address: from, minutes: 15 } });

    await expect(signIn(server.url, login, SEED_PASSWORD, undefined, '203.0.113.11')).resolves.toMatch(/^salesbook_session=/);
    server.clock.advance(14 * 60_000);
    const stillLocked = await attempt(login, SEED_PASSWORD, from);
    expect(alertOf(await stillLocked.text())).toBe(locked(1));
    server.clock.advance(60_000 + 1_000);
    await expect(signIn(server.url, login, SEED_PASSWORD, undefined, from)).resolves.toMatch(/^salesbook_session=/);
  });

  it('a head sees a person’s failed sign-ins and lifts their limits; it is audited', async () => {
    const from = '203.0.113.20';
    const person = people[1]!;
    for (let i = 0; i < 3; i++) expect((await attempt(person.login, 'wrong', from)).status).toBe(401);
    expect((await attempt(person.login, SEED_PASSWORD, from)).status).toBe(429);

    const head = await signIn(server.url, 'boss', SEED_PASSWORD, undefined, '198.51.100.2');
    const page = await (await get(server.url, `/admin/people/${person.login}/`, head)).text();
    expect(page).toContain('Неудачных попыток входа за последние 15 мин: 3.');
    const lifted = await postForm(server.url, `/admin/people/${person.login}/?_action=unlockSignIn`, { id: person.id }, head);
    const liftedPage = await lifted.text();
    expect(lifted.status).toBe(200);
    expect(liftedPage).toContain('Ограничения входа сняты.');
    expect(liftedPage).toContain('Неудачных попыток входа за последние 15 мин нет.');
    expect(audit().at(-1)).toMatchObject({ action: 'user.unlockSignIn', subject: `user:${person.id}`, details: { addresses: 1 } });
    await expect(signIn(server.url, person.login, SEED_PASSWORD, undefined, from)).resolves.toMatch(/^salesbook_session=/);
  });

  it('lifting limits: someone who is not a head gets 403, an unknown person 404 with a message; nothing is written', async () => {
    const trainee = await signIn(server.url, people[2]!.login, SEED_PASSWORD, undefined, '198.51.100.3');
    const head = await signIn(server.url, 'boss', SEED_PASSWORD, undefined, '198.51.100.3');
    const store = storedBytes(server.dataDir);
    const lines = audit().length;
    const forbidden = await postForm(server.url, '/_actions/unlockSignIn', { id: people[1]!.id }, trainee);
    expect(forbidden.status).toBe(403);
    const unknown = await postForm(server.url, '/_actions/unlockSignIn', { id: 'no-such-id' }, head);
    expect(unknown.status).toBe(404);
    expect(JSON.parse(await unknown.text())).toMatchObject({ code: 'NOT_FOUND', message: 'Такого сотрудника нет.' });
    const empty = await postForm(server.url, '/_actions/unlockSignIn', { id: '' }, head);
    expect(empty.status).toBe(400);
    expect(storedBytes(server.dataDir).equals(store)).toBe(true);
    expect(audit()).toHaveLength(lines);
  });

  it('a login that does not exist gets exactly the answer a wrong password gets', async () => {
    const unknown = await attempt('no-such-person', SEED_PASSWORD, '203.0.113.30');
    const wrong = await attempt(people[3]!.login, 'not-it', '203.0.113.31');
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    // The form may echo the login typed; apart from that the pages are the same.
    const unknownBody = (await unknown.text()).replaceAll('value="no-such-person"', 'value="…"');
    const wrongBody = (await wrong.text()).replaceAll(`value="${people[3]!.login}"`, 'value="…"');
    expect(alertOf(unknownBody)).toBe(FAILED);
    expect(unknownBody).toBe(wrongBody);
    const unknownJson = await postForm(server.url, '/_actions/login', { login: 'no-such-person', password: 'x' }, undefined, server.url, '203.0.113.32');
    const wrongJson = await postForm(server.url, '/_actions/login', { login: people[3]!.login, password: 'x' }, undefined, server.url, '203.0.113.33');
    expect(unknownJson.status).toBe(401);
    expect(await unknownJson.text()).toBe(await wrongJson.text());
    // The audit log says a login was unknown without keeping what was typed.
    expect(audit().some((line) => line.action === 'auth.signInFailed' && line.subject === 'login:unknown')).toBe(true);
    expect(readFileSync(join(server.dataDir, 'audit.jsonl'), 'utf8')).not.toContain('no-such-person');
  });
});
