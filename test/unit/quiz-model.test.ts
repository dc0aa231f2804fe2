import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AttemptForBrowser, GradeForBrowser } from '../../src/domain/quiz-presentation';
import type { BrowserStanding } from '../../src/domain/quiz-rules';
import { createQuizModel, formatDuration, UNANSWERED_CODE, type QuizApi } from '../../src/islands/quiz-model';

const available: BrowserStanding = { kind: 'available', attemptsUsed: 0, attemptsLeft: 3, bestScore: null, lastScore: null, secondsToRetry: null };
const attempt: AttemptForBrowser = {
  id: 'a1',
  questions: [
    { type: 'single', text: 'Срок ответа?', options: ['1 час', '15 минут'] },
    { type: 'multiple', text: 'Что записать?', options: ['Источник', 'Цвет', 'Потребность'] },
    { type: 'order', text: 'По порядку', items: ['B', 'C', 'A'] },
    { type: 'number', text: 'Премия?', unit: '₽' },
    { type: 'truefalse', text: 'Ночью можно позже?' },
  ],
  answers: [null, null, null, null, null],
  secondsLeft: null,
};
const failed: GradeForBrowser = {
  score: 40,
  passed: false,
  late: false,
  passScore: 70,
  review: [],
  rightAnswersShown: false,
  standing: { kind: 'cooldown', attemptsUsed: 1, attemptsLeft: 2, bestScore: 40, lastScore: 40, secondsToRetry: 60 },
};

let clock = 0;
const now = () => clock;

function fakeApi(overrides: Partial<QuizApi> = {}) {
  const api = {
    start: vi.fn<QuizApi['start']>(async () => ({ data: { attempt, standing: { ...available, kind: 'open' as const, attemptsUsed: 1, attemptsLeft: 2 } } })),
    save: vi.fn<QuizApi['save']>(async () => ({ data: { answered: 1 } })),
    submit: vi.fn<QuizApi['submit']>(async () => ({ data: failed })),
    ...overrides,
  };
  return api;
}

function ready(model: ReturnType<typeof createQuizModel>) {
  model.ready.value = true;
  return model;
}

