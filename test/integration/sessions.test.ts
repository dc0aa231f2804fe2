// Ending a person's sessions over HTTP: a new password (their own or from a head), disabling, and
// signing out everywhere end every session of that person, and nobody else's.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_PASSWORD, seedData, writeStore, type SeededPerson } from './seed';
import { cleanUp, get, postForm, readStore, signIn, startServer, storedBytes, tempDataDir, type RunningServer } from './server';

let server: RunningServer;
let people: SeededPerson[];
let head: string;

const audit = () => readFileSync(join(server.dataDir, 'audit.jsonl'), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
/** Whether a session cookie still signs someone in. */
const signedIn = async (cookie: string) => {
  const response = await get(server.url, '/docs/', cookie);
  if (response.status === 303) expect(response.headers.get('location')).toBe('/login?next=%2Fdocs%2F');
  return response.status === 200;
};

beforeAll(async () => {
  const dataDir = tempDataDir('salesbook-sessions-');
  const seeded = await seedData(6);
  people = seeded.people;
  writeStore(dataDir, seeded.data);
  server = await startServer({ data: dataDir });
  head = await signIn(server.url, 'boss', SEED_PASSWORD);
});
afterAll(cleanUp);

describe('ending sessions', () => {
  it('changing one’s own password ends one’s other sessions; this one goes on; nobody else’s ends', async () => {
    const [me, other] = [people[0]!, people[1]!];
    const laptop = await signIn(server.url, me.login, SEED_PASSWORD);
    const phone = await signIn(server.url, me.login, SEED_PASSWORD);
    const colleague = await signIn(server.url, other.login, SEED_PASSWORD);

    // A wrong current password changes nothing, and ends nothing.
    const store = storedBytes(server.dataDir);
    const wrong = await postForm(server.url, '/account/password?_action=changePassword', { current: 'not-mine', next: 'новый-пароль-1', repeat: 'новый-пароль-1' }, laptop);
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('Текущий пароль указан неверно.');
    expect(storedBytes(server.dataDir).equals(store)).toBe(true);
    expect(await signedIn(phone)).toBe(true);

    const changed = await postForm(server.url, '/_actions/changePassword', { current: SEED_PASSWORD, next: 'новый-пароль-1', repeat: 'новый-пароль-1' }, laptop);
    expect(changed.status).toBe(200);
    // The session that changed the password goes on under a new id.
    const renewed = changed.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('salesbook_session='))!;
    expect(renewed).toBeDefined();
    expect(await signedIn(renewed)).toBe(true);
    expect(await signedIn(phone)).toBe(false);
    expect(await signedIn(colleague)).toBe(true);
  });

  it('a head issuing a temporary password ends all of that person’s sessions', async () => {
    const person = people[2]!;
    const sessions = [await signIn(server.url, person.login, SEED_PASSWORD), await signIn(server.url, person.login, SEED_PASSWORD)];
    const reset = await postForm(server.url, '/_actions/resetPassword', { id: person.id }, head);
    expect(reset.status).toBe(200);
    for (const cookie of sessions) expect(await signedIn(cookie)).toBe(false);
    expect(await signedIn(head)).toBe(true);
  });

  it('disabling a person ends their sessions for good, even when they are enabled again before their next request', async () => {
    const person = people[3]!;
    const session = await signIn(server.url, person.login, SEED_PASSWORD);
    expect((await postForm(server.url, '/_actions/setPersonAccess', { id: person.id, disabled: 'true' }, head)).status).toBe(200);
    expect((await postForm(server.url, '/_actions/setPersonAccess', { id: person.id, disabled: 'false' }, head)).status).toBe(200);
    expect(await signedIn(session)).toBe(false);
    await expect(signIn(server.url, person.login, SEED_PASSWORD)).resolves.toMatch(/^salesbook_session=/);
  });

  it('a person signs out of all their sessions from their account page; it is audited', async () => {
    const [me, other] = [people[4]!, people[5]!];
    const laptop = await signIn(server.url, me.login, SEED_PASSWORD);
    const phone = await signIn(server.url, me.login, SEED_PASSWORD);
    const colleague = await signIn(server.url, other.login, SEED_PASSWORD);
    const page = await (await get(server.url, '/account/password', laptop)).text();
    expect(page).toContain('Выйти на всех устройствах');

    const out = await postForm(server.url, '/account/password?_action=signOutEverywhere', {}, laptop);
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/login');
    expect(await signedIn(laptop)).toBe(false);
    expect(await signedIn(phone)).toBe(false);
    expect(await signedIn(colleague)).toBe(true);
    expect(audit().at(-1)).toMatchObject({ actor: me.id, action: 'account.signOutEverywhere', subject: `user:${me.id}` });
    expect(readStore(server.dataDir).users.find((u: { id: string }) => u.id === me.id).sessionGeneration).toBe(1);
    await expect(signIn(server.url, me.login, SEED_PASSWORD)).resolves.toMatch(/^salesbook_session=/);
  });

  it('signing out everywhere needs a session: anonymous gets 401 and nothing changes', async () => {
    const store = storedBytes(server.dataDir);
    const lines = audit().length;
    expect((await postForm(server.url, '/_actions/signOutEverywhere', {})).status).toBe(401);
    expect(storedBytes(server.dataDir).equals(store)).toBe(true);
    expect(audit()).toHaveLength(lines);
  });
});
