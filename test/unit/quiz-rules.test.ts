import { describe, expect, it } from 'vitest';
import { attemptAllowance, grantRefusal, revealsRightAnswers, deadlineFor, isExpired, quizPasses, quizStanding, standingForBrowser, startRefusal, SUBMIT_GRACE_MS, submissionTiming, type AttemptTimes, type QuizRules } from '../../src/domain/quiz-rules';

const rules: QuizRules = { passScore: 70, attempts: 3, cooldownMs: 60 * 60_000, timeLimitMs: null };
const at = (minutes: number) => new Date(Date.UTC(2027, 0, 10, 9, 0) + minutes * 60_000);
const iso = (minutes: number) => at(minutes).toISOString();

/** An attempt started at minute `start`; submitted at `end` with `score`, or open. */
function attempt(start: number, end?: number, score?: number, limit?: number): AttemptTimes {
  return {
    startedAt: iso(start),
    deadline: limit === undefined ? null : iso(start + limit),
    submittedAt: end === undefined ? null : iso(end),
    score: score ?? null,
    passed: score === undefined ? null : score >= 70,
  };
}

describe('where a person stands', () => {
  it('with no attempts: available, all attempts left', () => {
    expect(quizStanding(rules, [], at(0))).toEqual({ kind: 'available', attemptsUsed: 0, attemptsLeft: 3, bestScore: null, lastScore: null });
  });

  it('with an open attempt: open, to be resumed, whatever else is true', () => {
    const standing = quizStanding(rules, [attempt(0, 5, 40), attempt(70)], at(75));
    expect(standing).toMatchObject({ kind: 'open', attemptsUsed: 2, attemptsLeft: 1, lastScore: 40, startedAt: iso(70), deadline: null });
    expect(startRefusal(standing)).toBeNull();
  });

  it('after a failure: a cooldown until the failure plus the cooldown, then available', () => {
    const attempts = [attempt(0, 10, 40)];
    expect(quizStanding(rules, attempts, at(30))).toMatchObject({ kind: 'cooldown', until: iso(70), attemptsLeft: 2, lastScore: 40 });
    expect(startRefusal(quizStanding(rules, attempts, at(69.9)))).toBe('cooldown');
    expect(quizStanding(rules, attempts, at(70))).toMatchObject({ kind: 'available', attemptsLeft: 2 });
  });

  it('without a cooldown, a failure leaves it available at once', () => {
    expect(quizStanding({ ...rules, cooldownMs: 0 }, [attempt(0, 10, 40)], at(10)).kind).toBe('available');
  });

  it('after a pass: passed, with the best score, even with attempts left', () => {
    const standing = quizStanding(rules, [attempt(0, 10, 40), attempt(80, 90, 85)], at(100));
    expect(standing).toMatchObject({ kind: 'passed', passedAt: iso(90), bestScore: 85, lastScore: 85, attemptsLeft: 1 });
    expect(startRefusal(standing)).toBe('passed');
  });

  it('at the attempt limit: exhausted, even once the cooldown is over', () => {
    const attempts = [attempt(0, 10, 40), attempt(80, 90, 50), attempt(160, 170, 60)];
    const standing = quizStanding(rules, attempts, at(10_000));
    expect(standing).toMatchObject({ kind: 'exhausted', attemptsLeft: 0, bestScore: 60 });
    expect(startRefusal(standing)).toBe('limit');
  });

  it('with no limit (attempts 0): never exhausted', () => {
    const many = Array.from({ length: 12 }, (_, i) => attempt(i * 100, i * 100 + 5, 10));
    expect(quizStanding({ ...rules, attempts: 0 }, many, at(5000))).toMatchObject({ kind: 'available', attemptsLeft: null, attemptsUsed: 12 });
  });

  it('an open attempt counts against the limit', () => {
    expect(quizStanding(rules, [attempt(0, 5, 0), attempt(70, 75, 0), attempt(140)], at(145))).toMatchObject({ kind: 'open', attemptsLeft: 0 });
  });
});

describe('the time limit', () => {
  const timed: QuizRules = { ...rules, timeLimitMs: 30 * 60_000 };

  it('sets the deadline at the start; none without a limit', () => {
    expect(deadlineFor(at(0), timed)).toBe(iso(30));
    expect(deadlineFor(at(0), rules)).toBeNull();
  });

  it('takes a submission in time as it comes', () => {
    expect(submissionTiming(attempt(0, undefined, undefined, 30), at(29))).toEqual({ at: at(29), late: false });
  });

  it('within the grace after the deadline, takes the answers but records the deadline', () => {
    const justAfter = new Date(at(30).getTime() + SUBMIT_GRACE_MS);
    expect(submissionTiming(attempt(0, undefined, undefined, 30), justAfter)).toEqual({ at: at(30), late: false });
  });

  it('later than that, is late: graded at the deadline with what was saved', () => {
    const late = new Date(at(30).getTime() + SUBMIT_GRACE_MS + 1);
    expect(submissionTiming(attempt(0, undefined, undefined, 30), late)).toEqual({ at: at(30), late: true });
    expect(isExpired(attempt(0, undefined, undefined, 30), late)).toBe(true);
    expect(isExpired(attempt(0, undefined, undefined, 30), at(30))).toBe(false);
  });

  it('an attempt without a limit never runs out', () => {
    expect(submissionTiming(attempt(0), at(100_000))).toEqual({ at: at(100_000), late: false });
    expect(isExpired(attempt(0), at(100_000))).toBe(false);
  });

  it('a run-out attempt is no longer open: it counts as failed at its deadline, so the cooldown runs from there', () => {
    const standing = quizStanding(timed, [attempt(0, undefined, undefined, 30)], at(40));
    expect(standing).toMatchObject({ kind: 'cooldown', until: iso(90), attemptsUsed: 1, attemptsLeft: 2 });
  });
});

