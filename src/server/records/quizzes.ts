import { randomUUID } from 'node:crypto';
import { drawQuestions } from '../../domain/quiz-draw';
import { gradeAttempt } from '../../domain/quiz-grading';
import { answerForBrowser, answerFromBrowser, liveQuestions, presentQuestion, rightAnswer, shownAnswer, type AnswerProblem, type AttemptForBrowser, type LiveQuestion, type ReviewedQuestion } from '../../domain/quiz-presentation';
import { quizLock, type QuizGate, type QuizLock } from '../../domain/learning-path';
import { attemptAllowance, deadlineFor, grantRefusal, isExpired, quizStanding, startRefusal, submissionTiming, type AttemptGrant, type GrantRefusal, type QuizRules, type QuizStanding, type StartRefusal } from '../../domain/quiz-rules';
import type { QuizRecheck } from '../../domain/quiz-recheck';
import type { QuizData } from '../../schemas/quiz';
import type { BrowserAnswer, QuizAnswer } from '../../schemas/quiz-answer';
import type { QuizAttempt, QuizGrant, StoreData } from '../store/data';
import type { Store } from '../store/store';
import type { AuditInput, AuditOf } from '../store/audit';
import * as clock from '../clock';

// Quiz attempts on the server: drawing, saving, grading and closing, each inside one store change.
// Answer keys come in as `quiz` (from quizWithKey) and never leave this module except as grades.

export class QuizError extends Error {
  constructor(
    readonly code: 'not-found' | 'submitted' | 'time-up' | 'bad-answer' | 'locked' | 'unanswered' | StartRefusal | GrantRefusal,
    readonly detail: {
      /** For `bad-answer`, what was wrong with it. */
      problem?: AnswerProblem | 'count';
      /** For `locked`, the course and its lessons still to do. */
      lock?: QuizLock;
      /** For `unanswered`, how many questions have no answer. */
      unanswered?: number;
    } = {},
  ) {
    super(code);
  }
}

/**
 * The rules of a quiz as the server enforces them. SALESBOOK_QUIZ_COOLDOWN_SECONDS, when set,
 * replaces every quiz's cooldown: for tests and demonstrations, never needed in production. A quiz
 * with `validForMonths` has passes that expire, counted in `timeZone` (the site's).
 */
export function quizRules(quiz: QuizData, grants: readonly AttemptGrant[] = [], timeZone?: string): QuizRules {
  const override = process.env.SALESBOOK_QUIZ_COOLDOWN_SECONDS;
  const seconds = override !== undefined && override.trim() !== '' ? Number(override) : Number.NaN;
  return {
    passScore: quiz.passScore,
    attempts: attemptAllowance(quiz.attempts, grants),
    cooldownMs: Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : quiz.cooldownMinutes * 60_000,
    timeLimitMs: quiz.timeLimitMinutes === undefined ? null : quiz.timeLimitMinutes * 60_000,
    ...(quiz.validForMonths !== undefined && timeZone !== undefined && { validity: { months: quiz.validForMonths, timeZone } }),
  };
}

const liveOf = (attempt: QuizAttempt, quiz: QuizData) => liveQuestions(attempt.questions, quiz.questions);

/** The attempt graded with `answers`, as submitted at `at`: a new record, since stored ones are never edited. */
function graded(attempt: QuizAttempt, quiz: QuizData, answers: Record<string, QuizAnswer>, at: Date, late: boolean): QuizAttempt {
  const grade = gradeAttempt(liveOf(attempt, quiz).map((l) => l.question), answers, quiz.passScore);
  return { ...attempt, answers, submittedAt: at.toISOString(), late, score: grade.score, passed: grade.passed, results: grade.results };
}

/** Inside a store change: closes the person's attempts at this quiz that ran out, graded with what was saved by the deadline. */
function closeExpired(data: StoreData, userId: string, quizId: string, quiz: QuizData, now: Date): QuizAttempt[] {
  const closed: QuizAttempt[] = [];
  data.quizAttempts.forEach((attempt, index) => {
    if (attempt.userId !== userId || attempt.quizId !== quizId || !isExpired(attempt, now)) return;
    const closing = graded(attempt, quiz, attempt.answers, new Date(attempt.deadline!), true);
    data.quizAttempts[index] = closing;
    closed.push(closing);
  });
  return closed;
}

/** A person's grants at one quiz, inside a store change or from a read. */
const grantsIn = (data: Pick<StoreData, 'quizGrants'>, userId: string, quizId: string) => data.quizGrants.filter((g) => g.userId === userId && g.quizId === quizId);

