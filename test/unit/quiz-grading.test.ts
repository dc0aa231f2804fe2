import { describe, expect, it } from 'vitest';
import { gradeAnswer, gradeAttempt, multipleChoicePoints, parseNumberAnswer, withinTolerance } from '../../src/domain/quiz-grading';
import { questionSchema } from '../../src/schemas/quiz';
import { fixtureQuestion, fixtureQuiz } from './quiz-fixture';

const single = fixtureQuestion('response-time', 'single'); // a is right
const multiple = fixtureQuestion('crm-fields', 'multiple'); // a, b right; c wrong
const truefalse = fixtureQuestion('night', 'truefalse'); // false
const order = fixtureQuestion('steps', 'order'); // three items
const number = fixtureQuestion('bonus', 'number'); // 40000, tolerance 0

describe('single choice', () => {
  it('the right option earns 1, another option 0, no answer is unanswered', () => {
    expect(gradeAnswer(single, { type: 'single', option: 'a' })).toEqual({ id: 'response-time', points: 1, outcome: 'right' });
    expect(gradeAnswer(single, { type: 'single', option: 'b' })).toEqual({ id: 'response-time', points: 0, outcome: 'wrong' });
    expect(gradeAnswer(single, { type: 'single', option: 'no-such-option' }).points).toBe(0);
    expect(gradeAnswer(single, undefined)).toEqual({ id: 'response-time', points: 0, outcome: 'unanswered' });
  });
});

describe('multiple choice: right share minus wrong share, never below 0', () => {
  it.each([
    [['a', 'b'], 1, 'right'],
    [['b', 'a'], 1, 'right'],
    [['a'], 0.5, 'partial'],
    [['b'], 0.5, 'partial'],
    [['a', 'c'], 0, 'wrong'],
    [['a', 'b', 'c'], 0, 'wrong'],
    [['c'], 0, 'wrong'],
  ] as const)('%j earns %d (%s)', (options, points, outcome) => {
    expect(gradeAnswer(multiple, { type: 'multiple', options: [...options] })).toMatchObject({ points, outcome });
  });

  it('nothing ticked is unanswered', () => {
    expect(gradeAnswer(multiple, { type: 'multiple', options: [] })).toMatchObject({ points: 0, outcome: 'unanswered' });
  });

  it('with three right and two wrong options, two right and one wrong earn 2/3 − 1/2', () => {
    expect(multipleChoicePoints(['a', 'b', 'c'], ['d', 'e'], ['a', 'b', 'd'])).toBeCloseTo(1 / 6, 4);
    expect(multipleChoicePoints(['a', 'b', 'c'], ['d', 'e'], ['a', 'b'])).toBeCloseTo(2 / 3, 4);
  });

  it('when every option is right, ticking all earns full points and fewer earn a share', () => {
    expect(multipleChoicePoints(['a', 'b'], [], ['a', 'b'])).toBe(1);
    expect(multipleChoicePoints(['a', 'b'], [], ['b'])).toBe(0.5);
  });
});

describe('true or false', () => {
  it('grades the statement', () => {
    expect(gradeAnswer(truefalse, { type: 'truefalse', value: false }).outcome).toBe('right');
    expect(gradeAnswer(truefalse, { type: 'truefalse', value: true }).outcome).toBe('wrong');
  });
});

describe('order: all or nothing', () => {
  it('only the author’s order earns the point', () => {
    expect(gradeAnswer(order, { type: 'order', order: [0, 1, 2] }).points).toBe(1);
    expect(gradeAnswer(order, { type: 'order', order: [0, 2, 1] }).points).toBe(0);
    expect(gradeAnswer(order, { type: 'order', order: [0, 1] }).points).toBe(0);
    expect(gradeAnswer(order, { type: 'order', order: [0, 1, 2, 3] }).points).toBe(0);
  });
});

describe('number with tolerance', () => {
  it('without tolerance, only the exact number counts', () => {
    expect(gradeAnswer(number, { type: 'number', value: 40000 }).points).toBe(1);
    expect(gradeAnswer(number, { type: 'number', value: 40001 }).points).toBe(0);
  });

  it('within the tolerance counts, on both sides, up to its edge', () => {
    const near = questionSchema.parse({ id: 'margin', type: 'number', text: 'Маржа, %?', answer: 24, tolerance: 0.5, explanation: 'Около 24 %.' });
    for (const value of [24, 23.5, 24.5, 24.2]) expect(gradeAnswer(near, { type: 'number', value }).points, String(value)).toBe(1);
    for (const value of [23.49, 24.51, -24]) expect(gradeAnswer(near, { type: 'number', value }).points, String(value)).toBe(0);
  });

  it('forgives binary rounding, not real differences', () => {
    expect(withinTolerance(0.1 + 0.2, 0.3, 0)).toBe(true);
    expect(withinTolerance(0.30001, 0.3, 0)).toBe(false);
  });
});

it('an answer of another type than the question earns nothing', () => {
  expect(gradeAnswer(single, { type: 'truefalse', value: true })).toMatchObject({ points: 0, outcome: 'wrong' });
  expect(gradeAnswer(number, { type: 'single', option: 'a' })).toMatchObject({ points: 0, outcome: 'wrong' });
});

describe('a whole attempt', () => {
  const quiz = fixtureQuiz('basics-final');

  it('scores the mean of the points in percent, one decimal, and passes at the pass mark', () => {
    const graded = gradeAttempt(
      quiz.questions,
      {
        'response-time': { type: 'single', option: 'a' },
        'crm-fields': { type: 'multiple', options: ['a'] },
        night: { type: 'truefalse', value: false },
        steps: { type: 'order', order: [0, 1, 2] },
      },
      quiz.passScore,
    );
    expect(graded.results.map((r) => r.points)).toEqual([1, 0.5, 1, 1, 0]);
    expect(graded.score).toBe(70);
    expect(graded.passed).toBe(true);
  });

  it('rounds the score but decides the pass on the exact share', () => {
    const three = quiz.questions.slice(0, 3);
    const graded = gradeAttempt(three, { 'response-time': { type: 'single', option: 'a' }, night: { type: 'truefalse', value: false } }, 66.7);
    expect(graded.score).toBe(66.7);
    expect(graded.passed).toBe(false);
    expect(gradeAttempt(three, { 'response-time': { type: 'single', option: 'a' }, night: { type: 'truefalse', value: false } }, 66).passed).toBe(true);
  });

  it('no answers score 0 and fail', () => {
    expect(gradeAttempt(quiz.questions, {}, quiz.passScore)).toMatchObject({ score: 0, passed: false });
  });
});

describe('numbers as people type them', () => {
  it.each([
    ['40000', 40000],
    ['40 000', 40000],
    ['40\u00a0000', 40000],
    ['12,5', 12.5],
    ['12.5', 12.5],
    [' −3 ', -3],
    ['-0,25', -0.25],
    ['.5', 0.5],
  ])('%j is %d', (text, value) => {
    expect(parseNumberAnswer(text)).toBe(value);
  });

  it.each(['', 'сорок', '12,5,1', '1e5', '40 000 ₽', '--1', 'Infinity'])('%j is not a number', (text) => {
    expect(parseNumberAnswer(text)).toBeNull();
  });
});