describe('for the browser', () => {
  it('gives the cooldown as seconds to wait, never dates', () => {
    const standing = quizStanding(rules, [attempt(0, 10, 40)], at(69.5));
    expect(standingForBrowser(standing, at(69.5))).toEqual({ kind: 'cooldown', attemptsUsed: 1, attemptsLeft: 2, bestScore: 40, lastScore: 40, secondsToRetry: 30 });
    expect(standingForBrowser(quizStanding(rules, [], at(0)), at(0)).secondsToRetry).toBeNull();
  });
});

it('finds when each quiz was first passed', () => {
  const passes = quizPasses([
    { ...attempt(0, 10, 40), quizId: 'a' },
    { ...attempt(20, 30, 90), quizId: 'a' },
    { ...attempt(40, 50, 95), quizId: 'a' },
    { ...attempt(0, 5, 20), quizId: 'b' },
  ]);
  expect([...passes]).toEqual([['a', iso(30)]]);
});

describe('attempts given by a mentor or head', () => {
  it('add to the quiz’s own number; an unlimited quiz stays unlimited', () => {
    expect(attemptAllowance(3, [])).toBe(3);
    expect(attemptAllowance(3, [{ extra: 1 }, { extra: 2 }])).toBe(6);
    expect(attemptAllowance(0, [{ extra: 2 }])).toBe(0);
  });

  it('turn an exhausted standing into an available one, counted against the new total', () => {
    const attempts = [attempt(0, 10, 40), attempt(80, 90, 50), attempt(160, 170, 60)];
    expect(quizStanding(rules, attempts, at(1000)).kind).toBe('exhausted');
    expect(quizStanding({ ...rules, attempts: attemptAllowance(3, [{ extra: 1 }]) }, attempts, at(1000))).toMatchObject({ kind: 'available', attemptsLeft: 1 });
  });

  it('are refused for a quiz without a limit and after a pass, and given otherwise, even before the limit', () => {
    expect(grantRefusal({ attempts: 0 }, quizStanding({ ...rules, attempts: 0 }, [], at(0)))).toBe('unlimited');
    expect(grantRefusal(rules, quizStanding(rules, [attempt(0, 10, 90)], at(20)))).toBe('passed');
    expect(grantRefusal(rules, quizStanding(rules, [attempt(0, 10, 40)], at(20)))).toBeNull();
    expect(grantRefusal(rules, quizStanding(rules, [], at(0)))).toBeNull();
  });
});

describe('when a review shows the right answers', () => {
  it('once the quiz is passed, and not while another attempt may follow', () => {
    expect(revealsRightAnswers(quizStanding(rules, [attempt(0, 10, 90)], at(20)))).toBe(true);
    expect(revealsRightAnswers(quizStanding(rules, [attempt(0, 10, 40)], at(20)))).toBe(false);
    expect(revealsRightAnswers(quizStanding(rules, [attempt(0, 10, 40), attempt(80, 90, 50), attempt(160, 170, 60)], at(1000)))).toBe(false);
  });
});

describe('a pass with a term (validForMonths)', () => {
  // Three attempts allowed; two failed and a pass on 10 January 2027 (12:00 in Moscow), valid one month.
  const termed: QuizRules = { ...rules, validity: { months: 1, timeZone: 'Europe/Moscow' } };
  const history = [attempt(0, 10, 40), attempt(80, 90, 50), attempt(160, 170, 80)];
  const expiresAt = Date.parse('2027-02-10T21:00:00.000Z');
  const minutesTo = (ms: number) => (ms - at(0).getTime()) / 60_000;
  const afterExpiry = (minutes: number) => minutesTo(expiresAt) + minutes;

  it('holds until the end of its last day, and says so', () => {
    const holding = quizStanding(termed, history, at(afterExpiry(-1)));
    expect(holding).toMatchObject({ kind: 'passed', passedAt: iso(170), validity: { validUntil: '2027-02-10' } });
    expect(holding.lapsed).toBeUndefined();
    expect(startRefusal(holding)).toBe('passed');
    expect(quizStanding(rules, history, at(afterExpiry(60 * 24 * 365))).kind).toBe('passed');
  });

  it('once expired, the quiz may be taken again: the attempts used before no longer lock the person out', () => {
    const lapsed = quizStanding(termed, history, at(afterExpiry(0)));
    expect(lapsed).toMatchObject({ kind: 'available', attemptsUsed: 0, attemptsLeft: 3, bestScore: 80, lapsed: { validUntil: '2027-02-10', expiredOn: '2027-02-11' } });
    expect(startRefusal(lapsed)).toBeNull();
    expect(revealsRightAnswers(lapsed)).toBe(false);
    expect(grantRefusal(termed, lapsed)).toBeNull();
  });

  it('counts attempts, the limit and the cooldown from the moment it expired; a new pass holds afresh', () => {
    const start = afterExpiry(60);
    const failed = [...history, attempt(start, start + 10, 30)];
    expect(quizStanding(termed, failed, at(start + 20))).toMatchObject({ kind: 'cooldown', attemptsUsed: 1, attemptsLeft: 2 });
    const used = [...failed, attempt(start + 100, start + 110, 20), attempt(start + 200, start + 210, 10)];
    expect(quizStanding(termed, used, at(start + 300))).toMatchObject({ kind: 'exhausted', attemptsUsed: 3 });
    const renewed = [...failed, attempt(start + 100, start + 110, 90)];
    const standing = quizStanding(termed, renewed, at(start + 120));
    expect(standing).toMatchObject({ kind: 'passed', passedAt: iso(start + 110), validity: { validUntil: '2027-03-11' } });
    expect(standing.lapsed).toBeUndefined();
  });
});
