import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../temp';
import { compareSections } from '../../src/domain/section-changes';
import { quizDocVersions, quizRecheck, type JudgedAttempt } from '../../src/domain/quiz-recheck';
import { quizStanding, startRefusal, type QuizRules } from '../../src/domain/quiz-rules';
import type { SectionChangesOf } from '../../src/domain/signoffs';
import { versionOn } from '../../src/domain/versions';
import { liveQuestions } from '../../src/domain/quiz-presentation';
import type { BrowserAnswer } from '../../src/schemas/quiz-answer';
import { quizPageState, startAttempt, submitAttempt, type RecheckOf } from '../../src/server/records/quizzes';
import type { QuizAttempt } from '../../src/server/store/data';
import { openStore, type Store } from '../../src/server/store/store';
import { TEST_AUDIT_KEY } from '../store-files';
import { fixtureQuiz } from './quiz-fixture';

// The fixture's final quiz: response-time → lead-handling#сроки-ответа, crm-fields → #что-записать-в-crm,
// night → #если-заявка-пришла-ночью, steps → no document, bonus → motivation-statute#премия.
const quiz = fixtureQuiz('basics-final');
const V2 = '## Сроки ответа\n\nЗа 15 минут.\n\n### Если заявка пришла ночью\n\nДо 10:00.\n\n## Что записать в CRM\n\nИсточник и потребность.';
const V3 = V2.replace('Источник и потребность.', 'Источник, потребность и бюджет.');
const kept: SectionChangesOf = (docId, version) => (docId === 'lead-handling' && version === '2.0' ? compareSections(V2, V3) : undefined);
const now3 = new Map([['lead-handling', '3.0'], ['motivation-statute', '1.0']]);
const log = new Map([
  ['lead-handling', [{ version: '3.0', date: new Date('2027-03-01') }, { version: '2.0', date: new Date('2026-09-01') }]],
  ['motivation-statute', [{ version: '1.0', date: new Date('2026-01-10') }]],
]);
const versionOnLog = (docId: string, day: string) => versionOn(log.get(docId) ?? [], day);
const pass = (docVersions: Record<string, string> | null, submittedAt = '2027-01-15T10:00:00.000Z'): JudgedAttempt => ({ passed: true, submittedAt, docVersions });
const recheckOf = (attempts: JudgedAttempt[], current = now3) => quizRecheck({ questions: quiz.questions, attempts, currentVersions: current, sectionChanges: kept, versionOn: versionOnLog });

describe('which questions of a passed quiz are asked again', () => {
  it('only those tied to a section that changed since the pass; the rest stand', () => {
    const recheck = recheckOf([pass({ 'lead-handling': '2.0', 'motivation-statute': '1.0' })]);
    expect(recheck?.questions).toEqual(['crm-fields']);
    expect(recheck?.causes).toEqual([{ docId: 'lead-handling', version: '3.0', section: { anchor: 'что-записать-в-crm', title: 'Что записать в CRM', change: 'changed' } }]);
  });

  it('nothing before a pass, nothing after a minor version, nothing once a later pass was judged against the new version', () => {
    expect(recheckOf([{ passed: false, submittedAt: '2027-01-15T10:00:00.000Z', docVersions: { 'lead-handling': '2.0' } }])).toBeNull();
    expect(recheckOf([pass({ 'lead-handling': '2.0' })], new Map([['lead-handling', '2.4']]))).toBeNull();
    expect(recheckOf([pass({ 'lead-handling': '2.0' }), pass({ 'lead-handling': '3.0', 'motivation-statute': '1.0' }, '2027-03-05T10:00:00.000Z')])).toBeNull();
  });

  it('without the judged version’s text, every question tied to that document is asked again', () => {
    const recheck = recheckOf([pass({ 'lead-handling': '1.0', 'motivation-statute': '1.0' })]);
    expect(recheck?.questions).toEqual(['response-time', 'crm-fields', 'night']);
    expect(recheck?.causes).toEqual([{ docId: 'lead-handling', version: '3.0' }]);
  });

  it('a pass from before attempts kept versions is judged against the version the change log had in effect that day', () => {
    expect(recheckOf([pass(null, '2026-12-01T10:00:00.000Z')])?.questions).toEqual(['crm-fields']);
    // Before the log's first entry nothing is known, and nothing is reopened.
    expect(recheckOf([pass(null, '2025-12-01T10:00:00.000Z')])).toBeNull();
  });

  it('an attempt keeps the versions of every document the bank is tied to', () => {
    expect(quizDocVersions(quiz.questions, new Map([...now3, ['other', '4.0']]))).toEqual({ 'lead-handling': '3.0', 'motivation-statute': '1.0' });
  });

  it('versionOn reads the change log by date, whatever its order', () => {
    const changes = log.get('lead-handling')!;
    expect(versionOn(changes, '2026-09-01')).toBe('2.0');
    expect(versionOn(changes, '2027-02-28')).toBe('2.0');
    expect(versionOn(changes, '2027-03-01')).toBe('3.0');
    expect(versionOn(changes, '2026-08-31')).toBeUndefined();
  });
});

