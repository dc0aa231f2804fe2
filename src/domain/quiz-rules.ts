import { hasExpired, validityOf, type Validity } from './validity';

/** How long a pass of a quiz holds: the quiz's `validForMonths`, counted in the site's time zone. */
export interface QuizValidity {
  months: number;
  timeZone: string;
}

/** The rules of one quiz, as the server enforces them. */
export interface QuizRules {
  /** Percent needed to pass. */
  passScore: number;
  /** How many attempts a person has; 0 means no limit. */
  attempts: number;
  /** How long to wait after a failed attempt before the next one. */
  cooldownMs: number;
  /** How long an attempt may last; null for no limit. */
  timeLimitMs: number | null;
  /** How long a pass holds; absent: for good. */
  validity?: QuizValidity | undefined;
}

/** What the rules need to know of an attempt. */
export interface AttemptTimes {
  startedAt: string;
  /** Fixed when the attempt starts, so a later change of the time limit does not move it. */
  deadline: string | null;
  submittedAt: string | null;
  score: number | null;
  passed: boolean | null;
}

/**
 * How long after the deadline a submission still counts, for the network between a browser whose
 * timer ran out and the server. Later than that, the answers saved by the deadline are graded.
 */
export const SUBMIT_GRACE_MS = 5_000;

/** The deadline of an attempt starting at `startedAt`, or null without a time limit. */
export function deadlineFor(startedAt: Date, rules: Pick<QuizRules, 'timeLimitMs'>): string | null {
  return rules.timeLimitMs === null ? null : new Date(startedAt.getTime() + rules.timeLimitMs).toISOString();
}

/** Whether an attempt is still open but past its deadline and the grace: it must be closed at the deadline. */
export function isExpired(attempt: Pick<AttemptTimes, 'deadline' | 'submittedAt'>, now: Date): boolean {
  return attempt.submittedAt === null && attempt.deadline !== null && now.getTime() > Date.parse(attempt.deadline) + SUBMIT_GRACE_MS;
}

/**
 * When a submission arriving `now` counts as submitted, and whether its answers count. Within the
 * time limit and the grace, they do; later (`late`), the attempt is graded with the answers saved
 * by the deadline and recorded as submitted at the deadline.
 */
export function submissionTiming(attempt: Pick<AttemptTimes, 'deadline'>, now: Date): { at: Date; late: boolean } {
  if (attempt.deadline === null || now.getTime() <= Date.parse(attempt.deadline)) return { at: now, late: false };
  const deadline = new Date(attempt.deadline);
  return { at: deadline, late: now.getTime() > deadline.getTime() + SUBMIT_GRACE_MS };
}

interface StandingBase {
  /** Attempts started so far, open or finished. */
  attemptsUsed: number;
  /** Attempts still allowed; null when there is no limit. */
  attemptsLeft: number | null;
  /** The best score of the finished attempts. */
  bestScore: number | null;
  /** The score of the last finished attempt. */
  lastScore: number | null;
  /**
   * Set when the latest pass has expired: when it stopped holding. The quiz is to be passed again,
   * and attempts, their limit and the cooldown count from that moment.
   */
  lapsed?: Validity;
}

/** Where a person stands with a quiz at a moment. */
export type QuizStanding = StandingBase &
  (
    | { kind: 'available' }
    | { kind: 'open'; startedAt: string; deadline: string | null }
    | { kind: 'cooldown'; until: string }
    | { kind: 'passed'; passedAt: string; validity?: Validity }
    /** Passed, but questions tied to a changed document section must be answered again (quiz-recheck.ts). */
    | { kind: 'recheck'; passedAt: string }
    | { kind: 'exhausted' }
  );

/**
 * When a person's latest pass of a quiz stops holding, for a quiz whose passes expire; null without a
 * pass or without `validForMonths`.
 */
export function passValidity(attempts: readonly AttemptTimes[], validity: QuizValidity | undefined): Validity | null {
  if (!validity) return null;
  const latest = attempts.filter((a) => a.passed === true && a.submittedAt !== null).reduce<string | null>((at, a) => (at === null || a.submittedAt! > at ? a.submittedAt! : at), null);
  return latest === null ? null : validityOf(latest, validity.months, validity.timeZone);
}

/** When an attempt was closed: submitted, or its deadline when it ran out unsubmitted; null while open. */
function closedAt(attempt: AttemptTimes, now: Date): number | null {
  if (attempt.submittedAt !== null) return Date.parse(attempt.submittedAt);
  return isExpired(attempt, now) ? Date.parse(attempt.deadline!) : null;
}

/**
 * A person's standing with one quiz from their attempts at it. An open attempt comes first (it is
 * resumed), then a pass (the quiz is done), then the attempt limit, then the cooldown after a failure.
 * A pass with questions to answer again (`recheckDue`) is `recheck`: recheck attempts are not counted
 * against the limit, and after a failed one the cooldown applies as after any failure. A pass that has
 * expired (`rules.validity`) no longer counts: the quiz is to be passed again, and only the attempts
 * started since it expired count against the limit, so a limit used up years ago never locks a person
 * out of renewing.
 */
