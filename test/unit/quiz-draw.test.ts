import { describe, expect, it } from 'vitest';
import { drawQuestions, seededRandom, shuffled } from '../../src/domain/quiz-draw';
import { quizSchema } from '../../src/schemas/quiz';
import { fixtureQuiz } from './quiz-fixture';

const quiz = fixtureQuiz('basics-final');

/** A bank of `n` truefalse questions q0 … q(n-1). */
const bank = (n: number) =>
  quizSchema.parse({
    title: 'Банк',
    passScore: 50,
    questions: Array.from({ length: n }, (_, i) => ({ id: `q${i}`, type: 'truefalse', text: `Утверждение ${i}`, answer: true, explanation: 'Так.' })),
  }).questions;

describe('seeded random numbers', () => {
  it('repeat for the same seed and differ between seeds', () => {
    const take = (seed: string) => {
      const random = seededRandom(seed);
      return Array.from({ length: 5 }, random);
    };
    expect(take('attempt-1')).toEqual(take('attempt-1'));
    expect(take('attempt-1')).not.toEqual(take('attempt-2'));
    for (const value of take('range')) expect(value >= 0 && value < 1).toBe(true);
  });

  it('shuffle without losing or adding anything', () => {
    const values = Array.from({ length: 50 }, (_, i) => i);
    const out = shuffled(values, seededRandom('s'));
    expect([...out].sort((a, b) => a - b)).toEqual(values);
    expect(out).not.toEqual(values);
  });
});

describe('drawing an attempt', () => {
  it('is the same for the same seed, to the option', () => {
    expect(drawQuestions(quiz.questions, quiz, 'seed-42')).toEqual(drawQuestions(quiz.questions, quiz, 'seed-42'));
  });

  it('differs between seeds', () => {
    const draws = new Set(Array.from({ length: 20 }, (_, i) => JSON.stringify(drawQuestions(quiz.questions, quiz, `seed-${i}`))));
    expect(draws.size).toBeGreaterThan(15);
  });

  it('draws N different questions from the bank', () => {
    const questions = bank(10);
    for (let i = 0; i < 30; i++) {
      const drawn = drawQuestions(questions, { draw: 4, shuffle: true }, `d${i}`);
      expect(drawn).toHaveLength(4);
      expect(new Set(drawn.map((d) => d.id)).size).toBe(4);
      expect(drawn.every((d) => questions.some((q) => q.id === d.id))).toBe(true);
    }
  });

  it('gives every question of the bank a fair chance to be drawn', () => {
    const questions = bank(5);
    const counts = new Map<string, number>();
    for (let i = 0; i < 2000; i++) for (const d of drawQuestions(questions, { draw: 2, shuffle: true }, `fair-${i}`)) counts.set(d.id, (counts.get(d.id) ?? 0) + 1);
    // 2000 draws of 2 from 5: 800 each on average.
    for (const question of questions) expect(counts.get(question.id)).toBeGreaterThan(650);
  });

  it('without shuffle keeps the bank’s order and the options’ order', () => {
    const drawn = drawQuestions(quiz.questions, { shuffle: false }, 'any');
    expect(drawn.map((d) => d.id)).toEqual(quiz.questions.map((q) => q.id));
    expect(drawn[0]!.options).toEqual(['a', 'b', 'c']);
    const some = drawQuestions(bank(10), { draw: 3, shuffle: false }, 'any');
    expect(some.map((d) => Number(d.id.slice(1)))).toEqual([...some.map((d) => Number(d.id.slice(1)))].sort((a, b) => a - b));
  });

  it('with shuffle moves questions and options around', () => {
    const orders = new Set(Array.from({ length: 20 }, (_, i) => drawQuestions(quiz.questions, quiz, `o${i}`).map((d) => d.id).join()));
    expect(orders.size).toBeGreaterThan(10);
    const optionOrders = new Set(Array.from({ length: 20 }, (_, i) => drawQuestions(quiz.questions, quiz, `o${i}`).find((d) => d.id === 'response-time')!.options!.join()));
    expect(optionOrders.size).toBeGreaterThan(3);
  });

  it('never shows an order question already in the right order, shuffle or not', () => {
    for (let i = 0; i < 200; i++) {
      for (const shuffle of [true, false]) {
        const items = drawQuestions(quiz.questions, { shuffle }, `order-${i}`).find((d) => d.id === 'steps')!.items!;
        expect([...items].sort()).toEqual([0, 1, 2]);
        expect(items).not.toEqual([0, 1, 2]);
      }
    }
  });

  it('draws the whole bank when asked for more than it holds', () => {
    expect(drawQuestions(bank(3), { draw: 9, shuffle: true }, 'x')).toHaveLength(3);
  });
});
