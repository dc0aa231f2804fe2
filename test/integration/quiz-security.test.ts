// Quizzes over real HTTP against the built server: no answer key reaches a browser, and the
// server refuses what a browser could forge (scores, other people's attempts, extra attempts,
// attempts during a cooldown, late answers), grading each attempt exactly once.
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drawQuestions } from '../../src/domain/quiz-draw';
import { storeDataSchema, type QuizAttempt } from '../../src/server/store/data';
import { SEED_PASSWORD, seedData, writeStore } from './seed';
import { answersFromKey, callAction, fixtureQuiz, islandProps, keysIn } from './quiz-http';
import { get, postForm, readStore, signIn, startServer, stopAllServers, storedBytes, tempDataDir, testBuild, type RunningServer } from './server';

const final = fixtureQuiz('basics-final');
const timed = fixtureQuiz('first-contact-check'); // 6 seconds
const quizzes = [final, timed];

/** Every text of the fixture quizzes that only grading may reveal. */
const explanations = quizzes.flatMap((q) => q.questions.map((question) => question.explanation));
/** Every text of the fixture quizzes: none of it belongs in JavaScript, which is the same for everyone. */
const allQuizText = quizzes.flatMap((q) =>
  q.questions.flatMap((question) => [
    question.text,
    question.explanation,
    ...(question.type === 'single' || question.type === 'multiple' ? question.options.map((o) => o.text) : []),
    ...(question.type === 'order' ? question.items : []),
  ]),
);
const FORBIDDEN_KEYS = ['correct', 'answer', 'explanation', 'tolerance', 'seed', 'results', 'doc'];

let server: RunningServer;
const cookies: Record<string, string> = {};
let ids: Record<string, string> = {};