/** What keeps the quiz shut for the person now, from the lessons they have marked done; null when it is open. */
function lockIn(data: StoreData, userId: string, gates: readonly QuizGate[] | undefined): QuizLock | null {
  if (!gates?.length) return null;
  return quizLock(gates, data.lessonCompletions.filter((c) => c.userId === userId));
}

/** Browser answers, by position, in the content's terms; a misfit answer refuses the whole lot. */
function canonicalAnswers(live: LiveQuestion[], answers: readonly (BrowserAnswer | null)[]): Record<string, QuizAnswer> {
  if (answers.length !== live.length) throw new QuizError('bad-answer', { problem: 'count' });
  const out: Record<string, QuizAnswer> = {};
  answers.forEach((answer, index) => {
    if (answer === null) return;
    const result = answerFromBrowser(live[index]!, answer);
    if ('problem' in result) throw new QuizError('bad-answer', { problem: result.problem });
    if (result.answer) out[live[index]!.question.id] = result.answer;
  });
  return out;
}

/** The index of a person's attempt in the store. */
function ownAttemptIndex(data: StoreData, userId: string, attemptId: string): number {
  // Someone else's attempt reads exactly like one that does not exist.
  const index = data.quizAttempts.findIndex((a) => a.id === attemptId && a.userId === userId);
  if (index < 0) throw new QuizError('not-found');
  return index;
}

/** The questions a person must answer again of a quiz, from their attempts at it (`quizRecheck` with the content). */
export type RecheckOf = (attempts: readonly QuizAttempt[]) => QuizRecheck | null;

export interface StartInput {
  userId: string;
  quizId: string;
  quiz: QuizData;
  /** The versions of the quiz's documents now (`quizDocVersions`), kept with the attempt; unknown (null) when absent. */
  docVersions?: Record<string, string>;
  /** What must be answered again after a pass; a passed quiz takes no attempt without it. */
  recheck?: RecheckOf;
  /** The courses that end with this quiz and open it only once their lessons are done (`quizGates`). */
  gates?: readonly QuizGate[];
  now?: Date;
  /** The seed of the draw; random when absent. */
  seed?: string;
  /** The site's time zone, by which a pass of a quiz with `validForMonths` expires. */
  timeZone?: string;
}

export type StartResult = { closed: QuizAttempt[]; standing: QuizStanding } & (
  | { started: true; attempt: QuizAttempt; created: boolean }
  | { started: false; refusal: StartRefusal }
  | { started: false; refusal: 'locked'; lock: QuizLock }
);

/**
 * Starts an attempt: draws the questions and stores them with the start time and the documents'
 * versions. An open attempt is returned instead of a new one (one open attempt per person and quiz);
 * a pass, the attempt limit or a cooldown refuses. After a pass with questions to answer again
 * (`recheck`), the attempt is a recheck drawn from those questions only. Attempts that ran out are
 * closed first, and returned as `closed`.
 */
export async function startAttempt(store: Store, input: StartInput, audit?: AuditOf<StartResult>): Promise<StartResult> {
  const { userId, quizId, quiz } = input;
  const now = input.now ?? clock.now();
  return store.mutate((data): StartResult => {
    const rules = quizRules(quiz, grantsIn(data, userId, quizId), input.timeZone);
    const closed = closeExpired(data, userId, quizId, quiz, now);
    const mine = data.quizAttempts.filter((a) => a.userId === userId && a.quizId === quizId);
    const recheck = input.recheck?.(mine) ?? null;
    const standing = quizStanding(rules, mine, now, recheck !== null);
    // A final quiz shut by its course's lessons takes nothing, not even an attempt begun before it was.
    const lock = lockIn(data, userId, input.gates);
    if (lock) return { started: false, refusal: 'locked', lock, closed, standing };
    if (standing.kind === 'open') {
      const open = mine.find((a) => a.submittedAt === null)!;
      return { started: true, attempt: open, created: false, closed, standing };
    }
    const refusal = startRefusal(standing);
    if (refusal) return { started: false, refusal, closed, standing };
    const seed = input.seed ?? randomUUID();
    const reopened = standing.kind === 'recheck' && recheck ? new Set(recheck.questions) : undefined;
    const attempt: QuizAttempt = {
      id: randomUUID(),
      userId,
      quizId,
      kind: reopened ? 'recheck' : 'full',
      docVersions: input.docVersions ?? null,
      seed,
      startedAt: now.toISOString(),
      deadline: deadlineFor(now, rules),
      questions: drawQuestions(reopened ? quiz.questions.filter((q) => reopened.has(q.id)) : quiz.questions, quiz, seed),
      answers: {},
      submittedAt: null,
      late: false,
      score: null,
      passed: null,
      results: [],
    };
    data.quizAttempts.push(attempt);
    return { started: true, attempt, created: true, closed, standing: quizStanding(rules, [...mine, attempt], now, recheck !== null) };
  }, audit);
}

