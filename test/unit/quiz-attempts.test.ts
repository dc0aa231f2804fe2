import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { liveQuestions } from '../../src/domain/quiz-presentation';
import type { QuizData } from '../../src/schemas/quiz';
import type { BrowserAnswer } from '../../src/schemas/quiz-answer';
import { attemptForBrowser, attemptsAsOf, grantAttempts, QuizError, quizAttemptsOf, quizGrantsOf, quizPageState, quizRules, reviewOf, saveAnswers, startAttempt, submitAttempt } from '../../src/server/records/quizzes';
import { completeLesson } from '../../src/server/records/lessons';
import type { QuizGate } from '../../src/domain/learning-path';
import type { QuizAttempt } from '../../src/server/store/data';
import type { Store } from '../../src/server/store/store';
import { describeEachStore, type StoreKind, type StorePlace } from '../store-kinds';
import { fixtureQuiz } from './quiz-fixture';

const quiz = fixtureQuiz('basics-final'); // 3 attempts, 1 minute cooldown, pass 70
const timed: QuizData = { ...quiz, timeLimitMinutes: 10 };
const t0 = new Date('2027-01-10T09:00:00.000Z');
const after = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

let kind: StoreKind;
let place: StorePlace;
afterEach(() => {
  delete process.env.SALESBOOK_QUIZ_COOLDOWN_SECONDS;
});

/** A new, empty store of the kind the tests run on. */
async function store(): Promise<Store> {
  place = await kind.place();
  return place.open();
}
/** What the last store opened has made durable, down to the bytes: equal means nothing was written. */
const fingerprint = () => place.fingerprint();

/** Browser answers for an attempt: all right, or all wrong. */
function answersFor(attempt: QuizAttempt, data: QuizData, right: boolean): BrowserAnswer[] {
  return liveQuestions(attempt.questions, data.questions).map(({ question, optionIds, itemOrder }): BrowserAnswer => {
    switch (question.type) {
      case 'single':
        return { type: 'single', choice: optionIds.findIndex((id) => question.options.find((o) => o.id === id)!.correct === right) };
      case 'multiple':
        return { type: 'multiple', choices: optionIds.flatMap((id, i) => (question.options.find((o) => o.id === id)!.correct === right ? [i] : [])) };
      case 'truefalse':
        return { type: 'truefalse', value: right ? question.answer : !question.answer };
      case 'order':
        return { type: 'order', order: right ? question.items.map((_, item) => itemOrder.indexOf(item)) : itemOrder.map((_, i) => i) };
      case 'number':
        return { type: 'number', text: String(right ? question.answer : question.answer + 1000) };
    }
  });
}

async function started(s: Store, userId = 'u1', data = quiz, now = t0) {
  const result = await startAttempt(s, { userId, quizId: 'basics-final', quiz: data, now, seed: 'fixed-seed' });
  if (!result.started) throw new Error(`refused: ${result.refusal}`);
  return result.attempt;
}