const stored = () => storeDataSchema.parse(readStore(server.dataDir));
const storeBytes = () => storedBytes(server.dataDir);
const auditLines = () =>
  readFileSync(join(server.dataDir, 'audit.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { actor: string; action: string; details: Record<string, unknown> });

/** An old failed attempt, for seeding someone who has used up their attempts. */
function oldFailure(userId: string, day: number): QuizAttempt {
  const seed = `old-${day}`;
  return {
    id: randomUUID(),
    userId,
    quizId: 'basics-final',
    kind: 'full',
    docVersions: null,
    seed,
    startedAt: `2026-02-0${day}T09:00:00.000Z`,
    deadline: null,
    questions: drawQuestions(final.questions, final, seed),
    answers: {},
    submittedAt: `2026-02-0${day}T09:05:00.000Z`,
    late: false,
    score: 0,
    passed: false,
    results: [],
  };
}

beforeAll(async () => {
  const dataDir = tempDataDir('salesbook-quiz-');
  const { data, people } = await seedData(5);
  const [p0, , p2, p3] = people;
  // p003 mentors p000; p002 has used up the final quiz's three attempts.
  data.users.find((u) => u.id === p3!.id)!.appRole = 'mentor';
  data.users.find((u) => u.id === p0!.id)!.mentorId = p3!.id;
  data.quizAttempts.push(oldFailure(p2!.id, 1), oldFailure(p2!.id, 2), oldFailure(p2!.id, 3));
  // Everyone has done the course's lessons, so its final quiz is open to them.
  for (const person of people) {
    for (const lesson of ['first-contact', 'crm']) data.lessonCompletions.push({ userId: person.id, lessonId: `basics/${lesson}`, at: '2026-02-01T08:00:00.000Z' });
  }
  writeStore(dataDir, data);
  server = await startServer({ data: dataDir });
  ids = Object.fromEntries(data.users.map((u) => [u.login, u.id]));
  for (const login of ['boss', 'p000', 'p001', 'p002', 'p003', 'p004']) cookies[login] = await signIn(server.url, login, SEED_PASSWORD);
}, 120_000);
afterAll(stopAllServers);

async function start(login: string, quizId = 'basics-final') {
  const answer = await callAction(server.url, 'startQuizAttempt', { quizId }, cookies[login]);
  expect(answer.status, answer.text).toBe(200);
  return answer.body as { attempt: { id: string; questions: any[]; answers: unknown[]; secondsLeft: number | null }; standing: { kind: string } };
}

function expectNoKeyInPage(html: string, where: string) {
  for (const text of explanations) expect(html, `${where}: explanation`).not.toContain(text);
  for (const props of islandProps(html)) {
    const keys = keysIn(props);
    for (const key of FORBIDDEN_KEYS) expect(keys.has(key), `${where}: island prop "${key}"`).toBe(false);
    expect(JSON.stringify(props), `${where}: the number answer`).not.toMatch(/40000|40 000/);
  }
  // An order question in an open attempt is never shown in its right order.
  const steps = ['Принять заявку', 'Позвонить клиенту', 'Записать итог в CRM'].map((item) => html.indexOf(item));
  if (steps.every((position) => position >= 0)) expect(steps, `${where}: order items`).not.toEqual([...steps].sort((a, b) => a - b));
}

describe('no answer key reaches a browser', () => {
  it('no client file of the build holds any quiz text at all', () => {
    const client = join(testBuild(), 'client');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else files.push(path);
      }
    };
    walk(client);
    const texts = files.map((file) => ({ file, text: readFileSync(file, 'latin1') + readFileSync(file, 'utf8') }));
    // The scan is only meaningful if the quiz island is among the files.
    expect(texts.some(({ text }) => text.includes('quiz__question'))).toBe(true);
    for (const { file, text } of texts) {
      for (const secret of allQuizText) expect(text.includes(secret), `${file} contains "${secret}"`).toBe(false);
    }
  });

  it('no quiz page holds it, before, during and after attempts', async () => {
    const pages = ['/quizzes/basics-final/', '/quizzes/first-contact-check/', '/courses/basics/crm/', '/courses/basics/first-contact/', '/courses/basics/', '/'];
    const scan = async (state: string) => {
      for (const path of pages) {
        const response = await get(server.url, path, cookies.p004);
        expect(response.status, `${state} ${path}`).toBe(200);
        expectNoKeyInPage(await response.text(), `${state} ${path}`);
      }
    };
    await scan('before');
    const { attempt } = await start('p004');
    const wrong = answersFromKey(final, attempt.questions, false);
    expect((await callAction(server.url, 'saveQuizAnswers', { attemptId: attempt.id, answers: wrong }, cookies.p004)).status).toBe(200);
    const open = await (await get(server.url, '/quizzes/basics-final/', cookies.p004)).text();
    // The open attempt is on the page (so the scan sees the questions), and nothing more.
    expect(open).toContain(attempt.questions[0].text);
    await scan('open');
    expect((await callAction(server.url, 'submitQuizAttempt', { attemptId: attempt.id, answers: wrong }, cookies.p004)).status).toBe(200);
    await scan('failed');
  });

  it('starting sends questions without keys; only the graded submission explains', async () => {
    const started = await callAction(server.url, 'startQuizAttempt', { quizId: 'basics-final' }, cookies.p001);
    expect(started.status).toBe(200);
    for (const text of explanations) expect(started.text).not.toContain(text);
    for (const key of FORBIDDEN_KEYS) expect(keysIn(started.body).has(key), key).toBe(false);
    const { attempt } = started.body;
    const graded = await callAction(server.url, 'submitQuizAttempt', { attemptId: attempt.id, answers: answersFromKey(final, attempt.questions, false) }, cookies.p001);
    expect(graded.status).toBe(200);
    expect(graded.body.review.map((r: { explanation: string }) => r.explanation).sort()).toEqual(final.questions.map((q) => q.explanation).sort());
    expect(graded.body.review.find((r: { text: string }) => r.text.startsWith('За какое время')).doc).toEqual({
      href: '/docs/lead-handling/#сроки-ответа',
      title: 'Регламент обработки входящих заявок',
    });
    // Failed, with attempts to come: the person's own answers, never the key.
    expect(graded.body.rightAnswersShown).toBe(false);
    for (const question of graded.body.review as { given: unknown; right: unknown }[]) {
      expect(question.given).not.toBeNull();
      expect(question.right).toBeNull();
    }
  });
});