export interface AnswerInput {
  userId: string;
  attemptId: string;
  quiz: QuizData;
  answers: readonly (BrowserAnswer | null)[];
  /** As for a start: a final quiz shut by its course's lessons takes no answers. */
  gates?: readonly QuizGate[];
  now?: Date;
}

/** Saves the answers of an open attempt as they are so far; refused once submitted or out of time. */
export async function saveAnswers(store: Store, input: AnswerInput, audit?: AuditOf<QuizAttempt>): Promise<QuizAttempt> {
  const now = input.now ?? clock.now();
  return store.mutate((data) => {
    const index = ownAttemptIndex(data, input.userId, input.attemptId);
    const attempt = data.quizAttempts[index]!;
    if (attempt.submittedAt !== null) throw new QuizError('submitted');
    const lock = lockIn(data, input.userId, input.gates);
    if (lock) throw new QuizError('locked', { lock });
    if (submissionTiming(attempt, now).late) throw new QuizError('time-up');
    const saved = { ...attempt, answers: canonicalAnswers(liveOf(attempt, input.quiz), input.answers) };
    data.quizAttempts[index] = saved;
    return saved;
  }, audit);
}

export interface SubmitInput extends AnswerInput {
  /** The person saw how many questions have no answer and sends anyway (or the time ran out). */
  confirmUnanswered?: boolean;
}

/**
 * Grades an attempt once. Answers that arrive in time are graded; after the deadline and its grace,
 * the answers saved by the deadline are graded instead, as submitted at the deadline. A second
 * submission of the same attempt is refused, and so is one with questions left unanswered until the
 * person confirms it: nothing is stored then, and the attempt stays open.
 */
export async function submitAttempt(store: Store, input: SubmitInput, audit?: AuditOf<QuizAttempt>): Promise<QuizAttempt> {
  const now = input.now ?? clock.now();
  return store.mutate((data) => {
    const index = ownAttemptIndex(data, input.userId, input.attemptId);
    const attempt = data.quizAttempts[index]!;
    if (attempt.submittedAt !== null) throw new QuizError('submitted');
    const lock = lockIn(data, input.userId, input.gates);
    if (lock) throw new QuizError('locked', { lock });
    const timing = submissionTiming(attempt, now);
    const live = liveOf(attempt, input.quiz);
    const answers = timing.late ? attempt.answers : canonicalAnswers(live, input.answers);
    const unanswered = live.filter((l) => answers[l.question.id] === undefined).length;
    if (!timing.late && unanswered > 0 && !input.confirmUnanswered) throw new QuizError('unanswered', { unanswered });
    const submitted = graded(attempt, input.quiz, answers, timing.at, timing.late);
    data.quizAttempts[index] = submitted;
    return submitted;
  }, audit);
}

/** A person's attempt by id, or undefined when it is not theirs. */
export async function ownAttemptById(store: Store, userId: string, attemptId: string): Promise<QuizAttempt | undefined> {
  return store.read((data) => data.quizAttempts.find((a) => a.id === attemptId && a.userId === userId));
}

/** A person's attempts, oldest first; at one quiz when `quizId` is given. */
export async function quizAttemptsOf(store: Store, userId: string, quizId?: string): Promise<QuizAttempt[]> {
  const attempts = await store.read((data) => data.quizAttempts.filter((a) => a.userId === userId && (quizId === undefined || a.quizId === quizId)));
  return attempts.sort((a, b) => a.startedAt.localeCompare(b.startedAt));
}

/**
 * Attempts as they stand at `now`, for a page: one that ran out shows closed, graded on what was saved
 * by its deadline, as the store will close it at the person's next change. Nothing is written.
 */
export function attemptsAsOf(attempts: readonly QuizAttempt[], quiz: QuizData, now = clock.now()): QuizAttempt[] {
  return attempts.map((attempt) => (isExpired(attempt, now) ? graded(attempt, quiz, attempt.answers, new Date(attempt.deadline!), true) : attempt));
}

/** One audit entry per attempt closed at its deadline. */
export function closedEntries(closed: readonly QuizAttempt[]): AuditInput[] {
  return closed.map((attempt) => ({
    actor: 'system',
    action: 'quiz.close',
    subject: `quiz:${attempt.quizId}`,
    details: { attemptId: attempt.id, userId: attempt.userId, score: attempt.score, passed: attempt.passed, deadline: attempt.deadline },
  }));
}

