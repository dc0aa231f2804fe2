import { ActionError, defineAction, type ActionAPIContext } from 'astro:actions';
import { z } from 'astro/zod';
import { courseWithLessons, lessonInCourse, quizGates, quizWithKey, resolveDocLinks, siteSettings } from '../content';
import type { QuizLock } from '../domain/learning-path';
import type { GradeForBrowser, ReviewedQuestion, StartForBrowser } from '../domain/quiz-presentation';
import { MAX_EXTRA_ATTEMPTS, revealsRightAnswers, standingForBrowser } from '../domain/quiz-rules';
import type { Translator } from '../i18n';
import { browserAnswerSchema } from '../schemas/quiz-answer';
import { FeedbackError, leaveCourseFeedback } from '../server/records/course-feedback';
import { authorize, personActedOn } from './guard';
import { describeLock, myCourse } from '../server/views/learning';
import { quizCurrency } from '../server/views/quiz-panel';
import { completeLesson } from '../server/records/lessons';
import {
  attemptForBrowser,
  closedEntries,
  grantAttempts,
  ownAttemptById,
  QuizError,
  quizPageState,
  reviewOf,
  saveAnswers,
  startAttempt,
  submitAttempt,
} from '../server/records/quizzes';
import { services } from '../server/services';
import type { QuizAttempt } from '../server/store/data';
import * as clock from '../server/clock';

// Lessons, quiz attempts and course feedback. The browser sends only what the person chose; the
// server draws, times and grades, and answers with grades only after it has stored them.

const id = z.string().min(1).max(64);
const answersInput = z.strictObject({ attemptId: id, answers: z.array(browserAnswerSchema.nullable()).max(200) });
const submitInput = answersInput.extend({
  /** The person saw how many questions have no answer and sends anyway. */
  confirmUnanswered: z.boolean().optional(),
});

/** A lock as one sentence: the course and the lessons still to do. */
async function lockedMessage(lock: QuizLock, t: Translator['t']): Promise<string> {
  const view = await describeLock(lock);
  return t('quiz.error.locked', { course: view.course.title, lessons: view.lessons.map((l) => t('quiz.lessonName', { title: l.title })).join(', ') });
}

async function quizError(error: unknown, t: Translator['t'], minutesToRetry = 1): Promise<never> {
  if (!(error instanceof QuizError)) throw error;
  switch (error.code) {
    case 'not-found':
      throw new ActionError({ code: 'NOT_FOUND', message: t('quiz.error.notFound') });
    case 'submitted':
      throw new ActionError({ code: 'CONFLICT', message: t('quiz.error.submitted') });
    case 'time-up':
      throw new ActionError({ code: 'CONFLICT', message: t('quiz.error.timeUp') });
    case 'bad-answer':
      throw new ActionError({ code: 'BAD_REQUEST', message: t(error.detail.problem === 'number' ? 'quiz.error.number' : 'quiz.error.badAnswer') });
    case 'locked':
      throw new ActionError({ code: 'FORBIDDEN', message: await lockedMessage(error.detail.lock!, t) });
    // The island asks the person to confirm and sends again with `confirmUnanswered`.
    case 'unanswered':
      throw new ActionError({ code: 'PRECONDITION_REQUIRED', message: t('quiz.error.unanswered', { count: error.detail.unanswered ?? 0 }) });
    case 'passed':
      throw new ActionError({ code: 'CONFLICT', message: t('quiz.error.passed') });
    case 'limit':
      throw new ActionError({ code: 'FORBIDDEN', message: t('quiz.error.limit') });
    case 'cooldown':
      throw new ActionError({ code: 'TOO_MANY_REQUESTS', message: t('quiz.error.cooldown', { minutes: minutesToRetry }) });
    case 'unlimited':
      throw new ActionError({ code: 'CONFLICT', message: t('grant.error.unlimited') });
  }
}