describe('the server refuses what a browser could forge', () => {
  it('a final quiz before the course’s lessons are done: refused with the lessons left, nothing stored', async () => {
    const before = storeBytes();
    const refused = await callAction(server.url, 'startQuizAttempt', { quizId: 'basics-final' }, cookies.boss);
    expect(refused.status).toBe(403);
    expect(refused.body.message).toBe('Итоговый тест курса «Основы работы с заявками» откроется, когда будут пройдены все его уроки. Осталось: «Первый контакт», «Заявка в CRM».');
    expect(storeBytes().equals(before)).toBe(true);
    // A lesson's own quiz is a self-check: open at once.
    expect((await callAction(server.url, 'startQuizAttempt', { quizId: 'first-contact-check' }, cookies.boss)).status).toBe(200);
  });

  it('a forged score, pass or correctness flag is refused and changes nothing', async () => {
    const { attempt } = await start('p000');
    const wrong = answersFromKey(final, attempt.questions, false);
    const before = storeBytes();
    const forgeries = [
      { attemptId: attempt.id, answers: wrong, score: 100 },
      { attemptId: attempt.id, answers: wrong, passed: true },
      { attemptId: attempt.id, answers: wrong.map((a) => ({ ...a, correct: true })) },
      { attemptId: attempt.id, answers: wrong, submittedAt: '2020-01-01T00:00:00.000Z' },
    ];
    for (const forged of forgeries) {
      const answer = await callAction(server.url, 'submitQuizAttempt', forged, cookies.p000);
      expect(answer.status, JSON.stringify(forged).slice(0, 80)).toBe(400);
    }
    expect(storeBytes().equals(before)).toBe(true);
    // The same answers without the forgery are graded, from the key: 0, not 100.
    const graded = await callAction(server.url, 'submitQuizAttempt', { attemptId: attempt.id, answers: wrong }, cookies.p000);
    expect(graded.body).toMatchObject({ score: 0, passed: false });
    expect(stored().quizAttempts.find((a) => a.id === attempt.id)).toMatchObject({ score: 0, passed: false });
  });

  it('answers that do not fit the attempt get a clear message and change nothing', async () => {
    const { attempt } = await start('p003');
    const right = answersFromKey(final, attempt.questions, true);
    const before = storeBytes();
    const numberAt = attempt.questions.findIndex((q) => q.type === 'number');
    const notANumber = right.map((a, i) => (i === numberAt ? { type: 'number', text: 'сорок тысяч' } : a));
    const answer = await callAction(server.url, 'submitQuizAttempt', { attemptId: attempt.id, answers: notANumber }, cookies.p003);
    expect(answer.status).toBe(400);
    expect(answer.body.message).toBe('В ответе на вопрос с числом должно быть число, например 12,5.');
    const short = await callAction(server.url, 'submitQuizAttempt', { attemptId: attempt.id, answers: right.slice(1) }, cookies.p003);
    expect(short.status).toBe(400);
    expect(short.body.message).toBe('Ответы не подходят к вопросам этой попытки. Обновите страницу и ответьте снова.');
    expect(storeBytes().equals(before)).toBe(true);
  });

  it('another person’s attempt id reads as missing, for saving and submitting', async () => {
    const { attempt } = await start('p003'); // still open from the test above
    const right = answersFromKey(final, attempt.questions, true);
    const before = storeBytes();
    for (const action of ['saveQuizAnswers', 'submitQuizAttempt']) {
      const answer = await callAction(server.url, action, { attemptId: attempt.id, answers: right }, cookies.p004);
      expect(answer.status, action).toBe(404);
      expect(answer.body.message).toBe('Такой попытки нет.');
    }
    const unknown = await callAction(server.url, 'submitQuizAttempt', { attemptId: randomUUID(), answers: right }, cookies.p004);
    expect(unknown.status).toBe(404);
    expect(unknown.text).toBe((await callAction(server.url, 'submitQuizAttempt', { attemptId: attempt.id, answers: right }, cookies.p004)).text);
    expect(storeBytes().equals(before)).toBe(true);
    expect(stored().quizAttempts.find((a) => a.id === attempt.id)!.submittedAt).toBeNull();
  });

  it('an attempt beyond the limit is refused', async () => {
    const before = storeBytes();
    const answer = await callAction(server.url, 'startQuizAttempt', { quizId: 'basics-final' }, cookies.p002);
    expect(answer.status).toBe(403);
    expect(answer.body.message).toBe('Попытки закончились. Обратитесь к наставнику.');
    expect(storeBytes().equals(before)).toBe(true);
    expect(stored().quizAttempts.filter((a) => a.userId === ids.p002)).toHaveLength(3);
  });

  it('an attempt during the cooldown is refused', async () => {
    // p000 failed a minute-cooldown quiz moments ago, in the forgery test.
    const before = storeBytes();
    const answer = await callAction(server.url, 'startQuizAttempt', { quizId: 'basics-final' }, cookies.p000);
    expect(answer.status).toBe(429);
    expect(answer.body.message).toBe('Следующую попытку можно начать через 1 мин.');
    expect(storeBytes().equals(before)).toBe(true);
  });

  it('one open attempt per person and quiz: starting again resumes it', async () => {
    const first = await start('p003');
    const again = await start('p003');
    expect(again.attempt.id).toBe(first.attempt.id);
    expect(again.attempt.questions).toEqual(first.attempt.questions);
    expect(stored().quizAttempts.filter((a) => a.userId === ids.p003 && a.submittedAt === null)).toHaveLength(1);
  });

  it('50 concurrent submissions of one attempt are graded once', async () => {
    const { attempt } = await start('p003');
    const right = answersFromKey(final, attempt.questions, true);
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => callAction(server.url, 'submitQuizAttempt', { attemptId: attempt.id, answers: right }, cookies.p003)),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    expect(answers.find((a) => a.status === 409)!.body.message).toBe('Эта попытка уже проверена. Обновите страницу, чтобы увидеть результат.');
    const graded = stored().quizAttempts.filter((a) => a.id === attempt.id);
    expect(graded).toHaveLength(1);
    expect(graded[0]).toMatchObject({ score: 100, passed: true });
    expect(auditLines().filter((l) => l.action === 'quiz.submit' && l.details.attemptId === attempt.id)).toHaveLength(1);
  });

  it('a late submission is graded with the answers saved by the deadline, as submitted at the deadline', async () => {
    const { attempt } = await start('p004', 'first-contact-check');
    expect(attempt.secondsLeft).toBeGreaterThan(3);
    expect(attempt.secondsLeft).toBeLessThanOrEqual(6);
    const right = answersFromKey(timed, attempt.questions, true);
    const wrong = answersFromKey(timed, attempt.questions, false);
    // Only the first question answered, rightly, in time.
    const saved = await callAction(server.url, 'saveQuizAnswers', { attemptId: attempt.id, answers: [right[0], null] }, cookies.p004);
    expect(saved.status).toBe(200);
    // 6 s limit + 5 s grace, and a little more, pass on the server's clock.
    server.clock.advance(11_500);
    const tooLate = await callAction(server.url, 'saveQuizAnswers', { attemptId: attempt.id, answers: right }, cookies.p004);
    expect(tooLate.status).toBe(409);
    const graded = await callAction(server.url, 'submitQuizAttempt', { attemptId: attempt.id, answers: [wrong[0], right[1]] }, cookies.p004);
    expect(graded.status).toBe(200);
    expect(graded.body).toMatchObject({ score: 50, passed: true, late: true });
    const record = stored().quizAttempts.find((a) => a.id === attempt.id)!;
    expect(record.submittedAt).toBe(record.deadline);
  });
});