beforeEach(() => {
  clock = 0;
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the quiz island model', () => {
  it('cannot start before the view is hydrated, then starts and shows the attempt', async () => {
    const api = fakeApi();
    const model = createQuizModel({ standing: available, attempt: null }, api, { now });
    expect(model.canStart.value).toBe(false);
    await model.start();
    expect(api.start).not.toHaveBeenCalled();
    model.ready.value = true;
    await model.start();
    expect(model.phase.value).toBe('taking');
    expect(model.answeredCount.value).toBe(0);
  });

  it('keeps answers in shown positions and saves them shortly after the last change', async () => {
    const api = fakeApi();
    const model = ready(createQuizModel({ standing: available, attempt }, api, { now, saveDelayMs: 500 }));
    model.choose(0, 1);
    model.toggle(1, 2);
    model.toggle(1, 0);
    model.toggle(1, 2);
    model.move(2, 2, -1);
    model.setNumber(3, '40 000');
    model.setTruth(4, false);
    expect(model.answers.value).toEqual([
      { type: 'single', choice: 1 },
      { type: 'multiple', choices: [0] },
      { type: 'order', order: [0, 2, 1] },
      { type: 'number', text: '40 000' },
      { type: 'truefalse', value: false },
    ]);
    expect(model.answeredCount.value).toBe(5);
    expect(api.save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(500);
    expect(api.save).toHaveBeenCalledTimes(1);
    expect(api.save).toHaveBeenCalledWith('a1', model.answers.value);
  });

  it('untouching every option or clearing a number leaves the question unanswered', () => {
    const model = ready(createQuizModel({ standing: available, attempt }, fakeApi(), { now }));
    model.toggle(1, 1);
    model.toggle(1, 1);
    model.setNumber(3, '12');
    model.setNumber(3, ' ');
    expect(model.answers.value[1]).toBeNull();
    expect(model.answers.value[3]).toBeNull();
  });

  it('an order question shows the items as drawn until moved, and a move past either end does nothing', () => {
    const model = ready(createQuizModel({ standing: available, attempt }, fakeApi(), { now }));
    expect(model.orderOf(2)).toEqual([0, 1, 2]);
    model.move(2, 0, -1);
    model.move(2, 2, 1);
    expect(model.answers.value[2]).toBeNull();
    model.move(2, 0, 1);
    expect(model.orderOf(2)).toEqual([1, 0, 2]);
  });

  it('will not submit or save while a number answer is not a number', async () => {
    const api = fakeApi();
    const model = ready(createQuizModel({ standing: available, attempt }, api, { now, saveDelayMs: 100 }));
    model.setNumber(3, 'сорок');
    expect(model.invalidNumbers.value).toEqual([3]);
    expect(model.canSubmit.value).toBe(false);
    await vi.advanceTimersByTimeAsync(200);
    expect(api.save).not.toHaveBeenCalled();
    model.setNumber(3, '40000');
    expect(model.canSubmit.value).toBe(true);
  });

  it('asks before sending with questions unanswered, and sends only once the person confirms', async () => {
    const api = fakeApi();
    const model = ready(createQuizModel({ standing: available, attempt }, api, { now }));
    model.choose(0, 0);
    model.setTruth(4, true);
    await model.submit();
    expect(api.submit).not.toHaveBeenCalled();
    expect(model.confirming.value).toBe(3);
    expect(model.phase.value).toBe('taking');
    // Back to the questions: answering one drops the question, which is asked afresh.
    model.setNumber(3, '40000');
    expect(model.confirming.value).toBeNull();
    await model.submit();
    expect(model.confirming.value).toBe(2);
    model.cancelConfirm();
    expect(model.confirming.value).toBeNull();
    await model.submit();
    await model.confirmSubmit();
    expect(api.submit).toHaveBeenCalledExactlyOnceWith('a1', expect.any(Array), true);
    expect(model.confirming.value).toBeNull();
    expect(model.phase.value).toBe('result');
  });

  it('sends a complete attempt without asking', async () => {
    const api = fakeApi();
    const model = ready(createQuizModel({ standing: available, attempt }, api, { now }));
    model.choose(0, 1);
    model.toggle(1, 0);
    model.move(2, 2, -1);
    model.setNumber(3, '40000');
    model.setTruth(4, false);
    await model.submit();
    expect(model.confirming.value).toBeNull();
    expect(api.submit).toHaveBeenCalledExactlyOnceWith('a1', expect.any(Array), false);
  });

  it('asks when the server finds questions unanswered that the page did not', async () => {
    const api = fakeApi({ submit: vi.fn<QuizApi['submit']>(async (_id, _answers, confirmed) => (confirmed ? { data: failed } : { error: { message: 'Без ответа: 1.', code: UNANSWERED_CODE } })) });
    const model = ready(createQuizModel({ standing: available, attempt }, api, { now }));
    await model.submit(true);
    expect(model.phase.value).toBe('result');
    const again = ready(createQuizModel({ standing: available, attempt: { ...attempt, questions: attempt.questions.slice(0, 1), answers: [{ type: 'single', choice: 0 }] } }, api, { now }));
    await again.submit();
    expect(again.error.value).toBeNull();
    expect(again.confirming.value).toBe(1);
    await again.confirmSubmit();
    expect(again.phase.value).toBe('result');
  });

  it('submits, shows the result and counts the cooldown down to a new start', async () => {
    const api = fakeApi();
    const model = ready(createQuizModel({ standing: available, attempt }, api, { now }));
    model.choose(0, 0);
    await model.submit(true);
    expect(api.submit).toHaveBeenCalledTimes(1);
    expect(model.phase.value).toBe('result');
    expect(model.standing.value.kind).toBe('cooldown');
    expect(model.canStart.value).toBe(false);
    clock = 30_000;
    model.tick();
    expect(model.secondsToRetry.value).toBe(30);
    clock = 60_000;
    model.tick();
    expect(model.standing.value.kind).toBe('available');
    expect(model.canStart.value).toBe(true);
  });

  it('a pending save is dropped when the answers are submitted', async () => {
    const api = fakeApi();
    const model = ready(createQuizModel({ standing: available, attempt }, api, { now, saveDelayMs: 500 }));
    model.choose(0, 0);
    await model.submit(true);
    await vi.advanceTimersByTimeAsync(1000);
    expect(api.save).not.toHaveBeenCalled();
  });

  it('submits by itself when the time runs out', async () => {
    const api = fakeApi();
    const model = ready(createQuizModel({ standing: available, attempt: { ...attempt, secondsLeft: 90 } }, api, { now }));
    clock = 30_000;
    model.tick();
    expect(model.secondsLeft.value).toBe(60);
    expect(api.submit).not.toHaveBeenCalled();
    clock = 89_000;
    model.tick();
    // Nothing is answered, and time is up: it goes without asking.
    await vi.waitFor(() => expect(api.submit).toHaveBeenCalledExactlyOnceWith('a1', expect.any(Array), true));
    expect(model.confirming.value).toBeNull();
  });

  it('shows the server’s refusal and keeps the answers for another try', async () => {
    const api = fakeApi({ submit: vi.fn(async () => ({ error: { message: 'Эта попытка уже проверена.' } })) });
    const model = ready(createQuizModel({ standing: available, attempt }, api, { now }));
    model.choose(0, 1);
    await model.submit(true);
    expect(model.error.value).toBe('Эта попытка уже проверена.');
    expect(model.phase.value).toBe('taking');
    expect(model.answers.value[0]).toEqual({ type: 'single', choice: 1 });
  });

  it('says so when the server cannot be reached', async () => {
    const api = fakeApi({ start: vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))) });
    const model = ready(createQuizModel({ standing: available, attempt: null }, api, { now, networkError: 'Нет связи.' }));
    await model.start();
    expect(model.error.value).toBe('Нет связи.');
    expect(model.busy.value).toBeNull();
  });

  it('marks a failed save, and a later good one clears the mark', async () => {
    let fail = true;
    const api = fakeApi({ save: vi.fn(async () => (fail ? { error: { message: 'x' } } : { data: {} })) });
    const model = ready(createQuizModel({ standing: available, attempt }, api, { now, saveDelayMs: 10 }));
    model.choose(0, 0);
    await vi.advanceTimersByTimeAsync(20);
    expect(model.saveFailed.value).toBe(true);
    fail = false;
    model.choose(0, 1);
    await vi.advanceTimersByTimeAsync(20);
    expect(model.saveFailed.value).toBe(false);
  });
});

it('formats durations as a clock', () => {
  expect(formatDuration(5)).toBe('0:05');
  expect(formatDuration(65)).toBe('1:05');
  expect(formatDuration(3723)).toBe('1:02:03');
  expect(formatDuration(-4)).toBe('0:00');
});
