import { describe, expect, it } from 'vitest';
import { drawQuestions } from '../../src/domain/quiz-draw';
import { answerForBrowser, answerFromBrowser, answerWords, liveQuestions, presentQuestion, rightAnswer, shownAnswer, type LiveQuestion } from '../../src/domain/quiz-presentation';
import { fixtureQuiz } from './quiz-fixture';

const quiz = fixtureQuiz('basics-final');
const live = liveQuestions(drawQuestions(quiz.questions, quiz, 'present-1'), quiz.questions);
const byId = (id: string): LiveQuestion => live.find((l) => l.question.id === id)!;

describe('what the browser is shown', () => {
  it('holds no ids, answer keys, correctness flags or explanations', () => {
    const shown = JSON.stringify(live.map(presentQuestion));
    for (const secret of ['correct', 'answer', 'explanation', 'tolerance', '"id"', 'doc', '40000', 'lead-handling']) expect(shown).not.toContain(secret);
    for (const question of quiz.questions) expect(shown).not.toContain(question.explanation);
  });

  it('shows options and items in the drawn order', () => {
    const single = byId('response-time');
    const shown = presentQuestion(single);
    expect(shown).toEqual({
      type: 'single',
      text: 'За какое время нужно ответить на заявку с сайта в рабочее время?',
      options: single.optionIds.map((id) => ({ a: '15 минут', b: '1 час', c: '1 день' })[id]),
    });
    const order = byId('steps');
    expect(presentQuestion(order)).toMatchObject({ type: 'order', items: order.itemOrder.map((i) => ['Принять заявку', 'Позвонить клиенту', 'Записать итог в CRM'][i]) });
    expect(presentQuestion(byId('bonus'))).toEqual({ type: 'number', text: 'Маржа 400 000 ₽, премия 10 % от маржи. Какая премия?', unit: '₽' });
  });
});

describe('answers from the browser', () => {
  it('turn shown positions into the content’s ids and item order, and back', () => {
    const single = byId('response-time');
    const right = single.optionIds.indexOf('a');
    expect(answerFromBrowser(single, { type: 'single', choice: right })).toEqual({ answer: { type: 'single', option: 'a' } });

    const multiple = byId('crm-fields');
    const choices = ['b', 'a'].map((id) => multiple.optionIds.indexOf(id));
    const stored = answerFromBrowser(multiple, { type: 'multiple', choices });
    expect(stored).toEqual({ answer: { type: 'multiple', options: multiple.optionIds.filter((id) => id !== 'c') } });
    expect(answerForBrowser(multiple, (stored as { answer: never }).answer)).toEqual({ type: 'multiple', choices: [...choices].sort() });

    const order = byId('steps');
    // Arrange the shown items into the author's order: position of item 0, then 1, then 2.
    const arranged = [0, 1, 2].map((item) => order.itemOrder.indexOf(item));
    expect(answerFromBrowser(order, { type: 'order', order: arranged })).toEqual({ answer: { type: 'order', order: [0, 1, 2] } });
    expect(answerForBrowser(order, { type: 'order', order: [0, 1, 2] })).toEqual({ type: 'order', order: arranged });

    expect(answerFromBrowser(byId('bonus'), { type: 'number', text: '40 000' })).toEqual({ answer: { type: 'number', value: 40000 } });
    expect(answerForBrowser(byId('bonus'), { type: 'number', value: 40000 })).toEqual({ type: 'number', text: '40000' });
    expect(answerFromBrowser(byId('night'), { type: 'truefalse', value: false })).toEqual({ answer: { type: 'truefalse', value: false } });
  });

  it('that choose nothing are no answer', () => {
    expect(answerFromBrowser(byId('crm-fields'), { type: 'multiple', choices: [] })).toEqual({ answer: null });
    expect(answerFromBrowser(byId('bonus'), { type: 'number', text: '  ' })).toEqual({ answer: null });
  });

  it('that do not fit the question are refused', () => {
    expect(answerFromBrowser(byId('response-time'), { type: 'truefalse', value: true })).toEqual({ problem: 'type' });
    expect(answerFromBrowser(byId('response-time'), { type: 'single', choice: 3 })).toEqual({ problem: 'choice' });
    expect(answerFromBrowser(byId('crm-fields'), { type: 'multiple', choices: [0, 0] })).toEqual({ problem: 'choice' });
    expect(answerFromBrowser(byId('crm-fields'), { type: 'multiple', choices: [7] })).toEqual({ problem: 'choice' });
    expect(answerFromBrowser(byId('steps'), { type: 'order', order: [0, 0, 1] })).toEqual({ problem: 'order' });
    expect(answerFromBrowser(byId('steps'), { type: 'order', order: [0, 1] })).toEqual({ problem: 'order' });
    expect(answerFromBrowser(byId('steps'), { type: 'order', order: [0, 1, 3] })).toEqual({ problem: 'order' });
    expect(answerFromBrowser(byId('bonus'), { type: 'number', text: 'сорок тысяч' })).toEqual({ problem: 'number' });
  });
});

it('an attempt drawn before the content changed keeps only what still exists', () => {
  const drawn = [{ id: 'gone' }, { id: 'response-time', options: ['c', 'x', 'a', 'b'] }, { id: 'night' }];
  const kept = liveQuestions(drawn, quiz.questions);
  expect(kept.map((l) => l.question.id)).toEqual(['response-time', 'night']);
  expect(kept[0]!.optionIds).toEqual(['c', 'a', 'b']);
});

describe('answers as a review shows them', () => {
  const words = { true: 'Верно', false: 'Неверно' };
  const format = new Intl.NumberFormat('ru-RU').format;

  it('the person’s own answer, in the order the options were shown', () => {
    const crm = byId('crm-fields');
    const text = { a: 'Источник заявки', b: 'Потребность клиента' } as Record<string, string>;
    const given = shownAnswer(crm, { type: 'multiple', options: ['b', 'a'] })!;
    expect(given).toEqual({ type: 'choice', texts: crm.optionIds.filter((id) => id !== 'c').map((id) => text[id]) });
    expect(shownAnswer(crm, undefined)).toBeNull();
    expect(shownAnswer(crm, { type: 'truefalse', value: true })).toBeNull();
    expect(answerWords(shownAnswer(byId('night'), { type: 'truefalse', value: true })!, words, format)).toBe('Верно');
    expect(answerWords(shownAnswer(byId('steps'), { type: 'order', order: [1, 0, 2] })!, words, format)).toBe('Позвонить клиенту → Принять заявку → Записать итог в CRM');
    expect(answerWords(shownAnswer(byId('bonus'), { type: 'number', value: 4000 })!, words, format)).toBe('4\u00a0000 ₽');
  });

  it('the right answer, from the key', () => {
    expect(rightAnswer(byId('response-time'))).toEqual({ type: 'choice', texts: ['15 минут'] });
    expect(answerWords(rightAnswer(byId('crm-fields')), words, format).split('; ').sort()).toEqual(['Источник заявки', 'Потребность клиента']);
    expect(answerWords(rightAnswer(byId('night')), words, format)).toBe('Неверно');
    expect(answerWords(rightAnswer(byId('steps')), words, format)).toBe('Принять заявку → Позвонить клиенту → Записать итог в CRM');
    expect(answerWords({ type: 'number', value: 12.5, tolerance: 0.5, unit: '%' }, words, format)).toBe('12,5 ± 0,5 %');
  });
});