describe('seeing someone’s attempts', () => {
  it('their mentor, a head and they themselves see answers and scores; nobody else does', async () => {
    const allowed: [string, string][] = [['p003', 'p000'], ['boss', 'p000'], ['p000', 'p000']];
    for (const [viewer, subject] of allowed) {
      const response = await get(server.url, `/team/${subject}/quizzes/`, cookies[viewer]);
      expect(response.status, `${viewer} → ${subject}`).toBe(200);
      const html = await response.text();
      expect(html).toContain('Итоговый тест по основам');
      expect(html).toMatch(/<td>(1 час|1 день)<\/td>/); // p000's wrong answer to the response-time question
      for (const text of explanations) expect(html).not.toContain(text);
    }
    const denied: [string, string][] = [['p003', 'p001'], ['p001', 'p000'], ['p004', 'p003']];
    for (const [viewer, subject] of denied) {
      const response = await get(server.url, `/team/${subject}/quizzes/`, cookies[viewer]);
      expect(response.status, `${viewer} → ${subject}`).toBe(404);
      expect(await response.text()).not.toContain('Итоговый тест по основам');
    }
  });
});

describe('lessons and course feedback', () => {
  it('marking a lesson done twice records it once', async () => {
    // The head has done no lesson yet (the others were seeded with the course's lessons).
    for (let i = 0; i < 2; i++) {
      const response = await postForm(server.url, '/courses/basics/first-contact/?_action=completeLesson', { courseId: 'basics', lessonId: 'first-contact' }, cookies.boss);
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe('/courses/basics/first-contact/#done');
    }
    expect(stored().lessonCompletions.filter((c) => c.userId === ids.boss)).toEqual([expect.objectContaining({ lessonId: 'basics/first-contact' })]);
    expect(auditLines().filter((l) => l.action === 'lesson.complete' && l.actor === ids.boss)).toHaveLength(1);
  });

  it('bad input gets a clear message and changes nothing', async () => {
    const before = storeBytes();
    const noLesson = await postForm(server.url, '/courses/basics/crm/?_action=completeLesson', { courseId: 'basics', lessonId: 'no-such-lesson' }, cookies.boss);
    expect(noLesson.status).toBe(404);
    expect(await noLesson.text()).toContain('Такого урока нет.');
    const noQuiz = await callAction(server.url, 'startQuizAttempt', { quizId: 'no-such-quiz' }, cookies.p003);
    expect(noQuiz.status).toBe(404);
    expect(noQuiz.body.message).toBe('Такого теста нет.');
    // p001 has not completed the course yet.
    const early = await postForm(server.url, '/courses/basics/?_action=leaveCourseFeedback', { courseId: 'basics', rating: '5' }, cookies.p001);
    expect(early.status).toBe(403);
    expect(await early.text()).toContain('Оценить курс можно, когда он пройден.');
    expect(storeBytes().equals(before)).toBe(true);
  });

  it('a finished course is rated once, with the rating checked', async () => {
    // p003 passed the final quiz in the concurrency test, after the (seeded) lessons.
    const before = storeBytes();
    const bad = await postForm(server.url, '/courses/basics/?_action=leaveCourseFeedback', { courseId: 'basics', rating: '7' }, cookies.p003);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Выберите оценку от 1 до 5.');
    expect(storeBytes().equals(before)).toBe(true);

    const good = await postForm(server.url, '/courses/basics/?_action=leaveCourseFeedback', { courseId: 'basics', rating: '4', comment: '  Полезно.  ' }, cookies.p003);
    expect(good.status).toBe(303);
    const twice = await postForm(server.url, '/_actions/leaveCourseFeedback', { courseId: 'basics', rating: '1' }, cookies.p003);
    expect(twice.status).toBe(409);
    expect(JSON.parse(await twice.text()).message).toBe('Вы уже оценили этот курс.');
    expect(stored().courseFeedback).toEqual([expect.objectContaining({ userId: ids.p003, courseId: 'basics', rating: 4, comment: 'Полезно.' })]);
  });

  it('signed-out requests get 401 and change nothing', async () => {
    const before = storeBytes();
    for (const name of ['startQuizAttempt', 'saveQuizAnswers', 'submitQuizAttempt']) {
      expect((await callAction(server.url, name, { quizId: 'basics-final' })).status, name).toBe(401);
    }
    expect((await postForm(server.url, '/_actions/completeLesson', { courseId: 'basics', lessonId: 'crm' })).status).toBe(401);
    expect((await get(server.url, '/team/p000/quizzes/')).status).toBe(303);
    expect(storeBytes().equals(before)).toBe(true);
  });
});