describeEachStore('quiz attempts', (each) => {
  beforeEach(() => void (kind = each));

  describe('starting', () => {
    it('draws with the seed and stores the attempt with its start and deadline', async () => {
      const s = await store();
      const attempt = await started(s, 'u1', timed);
      expect(attempt).toMatchObject({ userId: 'u1', quizId: 'basics-final', seed: 'fixed-seed', startedAt: t0.toISOString(), deadline: after(600).toISOString(), submittedAt: null, score: null });
      expect(attempt.questions.map((q) => q.id).sort()).toEqual(quiz.questions.map((q) => q.id).sort());
      const again = await startAttempt(s, { userId: 'u1', quizId: 'basics-final', quiz: timed, now: t0, seed: 'fixed-seed' });
      expect(again.started && again.attempt.questions).toEqual(attempt.questions);
    });

    it('resumes the open attempt instead of starting another, even when asked at once many times', async () => {
      const s = await store();
      const results = await Promise.all(Array.from({ length: 20 }, () => startAttempt(s, { userId: 'u1', quizId: 'basics-final', quiz, now: t0 })));
      expect(new Set(results.map((r) => r.started && r.attempt.id)).size).toBe(1);
      expect(results.filter((r) => r.started && r.created)).toHaveLength(1);
      expect(await s.read((d) => d.quizAttempts.length)).toBe(1);
    });

    it('is refused during the cooldown, changing nothing, and allowed after it', async () => {
      const s = await store();
      const first = await started(s);
      await submitAttempt(s, { userId: 'u1', attemptId: first.id, quiz, answers: answersFor(first, quiz, false), now: after(30) });
      const before = await fingerprint();
      const refused = await startAttempt(s, { userId: 'u1', quizId: 'basics-final', quiz, now: after(89) });
      expect(refused).toMatchObject({ started: false, refusal: 'cooldown', standing: { kind: 'cooldown', until: after(90).toISOString() } });
      expect(await fingerprint()).toBe(before);
      expect(await startAttempt(s, { userId: 'u1', quizId: 'basics-final', quiz, now: after(90) })).toMatchObject({ started: true, created: true });
    });

    it('is refused beyond the attempt limit and once passed', async () => {
      const s = await store();
      let now = t0;
      for (let i = 0; i < 3; i++) {
        const attempt = await started(s, 'u1', quiz, now);
        await submitAttempt(s, { userId: 'u1', attemptId: attempt.id, quiz, answers: answersFor(attempt, quiz, false), now });
        now = new Date(now.getTime() + 61_000);
      }
      expect(await startAttempt(s, { userId: 'u1', quizId: 'basics-final', quiz, now })).toMatchObject({ started: false, refusal: 'limit' });

      const passer = await started(s, 'u2');
      await submitAttempt(s, { userId: 'u2', attemptId: passer.id, quiz, answers: answersFor(passer, quiz, true), now: after(10) });
      expect(await startAttempt(s, { userId: 'u2', quizId: 'basics-final', quiz, now: after(1000) })).toMatchObject({ started: false, refusal: 'passed' });
    });

    it('after a pass with a term has expired, starts again however many attempts were used before', async () => {
      const s = await store();
      const zone = 'Europe/Moscow';
      expect(quiz.validForMonths).toBe(12);
      // Two failures, then a pass on the last of three attempts.
      let now = t0;
      for (const right of [false, false, true]) {
        const attempt = await started(s, 'u1', quiz, now);
        await submitAttempt(s, { userId: 'u1', attemptId: attempt.id, quiz, answers: answersFor(attempt, quiz, right), now });
        now = new Date(now.getTime() + 61_000);
      }
      // Passed on 10 January 2027 in Moscow: it holds through 10 January 2028, and ends at midnight after it.
      const expiry = new Date('2028-01-10T21:00:00.000Z');
      const before = new Date(expiry.getTime() - 1000);
      expect(await startAttempt(s, { userId: 'u1', quizId: 'basics-final', quiz, now: before, timeZone: zone })).toMatchObject({ started: false, refusal: 'passed' });
      await expect(grantAttempts(s, { userId: 'u1', quizId: 'basics-final', quiz, extra: 1, note: '', grantedBy: 'm1', now: before, timeZone: zone })).rejects.toMatchObject({ code: 'passed' });
      // Without the site's time zone nothing expires: the server always hands it in.
      expect(await startAttempt(s, { userId: 'u1', quizId: 'basics-final', quiz, now: expiry })).toMatchObject({ started: false, refusal: 'passed' });
      const renewing = await startAttempt(s, { userId: 'u1', quizId: 'basics-final', quiz, now: expiry, timeZone: zone });
      expect(renewing).toMatchObject({ started: true, created: true, standing: { kind: 'open', attemptsUsed: 1, attemptsLeft: 2, lapsed: { validUntil: '2028-01-10' } } });
      const page = await quizPageState(s, 'u1', 'basics-final', quiz, new Date(expiry.getTime() + 1000), { timeZone: zone });
      expect(page.standing).toMatchObject({ kind: 'open', attemptsUsed: 1 });
    });

    it('SALESBOOK_QUIZ_COOLDOWN_SECONDS replaces the cooldown when set, and only then', () => {
      expect(quizRules(quiz).cooldownMs).toBe(60_000);
      process.env.SALESBOOK_QUIZ_COOLDOWN_SECONDS = '3';
      expect(quizRules(quiz).cooldownMs).toBe(3_000);
      process.env.SALESBOOK_QUIZ_COOLDOWN_SECONDS = 'soon';
      expect(quizRules(quiz).cooldownMs).toBe(60_000);
    });
  });

  describe('saving and submitting', () => {
    it('saves answers in the content’s terms and shows them again in the shown positions', async () => {
      const s = await store();
      const attempt = await started(s);
      const answers = answersFor(attempt, quiz, true);
      const saved = await saveAnswers(s, { userId: 'u1', attemptId: attempt.id, quiz, answers, now: after(5) });
      expect(saved.answers['response-time']).toEqual({ type: 'single', option: 'a' });
      expect(saved.answers.steps).toEqual({ type: 'order', order: [0, 1, 2] });
      expect(saved.submittedAt).toBeNull();
      expect(attemptForBrowser(saved, quiz, after(5)).answers).toEqual(answers);
    });

    it('grades from the answer key and stores answers, score, result and time', async () => {
      const s = await store();
      const attempt = await started(s);
      const graded = await submitAttempt(s, { userId: 'u1', attemptId: attempt.id, quiz, answers: answersFor(attempt, quiz, true), now: after(40) });
      expect(graded).toMatchObject({ score: 100, passed: true, late: false, submittedAt: after(40).toISOString() });
      expect(graded.results.every((r) => r.outcome === 'right')).toBe(true);
      const wrong = await started(s, 'u2');
      expect(await submitAttempt(s, { userId: 'u2', attemptId: wrong.id, quiz, answers: answersFor(wrong, quiz, false), now: after(40) })).toMatchObject({ score: 0, passed: false });
    });

    it('refuses someone else’s attempt as if it did not exist', async () => {
      const s = await store();
      const attempt = await started(s, 'u1');
      const before = await fingerprint();
      for (const call of [saveAnswers, submitAttempt]) {
        await expect(call(s, { userId: 'u2', attemptId: attempt.id, quiz, answers: answersFor(attempt, quiz, true), now: after(5) })).rejects.toMatchObject({ code: 'not-found' });
      }
      expect(await fingerprint()).toBe(before);
    });

    it('refuses answers that do not fit the attempt, changing nothing', async () => {
      const s = await store();
      const attempt = await started(s);
      const before = await fingerprint();
      const good = answersFor(attempt, quiz, true);
      const bad: BrowserAnswer[][] = [
        good.slice(1),
        [...good, { type: 'truefalse', value: true }],
        good.map((a) => (a.type === 'single' ? { type: 'single', choice: 9 } : a)),
        good.map((a) => (a.type === 'number' ? { type: 'number', text: 'много' } : a)),
        good.map((a) => (a.type === 'single' ? { type: 'truefalse', value: true } : a)),
      ];
      for (const answers of bad) {
        await expect(submitAttempt(s, { userId: 'u1', attemptId: attempt.id, quiz, answers, now: after(5) })).rejects.toBeInstanceOf(QuizError);
      }
      expect(await fingerprint()).toBe(before);
    });

    it('grades an attempt once: a second submission is refused', async () => {
      const s = await store();
      const attempt = await started(s);
      await submitAttempt(s, { userId: 'u1', attemptId: attempt.id, quiz, answers: answersFor(attempt, quiz, false), now: after(5) });
      await expect(submitAttempt(s, { userId: 'u1', attemptId: attempt.id, quiz, answers: answersFor(attempt, quiz, true), now: after(6) })).rejects.toMatchObject({ code: 'submitted' });
      await expect(saveAnswers(s, { userId: 'u1', attemptId: attempt.id, quiz, answers: answersFor(attempt, quiz, true), now: after(6) })).rejects.toMatchObject({ code: 'submitted' });
      expect(await s.read((d) => d.quizAttempts[0]!.score)).toBe(0);
    });

    it('50 submissions of one attempt at once: one is graded, 49 refused', async () => {
      const s = await store();
      const attempt = await started(s);
      const outcomes = await Promise.allSettled(
        Array.from({ length: 50 }, (_, i) => submitAttempt(s, { userId: 'u1', attemptId: attempt.id, quiz, answers: answersFor(attempt, quiz, i % 2 === 0), now: after(5) })),
      );
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      expect(outcomes.filter((o) => o.status === 'rejected' && (o.reason as QuizError).code === 'submitted')).toHaveLength(49);
    });
  });

  describe('the time limit on the server', () => {
    it('takes answers within the deadline and the grace', async () => {
      const s = await store();
      const attempt = await started(s, 'u1', timed);
      const graded = await submitAttempt(s, { userId: 'u1', attemptId: attempt.id, quiz: timed, answers: answersFor(attempt, timed, true), now: after(603) });
      expect(graded).toMatchObject({ score: 100, late: false, submittedAt: after(600).toISOString() });
    });

    it('after that, grades what was saved by the deadline, as submitted at the deadline', async () => {
      const s = await store();
      const attempt = await started(s, 'u1', timed);
      const right = answersFor(attempt, timed, true);
      // Two right answers saved in time; the late submission's all-right answers do not count.
      await saveAnswers(s, { userId: 'u1', attemptId: attempt.id, quiz: timed, answers: right.map((a, i) => (i < 2 ? a : null)), now: after(300) });
      await expect(saveAnswers(s, { userId: 'u1', attemptId: attempt.id, quiz: timed, answers: right, now: after(700) })).rejects.toMatchObject({ code: 'time-up' });
      const graded = await submitAttempt(s, { userId: 'u1', attemptId: attempt.id, quiz: timed, answers: right, now: after(700) });
      expect(graded).toMatchObject({ score: 40, passed: false, late: true, submittedAt: after(600).toISOString() });
    });

    it('shows a run-out attempt nobody submitted as closed without writing; the next start closes it, and a new one begins after the cooldown', async () => {
      const s = await store();
      const attempt = await started(s, 'u1', timed);
      const stored = await quizAttemptsOf(s, 'u1', 'basics-final');
      // Within the grace after the deadline it is still open.
      expect(attemptsAsOf(stored, timed, after(604))).toEqual(stored);
      expect(attemptsAsOf(stored, timed, after(700))).toMatchObject([{ id: attempt.id, late: true, score: 0, passed: false, submittedAt: after(600).toISOString() }]);
      const generation = s.generation;
      const page = await quizPageState(s, 'u1', 'basics-final', timed, after(700));
      expect(page.open).toBeUndefined();
      expect(page.attempts).toMatchObject([{ id: attempt.id, late: true, submittedAt: after(600).toISOString() }]);
      // The page wrote nothing: the store still holds the attempt open.
      expect(s.generation).toBe(generation);
      expect((await quizAttemptsOf(s, 'u1', 'basics-final'))[0]!.submittedAt).toBeNull();
      const refused = await startAttempt(s, { userId: 'u1', quizId: 'basics-final', quiz: timed, now: after(640) });
      expect(refused).toMatchObject({ started: false, refusal: 'cooldown', closed: [{ id: attempt.id, late: true }] });
      expect((await quizAttemptsOf(s, 'u1', 'basics-final'))[0]!.submittedAt).toBe(after(600).toISOString());
      const next = await startAttempt(s, { userId: 'u1', quizId: 'basics-final', quiz: timed, now: after(660) });
      expect(next).toMatchObject({ started: true, created: true });
    });

    it('a start after the deadline closes the old attempt in the same change', async () => {
      const s = await store();
      await started(s, 'u1', { ...timed, cooldownMinutes: 0 });
      const result = await startAttempt(s, { userId: 'u1', quizId: 'basics-final', quiz: { ...timed, cooldownMinutes: 0 }, now: after(2000) });
      expect(result).toMatchObject({ started: true, created: true, closed: [{ late: true }] });
      expect(await s.read((d) => d.quizAttempts.map((a) => a.submittedAt !== null))).toEqual([true, false]);
    });

    it('tells the browser the seconds left, not the deadline', async () => {
      const s = await store();
      const attempt = await started(s, 'u1', timed);
      expect(attemptForBrowser(attempt, timed, after(125)).secondsLeft).toBe(475);
      expect(attemptForBrowser(await started(s, 'u2'), quiz, after(125)).secondsLeft).toBeNull();
    });
  });

  describe('a final quiz that opens once the course’s lessons are done', () => {
    const gates: QuizGate[] = [{ courseId: 'basics', lessons: ['first-contact', 'crm'] }];

    it('refuses a start, naming the lessons left, and writes nothing; it opens with the last lesson', async () => {
      const s = await store();
      const before = await fingerprint();
      const refused = await startAttempt(s, { userId: 'u1', quizId: 'basics-final', quiz, gates, now: t0 });
      expect(refused).toMatchObject({ started: false, refusal: 'locked', lock: { courseId: 'basics', remaining: ['first-contact', 'crm'] } });
      expect(await fingerprint()).toBe(before);
      await completeLesson(s, 'u1', 'basics/first-contact', after(10));
      // Someone else's lessons do not count.
      await completeLesson(s, 'u2', 'basics/crm', after(10));
      expect(await startAttempt(s, { userId: 'u1', quizId: 'basics-final', quiz, gates, now: after(20) })).toMatchObject({ started: false, lock: { remaining: ['crm'] } });
      await completeLesson(s, 'u1', 'basics/crm', after(30));
      expect(await startAttempt(s, { userId: 'u1', quizId: 'basics-final', quiz, gates, now: after(40) })).toMatchObject({ started: true, created: true });
    });

    it('takes no answers and no submission of an attempt begun before it was shut', async () => {
      const s = await store();
      const attempt = await started(s);
      const before = await fingerprint();
      const answers = answersFor(attempt, quiz, true);
      for (const call of [saveAnswers, submitAttempt]) {
        await expect(call(s, { userId: 'u1', attemptId: attempt.id, quiz, answers, gates, now: after(5) })).rejects.toMatchObject({ code: 'locked', detail: { lock: { remaining: ['first-contact', 'crm'] } } });
      }
      expect(await fingerprint()).toBe(before);
      expect((await quizAttemptsOf(s, 'u1'))[0]!.submittedAt).toBeNull();
    });
  });

  describe('questions left unanswered', () => {
    it('are counted and refused until the person confirms, changing nothing; then graded as unanswered', async () => {
      const s = await store();
      const attempt = await started(s);
      const answers = answersFor(attempt, quiz, true).map((a, i) => (i < 2 ? null : a));
      const before = await fingerprint();
      await expect(submitAttempt(s, { userId: 'u1', attemptId: attempt.id, quiz, answers, now: after(5) })).rejects.toMatchObject({ code: 'unanswered', detail: { unanswered: 2 } });
      // An empty number or an empty choice is no answer either.
      const empty = answersFor(attempt, quiz, true).map((a): BrowserAnswer => (a.type === 'number' ? { type: 'number', text: ' ' } : a.type === 'multiple' ? { type: 'multiple', choices: [] } : a));
      await expect(submitAttempt(s, { userId: 'u1', attemptId: attempt.id, quiz, answers: empty, now: after(5) })).rejects.toMatchObject({ code: 'unanswered', detail: { unanswered: 2 } });
      expect(await fingerprint()).toBe(before);
      const graded = await submitAttempt(s, { userId: 'u1', attemptId: attempt.id, quiz, answers, confirmUnanswered: true, now: after(6) });
      expect(graded).toMatchObject({ score: 60, passed: false });
      expect(graded.results.filter((r) => r.outcome === 'unanswered')).toHaveLength(2);
    });

    it('are not asked about once the time is up: what was saved is graded', async () => {
      const s = await store();
      const attempt = await started(s, 'u1', timed);
      const graded = await submitAttempt(s, { userId: 'u1', attemptId: attempt.id, quiz: timed, answers: attempt.questions.map(() => null), now: after(700) });
      expect(graded).toMatchObject({ score: 0, late: true });
    });
  });

  describe('the review', () => {
    it('shows the person’s own answers, their points, and the right answers only when allowed', async () => {
      const s = await store();
      const attempt = await started(s);
      const answers = answersFor(attempt, quiz, true).map((a): BrowserAnswer => {
        if (a.type !== 'multiple') return a;
        return { type: 'multiple', choices: a.choices.slice(0, 1) };
      });
      const graded = await submitAttempt(s, { userId: 'u1', attemptId: attempt.id, quiz, answers, now: after(5) });
      expect(graded.score).toBe(90);
      const hidden = reviewOf(graded, quiz, false);
      const crm = hidden.find((q) => q.text.startsWith('Что нужно записать'))!;
      expect(crm).toMatchObject({ outcome: 'partial', points: 0.5, right: null });
      expect(crm.given).toEqual({ type: 'choice', texts: [expect.stringMatching(/^(Источник заявки|Потребность клиента)$/)] });
      expect(hidden.every((q) => q.right === null)).toBe(true);
      const shown = reviewOf(graded, quiz, true);
      expect(shown.find((q) => q.text.startsWith('Что нужно записать'))!.right).toEqual({ type: 'choice', texts: expect.arrayContaining(['Источник заявки', 'Потребность клиента']) });
      expect(shown.find((q) => q.text.startsWith('Маржа'))).toMatchObject({ given: { type: 'number', value: 40000, unit: '₽' }, right: { type: 'number', value: 40000, tolerance: 0, unit: '₽' } });
    });
  });

  describe('more attempts from a mentor or head', () => {
    async function exhaust(s: Store) {
      let now = t0;
      for (let i = 0; i < 3; i++) {
        const attempt = await started(s, 'u1', quiz, now);
        await submitAttempt(s, { userId: 'u1', attemptId: attempt.id, quiz, answers: answersFor(attempt, quiz, false), now });
        now = new Date(now.getTime() + 61_000);
      }
      return now;
    }

    it('add to the quiz’s own attempts, for that person and quiz only', async () => {
      const s = await store();
      const now = await exhaust(s);
      expect(await startAttempt(s, { userId: 'u1', quizId: 'basics-final', quiz, now })).toMatchObject({ started: false, refusal: 'limit' });
      const grant = await grantAttempts(s, { userId: 'u1', quizId: 'basics-final', quiz, extra: 2, note: 'Разобрали ошибки вместе', grantedBy: 'm1', now });
      expect(grant).toMatchObject({ userId: 'u1', quizId: 'basics-final', extra: 2, grantedBy: 'm1', at: now.toISOString() });
      await grantAttempts(s, { userId: 'u2', quizId: 'basics-final', quiz, extra: 5, note: '', grantedBy: 'm1', now });
      await grantAttempts(s, { userId: 'u1', quizId: 'first-contact', quiz, extra: 5, note: '', grantedBy: 'm1', now });
      const page = await quizPageState(s, 'u1', 'basics-final', quiz, now);
      expect(page.rules.attempts).toBe(5);
      expect(page.standing).toMatchObject({ kind: 'available', attemptsUsed: 3, attemptsLeft: 2 });
      expect(await quizGrantsOf(s, 'u1', 'basics-final')).toHaveLength(1);
      expect(await startAttempt(s, { userId: 'u1', quizId: 'basics-final', quiz, now })).toMatchObject({ started: true, created: true, standing: { attemptsLeft: 1 } });
    });

    it('are refused for a quiz without a limit and after a pass, changing nothing', async () => {
      const s = await store();
      const unlimited = { ...quiz, attempts: 0 };
      const before = await fingerprint();
      await expect(grantAttempts(s, { userId: 'u1', quizId: 'basics-final', quiz: unlimited, extra: 1, note: '', grantedBy: 'm1', now: t0 })).rejects.toMatchObject({ code: 'unlimited' });
      expect(await fingerprint()).toBe(before);
      const attempt = await started(s, 'u2');
      await submitAttempt(s, { userId: 'u2', attemptId: attempt.id, quiz, answers: answersFor(attempt, quiz, true), now: after(5) });
      const passed = await fingerprint();
      await expect(grantAttempts(s, { userId: 'u2', quizId: 'basics-final', quiz, extra: 1, note: '', grantedBy: 'm1', now: after(6) })).rejects.toMatchObject({ code: 'passed' });
      expect(await fingerprint()).toBe(passed);
    });

    it('are checked against the stored schema: at most five at once', async () => {
      const s = await store();
      await expect(grantAttempts(s, { userId: 'u1', quizId: 'basics-final', quiz, extra: 6, note: '', grantedBy: 'm1', now: t0 })).rejects.toThrow(/extra/);
      expect(await quizGrantsOf(s, 'u1')).toEqual([]);
    });
  });
});
