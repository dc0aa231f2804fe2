// Two built servers on one PostgreSQL database, each with a data folder of its own: a session begun at
// one is good at the other, sign-in failures count at both, concurrent changes sent to both are each
// made once and checked against the latest data, and a server killed while writing loses nothing it
// acknowledged.
import { afterAll, beforeAll, expect, it } from 'vitest';
import pg from 'pg';
import { verifyAuditLog } from '../../src/server/store/audit';
import { openPgStore } from '../../src/server/store/pg-store';
import type { StoreData } from '../../src/server/store/data';
import { freshDatabase } from '../pg-cluster';
import { describeOnPostgres, pgDurable, testPostgres } from '../store-kinds';
import { TEST_AUDIT_KEY } from '../store-files';
import { actionData, addressOf, mapLimit, SEED_PASSWORD, seedData, type SeededPerson } from './seed';
import { answersFromKey, callAction, fixtureQuiz } from './quiz-http';
import { get, postForm, signIn, startServer, stopAllServers, tempDataDir, type RunningServer } from './server';

const PEOPLE = 200;
const final = fixtureQuiz('basics-final');

let url: string;
let servers: RunningServer[];
let people: SeededPerson[];
/** Each person's session, begun at server `index % 2`. */
let cookies: string[];

const env = () => ({ SALESBOOK_DATABASE_URL: url, SALESBOOK_TRUST_PROXY: '1' });
const start = () => startServer({ data: tempDataDir('salesbook-pg-server-'), env: env() });

async function auditLines(): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ line: string }>('select line from sb_audit order by seq')).rows.map((r) => r.line);
  } finally {
    await client.end();
  }
}

const quizAttemptWith = (userId: string, day: number) => ({
  id: `old-${userId}-${day}`, userId, quizId: 'basics-final', kind: 'full' as const, docVersions: null, seed: `old-${day}`,
  startedAt: `2026-02-0${day}T09:00:00.000Z`, deadline: null, questions: [], answers: {}, submittedAt: `2026-02-0${day}T09:05:00.000Z`,
  late: false, score: 0, passed: false, results: [],
});

