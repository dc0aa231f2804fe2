// Renewing what has expired, over real HTTP against the built server on the fixture content, where the
// trainee checklist's inbound call, the motivation statute's confirmations and the final quiz's passes
// hold 12 months. Each person starts with a pass made 13 months ago (expired) or yesterday (holding).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths, DAY_MS } from '../../src/domain/calendar';
import { drawQuestions } from '../../src/domain/quiz-draw';
import { storeDataSchema, type QuizAttempt } from '../../src/server/store/data';
import { fixtureQuiz, callAction } from './quiz-http';
import { SEED_PASSWORD, seedData, writeStore } from './seed';
import { get, postAction, readStore, signIn, startServer, stopAllServers, storedBytes, tempDataDir, type RunningServer } from './server';

const final = fixtureQuiz('basics-final');
const now = new Date(process.env.SALESBOOK_CLOCK!);
/** Thirteen months ago, and yesterday, by the suite's clock. */
const expired = new Date(`${addMonths(now.toISOString().slice(0, 10), -13)}T09:00:00.000Z`).toISOString();
const holding = new Date(now.getTime() - DAY_MS).toISOString();

let server: RunningServer;
const cookies: Record<string, string> = {};
let ids: Record<string, string> = {};
const stored = () => storeDataSchema.parse(readStore(server.dataDir));
const storeBytes = () => storedBytes(server.dataDir);

const ITEM = { checklistId: 'trainee-skills', itemId: 'inbound-call' };

function attempt(userId: string, submittedAt: string, passed: boolean): QuizAttempt {
  const seed = randomUUID();
  const startedAt = new Date(Date.parse(submittedAt) - 5 * 60_000).toISOString();
  return { id: randomUUID(), userId, quizId: 'basics-final', kind: 'full', docVersions: null, seed, startedAt, deadline: null, questions: drawQuestions(final.questions, final, seed), answers: {}, submittedAt, late: false, score: passed ? 100 : 0, passed, results: [] };
}

beforeAll(async () => {
  const dataDir = tempDataDir('salesbook-renewals-');
  const { data, people } = await seedData(4);
  const boss = data.users.find((u) => u.login === 'boss')!;
  const [p0, p1, p2, p3] = people.map((p) => p.id) as [string, string, string, string];
  // The inbound call is signed off by two observations on different days: the day before, and `at`.
  const pass = (userId: string, at: string) => {
    for (const when of [new Date(Date.parse(at) - 86_400_000).toISOString(), at]) {
      data.signoffs.push({ id: randomUUID(), userId, ...ITEM, verdict: 'passed', rating: 5, comment: '', signedBy: boss.id, at: when, docVersions: { 'lead-handling': '2.0' }, requestId: null });
    }
  };
  const confirm = (userId: string, at: string) => data.acknowledgements.push({ id: randomUUID(), userId, docId: 'motivation-statute', version: '1.2', contentHash: null, at });
  // p000 and p002 hold passes that expired; p001 and p003 hold ones made yesterday.
  pass(p0, expired);
  pass(p1, holding);
  confirm(p2, expired);
  confirm(p3, holding);
  // p002 used all three attempts at the final quiz, the last a pass, 13 months ago; p003 passed it yesterday.
  data.quizAttempts.push(attempt(p2, expired, false), attempt(p2, new Date(Date.parse(expired) + 3_600_000).toISOString(), false), attempt(p2, new Date(Date.parse(expired) + 7_200_000).toISOString(), true));
  data.quizAttempts.push(attempt(p3, holding, true));
  for (const userId of [p2, p3]) for (const lesson of ['first-contact', 'crm']) data.lessonCompletions.push({ userId, lessonId: `basics/${lesson}`, at: expired });
  writeStore(dataDir, data);
  server = await startServer({ data: dataDir });
  ids = Object.fromEntries(data.users.map((u) => [u.login, u.id]));
  for (const login of ['p000', 'p001', 'p002', 'p003']) cookies[login] = await signIn(server.url, login, SEED_PASSWORD);
}, 120_000);
afterAll(stopAllServers);

describe('a skill whose pass has expired', () => {
  it('shows «Срок истёк» and may be asked for again; one that holds may not, and the refusal writes nothing', async () => {
    const page = await (await get(server.url, '/checklists/trainee-skills/', cookies.p000)).text();
    expect(page).toContain('Срок истёк');
    expect(page).toContain('Попросить проверить снова');

    const before = storeBytes();
    const refused = await postAction(server.url, 'requestSignoff', { ...ITEM, note: '' }, cookies.p001!);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toBe('Этот навык уже зачтён; запросить проверку снова можно после новой редакции документа или когда истечёт срок зачёта.');
    expect(storeBytes().equals(before)).toBe(true);

    const asked = await postAction(server.url, 'requestSignoff', { ...ITEM, note: 'звонок во вторник' }, cookies.p000!);
    expect(asked.status).toBe(200);
    expect(stored().signoffRequests.map((r) => [r.userId, r.itemId, r.note])).toEqual([[ids.p000, 'inbound-call', 'звонок во вторник']]);
  });
});

describe('a confirmation that has expired', () => {
  it('is asked for again, and confirming renews it with a new record; one that holds stays as it is', async () => {
    const acks = (login: string) => stored().acknowledgements.filter((a) => a.userId === ids[login] && a.docId === 'motivation-statute');
    expect(await (await get(server.url, '/docs/motivation-statute/', cookies.p002)).text()).toContain('Срок вашего подтверждения истёк');

    const same = await postAction(server.url, 'acknowledgeDoc', { docId: 'motivation-statute', version: '1.2' }, cookies.p003!);
    expect(same.status).toBe(200);
    expect(acks('p003')).toHaveLength(1);

    const renewed = await postAction(server.url, 'acknowledgeDoc', { docId: 'motivation-statute', version: '1.2' }, cookies.p002!);
    expect(renewed.status).toBe(200);
    expect(acks('p002')).toHaveLength(2);
    expect(Date.parse(renewed.body.at)).toBeGreaterThan(Date.parse(expired));
    expect(await (await get(server.url, '/docs/motivation-statute/', cookies.p002)).text()).toContain('Подтверждение действует до');
  });
});

describe('a quiz whose pass has expired', () => {
  it('starts again though every attempt was used before it expired; one that holds is refused, writing nothing', async () => {
    const before = storeBytes();
    const refused = await callAction(server.url, 'startQuizAttempt', { quizId: 'basics-final' }, cookies.p003);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toBe('Тест уже сдан: новая попытка не нужна.');
    expect(storeBytes().equals(before)).toBe(true);

    const page = await (await get(server.url, '/quizzes/basics-final/', cookies.p002)).text();
    expect(page).toContain('Срок сдачи истёк');
    const started = await callAction(server.url, 'startQuizAttempt', { quizId: 'basics-final' }, cookies.p002);
    expect(started.status, started.text).toBe(200);
    expect(started.body.standing).toMatchObject({ kind: 'open', attemptsUsed: 1, attemptsLeft: 2 });
    expect(stored().quizAttempts.filter((a) => a.userId === ids.p002)).toHaveLength(4);
  });
});