async function requireQuiz(quizId: string, t: Translator['t']) {
  const quiz = await quizWithKey(quizId);
  if (!quiz) throw new ActionError({ code: 'NOT_FOUND', message: t('quiz.error.noQuiz') });
  return quiz.data;
}

/** Who asks, with their own attempt and its quiz; someone else's attempt reads as missing (404). */
async function ownAttempt(context: Pick<ActionAPIContext, 'locals'>, attemptId: string) {
  const user = authorize(context, 'quiz.take');
  const { t } = context.locals.i18n;
  const { store } = await services();
  const attempt = await ownAttemptById(store, user.id, attemptId);
  if (!attempt) throw new ActionError({ code: 'NOT_FOUND', message: t('quiz.error.notFound') });
  return { user, t, store, attempt, quiz: await requireQuiz(attempt.quizId, t) };
}

const auditDetails = (attempt: QuizAttempt) => ({ attemptId: attempt.id, kind: attempt.kind, score: attempt.score, passed: attempt.passed, late: attempt.late });

export const learningActions = {
  completeLesson: defineAction({
    accept: 'form',
    input: z.object({ courseId: id, lessonId: id }),
    handler: async (input, context) => {
      const user = authorize(context, 'lesson.complete');
      const { t } = context.locals.i18n;
      const found = await lessonInCourse(input.courseId, input.lessonId);
      if (!found) throw new ActionError({ code: 'NOT_FOUND', message: t('lesson.notInCourse') });
      const { store } = await services();
      const { completion } = await completeLesson(store, user.id, found.lesson.id, clock.now(), (r) => r.added && { actor: user.id, action: 'lesson.complete', subject: `lesson:${found.lesson.id}`, details: {} });
      return { at: completion.at };
    },
  }),

  startQuizAttempt: defineAction({
    input: z.strictObject({ quizId: id }),
    handler: async (input, context) => {
      const user = authorize(context, 'quiz.take');
      const { t } = context.locals.i18n;
      const quiz = await requireQuiz(input.quizId, t);
      const { store } = await services();
      const now = clock.now();
      const [gates, site] = await Promise.all([quizGates(input.quizId), siteSettings()]);
      const { docVersions, recheckOf } = await quizCurrency(quiz);
      const result = await startAttempt(store, { userId: user.id, quizId: input.quizId, quiz, gates, now, docVersions, recheck: recheckOf, timeZone: site.timeZone }, (r) => [
        ...closedEntries(r.closed),
        r.started && r.created && { actor: user.id, action: 'quiz.start', subject: `quiz:${input.quizId}`, details: { attemptId: r.attempt.id, kind: r.attempt.kind } },
      ]);
      if (!result.started) {
        if (result.refusal === 'locked') return quizError(new QuizError('locked', { lock: result.lock }), t);
        const until = result.standing.kind === 'cooldown' ? Date.parse(result.standing.until) : now.getTime();
        return quizError(new QuizError(result.refusal), t, Math.max(1, Math.ceil((until - now.getTime()) / 60_000)));
      }
      return { attempt: attemptForBrowser(result.attempt, quiz, now), standing: standingForBrowser(result.standing, now) } satisfies StartForBrowser;
    },
  }),

  saveQuizAnswers: defineAction({
    input: answersInput,
    handler: async (input, context) => {
      const { user, t, store, attempt, quiz } = await ownAttempt(context, input.attemptId);
      try {
        const saved = await saveAnswers(store, { userId: user.id, attemptId: attempt.id, quiz, answers: input.answers, gates: await quizGates(attempt.quizId) }, (saved) => ({
          actor: user.id,
          action: 'quiz.save',
          subject: `quiz:${attempt.quizId}`,
          details: { attemptId: attempt.id, answered: Object.keys(saved.answers).length },
        }));
        return { answered: Object.keys(saved.answers).length };
      } catch (error) {
        return quizError(error, t);
      }
    },
  }),

  submitQuizAttempt: defineAction({
    input: submitInput,
    handler: async (input, context) => {
      const { user, t, store, attempt, quiz } = await ownAttempt(context, input.attemptId);
      let graded: QuizAttempt;
      try {
        const gates = await quizGates(attempt.quizId);
        const submission = { userId: user.id, attemptId: attempt.id, quiz, answers: input.answers, gates, confirmUnanswered: input.confirmUnanswered ?? false };
        graded = await submitAttempt(store, submission, (graded) => ({
          actor: user.id,
          action: 'quiz.submit',
          subject: `quiz:${graded.quizId}`,
          details: auditDetails(graded),
        }));
      } catch (error) {
        return quizError(error, t);
      }
      const now = clock.now();
      const { standing } = await quizPageState(store, user.id, graded.quizId, quiz, now, { recheckOf: (await quizCurrency(quiz)).recheckOf, timeZone: (await siteSettings()).timeZone });
      const rightAnswersShown = revealsRightAnswers(standing);
      const review = await Promise.all(
        reviewOf(graded, quiz, rightAnswersShown).map(async ({ doc, ...question }) => {
          const [target] = doc ? await resolveDocLinks([doc]) : [];
          const link = target ? { href: target.href, title: target.title } : null;
          return { ...question, doc: link } satisfies ReviewedQuestion;
        }),
      );
      return {
        score: graded.score!,
        passed: graded.passed!,
        late: graded.late,
        passScore: quiz.passScore,
        review,
        rightAnswersShown,
        standing: standingForBrowser(standing, now),
      } satisfies GradeForBrowser;
    },
  }),

  /** A person's mentor or a head gives them more attempts at a quiz; a plain form, with or without JavaScript. */
  grantQuizAttempts: defineAction({
    accept: 'form',
    input: z.object({
      userId: id,
      quizId: id,
      extra: z.number().int().min(1).max(MAX_EXTRA_ATTEMPTS),
      note: z.string().trim().max(500).optional(),
    }),
    handler: async (input, context) => {
      const { t } = context.locals.i18n;
      const { store } = await services();
      const { person, actor } = await personActedOn(context, store, input.userId, 'quiz.grantAttempts');
      const quiz = await requireQuiz(input.quizId, t);
      try {
        const timeZone = (await siteSettings()).timeZone;
        const grant = await grantAttempts(store, { userId: person.id, quizId: input.quizId, quiz, extra: input.extra, note: input.note ?? '', grantedBy: actor.id, timeZone }, (grant) => ({
          actor: actor.id,
          action: 'quiz.grantAttempts',
          subject: `user:${person.id}`,
          details: { grantId: grant.id, quizId: grant.quizId, extra: grant.extra, note: grant.note },
        }));
        return { quizId: grant.quizId, extra: grant.extra };
      } catch (error) {
        return quizError(error, t);
      }
    },
  }),

  leaveCourseFeedback: defineAction({
    accept: 'form',
    input: z.object({
      courseId: id,
      rating: z.number().int().min(1).max(5),
      comment: z.string().trim().max(2000).nullish(),
    }),
    handler: async (input, context) => {
      const user = authorize(context, 'course.feedback');
      const { t } = context.locals.i18n;
      const found = await courseWithLessons(input.courseId);
      if (!found) throw new ActionError({ code: 'NOT_FOUND', message: t('error.notFound') });
      const { store } = await services();
      const { progress } = await myCourse(store, user, found.course);
      if (!progress.complete) throw new ActionError({ code: 'FORBIDDEN', message: t('feedback.notComplete') });
      try {
        const feedback = await leaveCourseFeedback(store, { userId: user.id, courseId: found.course.id, rating: input.rating, comment: input.comment || null }, clock.now(), (feedback) => ({
          actor: user.id,
          action: 'course.feedback',
          subject: `course:${found.course.id}`,
          details: { rating: feedback.rating, comment: feedback.comment !== null },
        }));
        return { rating: feedback.rating };
      } catch (error) {
        if (error instanceof FeedbackError) throw new ActionError({ code: 'CONFLICT', message: t('feedback.already') });
        throw error;
      }
    },
  }),
};