/** An open attempt as the browser may have it. */
export function attemptForBrowser(attempt: QuizAttempt, quiz: QuizData, now = clock.now()): AttemptForBrowser {
  const live = liveOf(attempt, quiz);
  return {
    id: attempt.id,
    questions: live.map(presentQuestion),
    answers: live.map((l) => answerForBrowser(l, attempt.answers[l.question.id])),
    secondsLeft: attempt.deadline === null ? null : Math.max(0, Math.floor((Date.parse(attempt.deadline) - now.getTime()) / 1000)),
  };
}

/**
 * The review of a graded attempt, with each question's document link as written in the content
 * (`doc-id#section`): the person's own answers always, the right ones only when `revealRight` (the
 * quiz rules' `revealsRightAnswers`).
 */
export function reviewOf(attempt: QuizAttempt, quiz: QuizData, revealRight: boolean): (Omit<ReviewedQuestion, 'doc'> & { doc: string | null })[] {
  return liveOf(attempt, quiz).map((live) => {
    const { question } = live;
    const result = attempt.results.find((r) => r.id === question.id);
    return {
      text: question.text,
      outcome: result?.outcome ?? 'unanswered',
      points: result?.points ?? 0,
      explanation: question.explanation,
      given: shownAnswer(live, attempt.answers[question.id]),
      right: revealRight ? rightAnswer(live) : null,
      doc: question.doc ?? null,
    };
  });
}

/** The attempts given to a person beyond a quiz's own limit, oldest first; at one quiz when `quizId` is given. */
export async function quizGrantsOf(store: Store, userId: string, quizId?: string): Promise<QuizGrant[]> {
  const grants = await store.read((data) => data.quizGrants.filter((g) => g.userId === userId && (quizId === undefined || g.quizId === quizId)));
  return grants.sort((a, b) => a.at.localeCompare(b.at));
}

/**
 * A person's standing with a quiz and their open attempt, for a page: attempts that ran out count as
 * closed, so the page shows what really stands; rendering writes nothing. The rules count the
 * attempts given by a mentor or head (`grants`), and a pass expires in the site's `timeZone`;
 * `recheckOf` says what a pass must answer again.
 */
export async function quizPageState(store: Store, userId: string, quizId: string, quiz: QuizData, now = clock.now(), options: { recheckOf?: RecheckOf | undefined; timeZone?: string | undefined } = {}) {
  const [stored, grants] = await Promise.all([quizAttemptsOf(store, userId, quizId), quizGrantsOf(store, userId, quizId)]);
  const attempts = attemptsAsOf(stored, quiz, now);
  const rules = quizRules(quiz, grants, options.timeZone);
  const recheck = options.recheckOf?.(attempts) ?? null;
  const standing = quizStanding(rules, attempts, now, recheck !== null);
  const open = standing.kind === 'open' ? attempts.find((a) => a.submittedAt === null) : undefined;
  return { standing, open, attempts, grants, rules, recheck };
}

export interface GrantInput {
  userId: string;
  quizId: string;
  quiz: QuizData;
  extra: number;
  note: string;
  /** Who gives them: the server's signed-in person, never input. */
  grantedBy: string;
  now?: Date;
  /** The site's time zone: a pass that has expired no longer stops a grant. */
  timeZone?: string;
}

/**
 * Gives a person more attempts at a quiz. Refused for a quiz without a limit (`unlimited`) and once
 * the person has passed it (`passed`), both checked inside the store change.
 */
export async function grantAttempts(store: Store, input: GrantInput, audit?: AuditOf<QuizGrant>): Promise<QuizGrant> {
  const now = input.now ?? clock.now();
  return store.mutate((data) => {
    const grants = grantsIn(data, input.userId, input.quizId);
    const attempts = data.quizAttempts.filter((a) => a.userId === input.userId && a.quizId === input.quizId);
    const standing = quizStanding(quizRules(input.quiz, grants, input.timeZone), attempts, now);
    const refusal = grantRefusal(input.quiz, standing);
    if (refusal) throw new QuizError(refusal);
    const grant: QuizGrant = {
      id: randomUUID(),
      userId: input.userId,
      quizId: input.quizId,
      extra: input.extra,
      note: input.note,
      grantedBy: input.grantedBy,
      at: now.toISOString(),
    };
    data.quizGrants.push(grant);
    return grant;
  }, audit);
}