describe('the standing of a quiz with a recheck due', () => {
  const rules: QuizRules = { passScore: 70, attempts: 1, cooldownMs: 60_000, timeLimitMs: null };
  const t = (minutes: number) => new Date(Date.parse('2027-03-05T10:00:00.000Z') + minutes * 60_000);
  const attempt = (minutes: number, passed: boolean) => ({ startedAt: t(minutes).toISOString(), deadline: null, submittedAt: t(minutes + 5).toISOString(), score: passed ? 100 : 0, passed });

  it('is a recheck that may start, whatever the attempt limit; passed when none is due', () => {
    expect(quizStanding(rules, [attempt(0, true)], t(10))).toMatchObject({ kind: 'passed' });
    const standing = quizStanding(rules, [attempt(0, true)], t(10), true);
    expect(standing).toMatchObject({ kind: 'recheck', attemptsLeft: null });
    expect(startRefusal(standing)).toBeNull();
  });

  it('waits out the cooldown after a failed recheck', () => {
    expect(quizStanding(rules, [attempt(0, true), attempt(10, false)], t(15.5), true).kind).toBe('cooldown');
    expect(quizStanding(rules, [attempt(0, true), attempt(10, false)], t(16.5), true).kind).toBe('recheck');
  });
});

describe('a recheck attempt in the store', () => {
  const opened: Store[] = [];
  afterEach(async () => {
    while (opened.length) await opened.pop()!.close();
  });
  async function store(): Promise<Store> {
    const dir = tempDir('salesbook-recheck-');
    const path = join(dir, 'salesbook.json');
    const s = await openStore({ path, lockPath: `${path}.lock`, backupsDir: join(dir, 'backups'), auditKey: TEST_AUDIT_KEY });
    opened.push(s);
    return s;
  }
  const rightAnswers = (attempt: QuizAttempt): BrowserAnswer[] =>
    liveQuestions(attempt.questions, quiz.questions).map(({ question, optionIds, itemOrder }): BrowserAnswer => {
      switch (question.type) {
        case 'single':
          return { type: 'single', choice: optionIds.findIndex((id) => question.options.find((o) => o.id === id)!.correct) };
        case 'multiple':
          return { type: 'multiple', choices: optionIds.flatMap((id, i) => (question.options.find((o) => o.id === id)!.correct ? [i] : [])) };
        case 'truefalse':
          return { type: 'truefalse', value: question.answer };
        case 'order':
          return { type: 'order', order: question.items.map((_, item) => itemOrder.indexOf(item)) };
        case 'number':
          return { type: 'number', text: String(question.answer) };
      }
    });
  const t0 = new Date('2027-01-15T09:00:00.000Z');
  const later = new Date('2027-03-05T09:00:00.000Z');
  const recheck: RecheckOf = (attempts) => recheckOf([...attempts]);

  async function passedAt2(s: Store) {
    const start = await startAttempt(s, { userId: 'u1', quizId: 'basics-final', quiz, now: t0, docVersions: { 'lead-handling': '2.0', 'motivation-statute': '1.0' } });
    if (!start.started) throw new Error('refused');
    expect(start.attempt).toMatchObject({ kind: 'full', docVersions: { 'lead-handling': '2.0', 'motivation-statute': '1.0' } });
    const graded = await submitAttempt(s, { userId: 'u1', attemptId: start.attempt.id, quiz, answers: rightAnswers(start.attempt), now: t0 });
    expect(graded.passed).toBe(true);
  }

  it('asks only the reopened questions, is kept as a recheck with the new versions, and a pass ends the recheck', async () => {
    const s = await store();
    await passedAt2(s);
    expect((await quizPageState(s, 'u1', 'basics-final', quiz, later, { recheckOf: recheck })).standing.kind).toBe('recheck');
    const start = await startAttempt(s, { userId: 'u1', quizId: 'basics-final', quiz, now: later, docVersions: { 'lead-handling': '3.0', 'motivation-statute': '1.0' }, recheck });
    if (!start.started) throw new Error('refused');
    expect(start.attempt.kind).toBe('recheck');
    expect(start.attempt.questions.map((q) => q.id)).toEqual(['crm-fields']);
    const graded = await submitAttempt(s, { userId: 'u1', attemptId: start.attempt.id, quiz, answers: rightAnswers(start.attempt), now: later });
    expect(graded).toMatchObject({ kind: 'recheck', passed: true, score: 100 });
    const after = await quizPageState(s, 'u1', 'basics-final', quiz, later, { recheckOf: recheck });
    expect(after.standing.kind).toBe('passed');
    expect(after.recheck).toBeNull();
  });

  it('a passed quiz with nothing to answer again is refused a new attempt, and nothing is stored', async () => {
    const s = await store();
    await passedAt2(s);
    const nothingDue: RecheckOf = () => null;
    const refused = await startAttempt(s, { userId: 'u1', quizId: 'basics-final', quiz, now: later, recheck: nothingDue });
    expect(refused).toMatchObject({ started: false, refusal: 'passed' });
    expect(await s.read((d) => d.quizAttempts.length)).toBe(1);
  });
});