export function quizStanding(rules: QuizRules, attempts: readonly AttemptTimes[], now: Date, recheckDue = false): QuizStanding {
  const all = [...attempts].sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  const validity = passValidity(all, rules.validity);
  const lapsed = validity && hasExpired(validity, now) ? validity : undefined;
  const sorted = lapsed ? all.filter((a) => a.startedAt >= lapsed.expiresAt) : all;
  const scored = all.filter((a) => a.submittedAt !== null && a.score !== null);
  const base: StandingBase = {
    attemptsUsed: sorted.length,
    attemptsLeft: rules.attempts > 0 ? Math.max(0, rules.attempts - sorted.length) : null,
    bestScore: scored.length ? Math.max(...scored.map((a) => a.score!)) : null,
    lastScore: scored.at(-1)?.score ?? null,
    ...(lapsed && { lapsed }),
  };
  const open = all.find((a) => a.submittedAt === null && !isExpired(a, now));
  if (open) return { ...base, kind: 'open', startedAt: open.startedAt, deadline: open.deadline };
  const last = sorted.at(-1);
  const lastClosed = last ? closedAt(last, now) : null;
  const cooldown = (): QuizStanding | undefined =>
    lastClosed !== null && rules.cooldownMs > 0 && now.getTime() < lastClosed + rules.cooldownMs && last?.passed !== true
      ? { ...base, kind: 'cooldown', until: new Date(lastClosed + rules.cooldownMs).toISOString() }
      : undefined;
  const pass = sorted.findLast((a) => a.passed === true);
  if (pass && !recheckDue) return { ...base, kind: 'passed', passedAt: pass.submittedAt!, ...(validity && { validity }) };
  if (pass) return cooldown() ?? { ...base, attemptsLeft: null, kind: 'recheck', passedAt: pass.submittedAt! };
  if (base.attemptsLeft === 0) return { ...base, kind: 'exhausted' };
  return cooldown() ?? { ...base, kind: 'available' };
}

/** Why a new attempt cannot start now; null when it can (or an open one is resumed). */
export type StartRefusal = 'passed' | 'limit' | 'cooldown';

export function startRefusal(standing: QuizStanding): StartRefusal | null {
  switch (standing.kind) {
    case 'passed':
      return 'passed';
    case 'exhausted':
      return 'limit';
    case 'cooldown':
      return 'cooldown';
    default:
      return null;
  }
}

/** When each quiz was first passed, from a person's attempts at any quizzes. */
export function quizPasses(attempts: readonly (AttemptTimes & { quizId: string })[]): Map<string, string> {
  const passes = new Map<string, string>();
  for (const attempt of attempts) {
    if (attempt.passed !== true || attempt.submittedAt === null) continue;
    const known = passes.get(attempt.quizId);
    if (!known || attempt.submittedAt < known) passes.set(attempt.quizId, attempt.submittedAt);
  }
  return passes;
}

/** A standing as a browser gets it: no dates to compare against a browser's own clock, only seconds. */
export interface BrowserStanding extends StandingBase {
  kind: QuizStanding['kind'];
  /** Seconds until a new attempt may start, during a cooldown. */
  secondsToRetry: number | null;
}

export function standingForBrowser(standing: QuizStanding, now: Date): BrowserStanding {
  const { attemptsUsed, attemptsLeft, bestScore, lastScore, kind } = standing;
  const secondsToRetry = standing.kind === 'cooldown' ? Math.max(1, Math.ceil((Date.parse(standing.until) - now.getTime()) / 1000)) : null;
  return { kind, attemptsUsed, attemptsLeft, bestScore, lastScore, secondsToRetry };
}

/** Attempts a mentor or head gave a person beyond a quiz's own limit. */
export interface AttemptGrant {
  /** How many attempts it adds. */
  extra: number;
}

/**
 * How many attempts a person has at a quiz: the quiz's own number plus every grant; 0 (no limit) stays
 * no limit, so a grant never limits an unlimited quiz.
 */
export function attemptAllowance(quizAttempts: number, grants: readonly AttemptGrant[]): number {
  if (quizAttempts === 0) return 0;
  return quizAttempts + grants.reduce((sum, grant) => sum + grant.extra, 0);
}

/** The most attempts one grant may add. */
export const MAX_EXTRA_ATTEMPTS = 5;

/** Why more attempts cannot be given now; null when they can. */
export type GrantRefusal = 'unlimited' | 'passed';

/** A quiz without a limit needs no more attempts, and a pass is final: nothing else stops a grant. */
export function grantRefusal(rules: Pick<QuizRules, 'attempts'>, standing: QuizStanding): GrantRefusal | null {
  if (rules.attempts === 0) return 'unlimited';
  if (standing.kind === 'passed' || standing.kind === 'recheck') return 'passed';
  return null;
}

/**
 * Whether the review of an attempt may show the right answers. Only once the quiz is passed: while
 * another attempt may follow (now, after a cooldown, or after a mentor gives more), the key stays on
 * the server and the review shows the person's own answers, their points and the explanations.
 */
export function revealsRightAnswers(standing: Pick<QuizStanding, 'kind'>): boolean {
  return standing.kind === 'passed';
}