describeOnPostgres('two servers on one database', () => {
  beforeAll(async () => {
    url = await freshDatabase((testPostgres() as { url: string }).url);
    const seeded = await seedData(PEOPLE);
    people = seeded.people;
    const data: StoreData = seeded.data;
    for (const person of people) {
      for (const lesson of ['first-contact', 'crm']) data.lessonCompletions.push({ userId: person.id, lessonId: `basics/${lesson}`, at: '2026-02-01T08:00:00.000Z' });
    }
    // p000 has used two of the final quiz's three attempts, long ago: the next one is the last.
    data.quizAttempts.push(quizAttemptWith(people[0]!.id, 1), quizAttemptWith(people[0]!.id, 2));
    await (await openPgStore({ url, auditKey: TEST_AUDIT_KEY, seed: () => data })).close();
    servers = [await start(), await start()];
    cookies = await mapLimit(people, 8, (person, index) => signIn(servers[index % 2]!.url, person.login, SEED_PASSWORD, undefined, addressOf(index)));
  }, 180_000);
  afterAll(stopAllServers);

  it('a session begun at one server is good at the other, and signing out at one ends it at both', async () => {
    const cookie = await signIn(servers[0]!.url, 'boss', SEED_PASSWORD, undefined, addressOf(PEOPLE + 1));
    const atOther = await get(servers[1]!.url, '/team', cookie);
    expect(atOther.status).toBe(200);
    expect(await atOther.text()).toContain('Сотрудник p000');
    expect((await get(servers[1]!.url, '/team')).status).toBe(303);
    const out = await postForm(servers[1]!.url, '/logout?_action=logout', {}, cookie);
    expect(out.status).toBe(303);
    const after = await get(servers[0]!.url, '/team', cookie);
    expect(after.status).toBe(303);
    expect(after.headers.get('location')).toBe('/login?next=%2Fteam');
  });

  it('sign-in failures at one server count at the other', async () => {
    const from = addressOf(PEOPLE + 2);
    // Three failures are free; the fourth attempt, at the other server, must wait.
    const attempt = (server: RunningServer, password: string) => postForm(server.url, '/login?_action=login', { login: 'p150', password }, undefined, server.url, from);
    for (let i = 0; i < 3; i++) expect((await attempt(servers[0]!, 'wrong')).status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await attempt(servers[1]!, SEED_PASSWORD)).status).toBe(429);
  });

  it(`${PEOPLE} confirmations sent at once to both servers give ${PEOPLE} records, and one unbroken audit chain`, async () => {
    const responses = await Promise.all(
      cookies.map((cookie, i) => postForm(servers[(i + 1) % 2]!.url, '/_actions/acknowledgeDoc', { docId: 'lead-handling', version: '2.0' }, cookie)),
    );
    expect(responses.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
    const answers = await Promise.all(responses.map(async (r) => actionData(await r.text())));
    expect(answers.every((a) => a.version === '2.0')).toBe(true);
    const acks = (await pgDurable(url)).acknowledgements.filter((a) => a.docId === 'lead-handling');
    expect(acks).toHaveLength(PEOPLE);
    expect(new Set(acks.map((a) => a.userId))).toEqual(new Set(people.map((p) => p.id)));
    const lines = await auditLines();
    expect(lines.filter((line) => line.includes('"doc.acknowledge"'))).toHaveLength(PEOPLE);
    expect(verifyAuditLog(`${lines.join('\n')}\n`, TEST_AUDIT_KEY, (await pgDurable(url)).auditHead)).toMatchObject({ ok: true });
    // Each server shows every confirmation, whichever server took it.
    const page = await get(servers[0]!.url, '/team', await signIn(servers[0]!.url, 'boss', SEED_PASSWORD, undefined, addressOf(PEOPLE + 3)));
    expect(page.status).toBe(200);
  });

  it('50 submissions of the last quiz attempt, sent at once to both servers, are graded once', async () => {
    const started = await callAction(servers[0]!.url, 'startQuizAttempt', { quizId: 'basics-final' }, cookies[0]);
    expect(started.status, started.text).toBe(200);
    const attempt = (started.body as { attempt: { id: string; questions: any[] } }).attempt;
    const right = answersFromKey(final, attempt.questions, true);
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => callAction(servers[i % 2]!.url, 'submitQuizAttempt', { attemptId: attempt.id, answers: right }, cookies[0])),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    const mine = (await pgDurable(url)).quizAttempts.filter((a) => a.userId === people[0]!.id);
    expect(mine).toHaveLength(3);
    expect(mine.find((a) => a.id === attempt.id)).toMatchObject({ score: 100, passed: true });
    expect((await auditLines()).filter((line) => line.includes('"quiz.submit"') && line.includes(attempt.id))).toHaveLength(1);
    // No fourth attempt, at either server.
    for (const server of servers) expect((await callAction(server.url, 'startQuizAttempt', { quizId: 'basics-final' }, cookies[0])).status).not.toBe(200);
  });

  it('a server killed with SIGKILL while writing loses no confirmation it acknowledged', async () => {
    const victim = servers[1]!;
    const acknowledged: string[] = [];
    const sent = people.map(async (person, i) => {
      try {
        const response = await postForm(victim.url, '/_actions/acknowledgeDoc', { docId: 'motivation-statute', version: '1.2' }, cookies[i]);
        if (response.status === 200) {
          await response.text();
          acknowledged.push(person.id);
        }
      } catch {
        // Cut off by the kill: never acknowledged.
      }
    });
    while (acknowledged.length < 20) await new Promise((resolve) => setTimeout(resolve, 2));
    await victim.kill9();
    await Promise.all(sent);
    expect(acknowledged.length).toBeGreaterThanOrEqual(20);
    const stored = new Set((await pgDurable(url)).acknowledgements.filter((a) => a.docId === 'motivation-statute').map((a) => a.userId));
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
    // The other server goes on, and a new one starts on the same data.
    const replacement = await start();
    servers[1] = replacement;
    const later = await postForm(replacement.url, '/_actions/acknowledgeDoc', { docId: 'motivation-statute', version: '1.2' }, cookies[PEOPLE - 1]);
    expect(later.status).toBe(200);
    const lines = await auditLines();
    expect(verifyAuditLog(`${lines.join('\n')}\n`, TEST_AUDIT_KEY, (await pgDurable(url)).auditHead)).toMatchObject({ ok: true });
  });
});
