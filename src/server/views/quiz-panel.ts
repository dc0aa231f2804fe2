import { allDocs, currentDocVersions, quizWithKey, sectionChangesSince, siteSettings } from '../../content';
import type { AttemptForBrowser } from '../../domain/quiz-presentation';
import { quizDocVersions, quizRecheck, type QuizRecheck } from '../../domain/quiz-recheck';
import { standingForBrowser, type BrowserStanding } from '../../domain/quiz-rules';
import { versionOn } from '../../domain/versions';
import type { QuizData } from '../../schemas/quiz';
import { daysLeft, expiryStage } from '../../domain/validity';
import * as clock from '../clock';
import type { PublicUser } from '../store/data';
import type { Store } from '../store/store';
import { attemptForBrowser, quizPageState, type RecheckOf } from '../records/quizzes';
import { quizLockFor, type QuizLockView } from './learning';

/**
 * What an attempt at a quiz is judged against now: the versions of its documents, to keep with a new
 * attempt, and what a person's pass must answer again (`quizRecheck`), with the content served.
 */
export async function quizCurrency(quiz: QuizData): Promise<{ docVersions: Record<string, string>; recheckOf: RecheckOf }> {
  const [currentVersions, docs] = await Promise.all([currentDocVersions(), allDocs()]);
  const changesOf = new Map(docs.map((doc) => [doc.id, doc.data.changes]));
  return {
    docVersions: quizDocVersions(quiz.questions, currentVersions),
    recheckOf: (attempts) =>
      quizRecheck({
        questions: quiz.questions,
        attempts,
        currentVersions,
        sectionChanges: sectionChangesSince,
        versionOn: (docId, day) => versionOn(changesOf.get(docId) ?? [], day),
      }),
  };
}

/** What a quiz panel shows: the quiz's rules, and the person's standing and open attempt as a browser may have them. */
export interface QuizPanelData {
  quizId: string;
  title: string;
  /** Questions each attempt draws. */
  questions: number;
  passScore: number;
  /** The person's attempts: the quiz's own number and those given by a mentor or head; 0 for no limit. */
  attempts: number;
  /** How many of them a mentor or head gave. */
  extraAttempts: number;
  cooldownMinutes: number;
  timeLimitMinutes: number | undefined;
  standing: BrowserStanding;
  attempt: AttemptForBrowser | null;
  /** What keeps a final quiz shut until its course's lessons are done; null when it is open. */
  lock: QuizLockView | null;
  /** After a pass: the questions to answer again because sections they are tied to changed, and why. */
  recheck: { questions: number; causes: QuizRecheck['causes'] } | null;
  /** Months a pass holds (`validForMonths`); undefined: for good. */
  validForMonths: number | undefined;
  /**
   * For a quiz whose passes expire: the person's pass holds (until `validUntil`, `daysLeft` more days,
   * `soon` within the notice days), or it has expired (on `expiredOn`); null otherwise.
   */
  term:
    | { kind: 'holds'; validUntil: string; daysLeft: number; soon: boolean }
    | { kind: 'lapsed'; expiredOn: string }
    | null;
}

/**
 * The quiz panel of a page, for one person. The answer key is read here on the server; only the
 * questions drawn for the open attempt go out. Nothing is written (see quizPageState).
 */
export async function quizPanel(store: Store, user: PublicUser, quizId: string, now = clock.now()): Promise<QuizPanelData> {
  const entry = await quizWithKey(quizId);
  if (!entry) throw new Error(`Salesbook: quiz "${quizId}" is missing; the content check should have caught it.`);
  const quiz = entry.data;
  const { recheckOf } = await quizCurrency(quiz);
  const site = await siteSettings();
  const [{ standing, open, rules, grants, recheck }, lock] = await Promise.all([quizPageState(store, user.id, quizId, quiz, now, { recheckOf, timeZone: site.timeZone }), quizLockFor(store, user.id, quizId)]);
  const expiry = { now, timeZone: site.timeZone };
  const term: QuizPanelData['term'] =
    standing.kind === 'passed' && standing.validity
      ? { kind: 'holds', validUntil: standing.validity.validUntil, daysLeft: daysLeft(standing.validity, expiry), soon: expiryStage(standing.validity, expiry, site.policies.expiryNoticeDays) === 'soon' }
      : standing.lapsed
        ? { kind: 'lapsed', expiredOn: standing.lapsed.expiredOn }
        : null;
  return {
    quizId,
    title: quiz.title,
    questions: Math.min(quiz.draw ?? quiz.questions.length, quiz.questions.length),
    passScore: quiz.passScore,
    attempts: rules.attempts,
    extraAttempts: grants.reduce((sum, g) => sum + g.extra, 0),
    cooldownMinutes: quiz.cooldownMinutes,
    timeLimitMinutes: quiz.timeLimitMinutes,
    standing: standingForBrowser(standing, now),
    // A shut quiz shows no questions, even of an attempt begun before it was shut.
    attempt: open && !lock ? attemptForBrowser(open, quiz, now) : null,
    lock,
    recheck: recheck && { questions: Math.min(quiz.draw ?? recheck.questions.length, recheck.questions.length), causes: recheck.causes },
    validForMonths: quiz.validForMonths,
    term,
  };
}
