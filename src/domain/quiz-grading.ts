import type { QuizAnswer } from '../schemas/quiz-answer';
import type { Question } from '../schemas/quiz';

/** How one answer came out. */
export type Outcome = 'right' | 'partial' | 'wrong' | 'unanswered';

/** One graded question: points from 0 to 1. */
export interface QuestionResult {
  id: string;
  points: number;
  outcome: Outcome;
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * Points for a multiple-choice answer: the share of right options chosen minus the share of wrong
 * options chosen, never below 0. Ticking everything therefore earns nothing, and full points need
 * exactly the right set.
 */
export function multipleChoicePoints(rightIds: readonly string[], wrongIds: readonly string[], chosen: readonly string[]): number {
  const picked = new Set(chosen);
  const rightShare = rightIds.filter((id) => picked.has(id)).length / rightIds.length;
  const wrongShare = wrongIds.length === 0 ? 0 : wrongIds.filter((id) => picked.has(id)).length / wrongIds.length;
  return Math.max(0, round(rightShare - wrongShare, 4));
}

/** Whether a number is within the tolerance of the right one, forgiving binary rounding (0.1 + 0.2). */
export function withinTolerance(value: number, right: number, tolerance: number): boolean {
  return Math.abs(value - right) <= tolerance + 1e-9 * Math.max(1, Math.abs(right));
}

/** Points for an answer of the question's own type; null when it chooses nothing. */
function pointsFor(question: Question, answer: QuizAnswer): number | null {
  if (question.type === 'single' && answer.type === 'single') return question.options.find((o) => o.id === answer.option)?.correct ? 1 : 0;
  if (question.type === 'multiple' && answer.type === 'multiple') {
    if (answer.options.length === 0) return null;
    const right = question.options.filter((o) => o.correct).map((o) => o.id);
    const wrong = question.options.filter((o) => !o.correct).map((o) => o.id);
    return multipleChoicePoints(right, wrong, answer.options);
  }
  if (question.type === 'truefalse' && answer.type === 'truefalse') return answer.value === question.answer ? 1 : 0;
  if (question.type === 'order' && answer.type === 'order') {
    return answer.order.length === question.items.length && answer.order.every((item, position) => item === position) ? 1 : 0;
  }
  if (question.type === 'number' && answer.type === 'number') return withinTolerance(answer.value, question.answer, question.tolerance) ? 1 : 0;
  // An answer of another type than the question's earns nothing.
  return 0;
}

/** Points for one answer, by the question's answer key. */
export function gradeAnswer(question: Question, answer: QuizAnswer | undefined): QuestionResult {
  const points = answer ? pointsFor(question, answer) : null;
  if (points === null) return { id: question.id, points: 0, outcome: 'unanswered' };
  return { id: question.id, points, outcome: points >= 1 ? 'right' : points > 0 ? 'partial' : 'wrong' };
}

/** A graded attempt: each question, the score in percent (one decimal) and whether it passes. */
export interface GradedAttempt {
  results: QuestionResult[];
  score: number;
  passed: boolean;
}

/** Grades the questions of an attempt; a question without an answer earns 0. */
export function gradeAttempt(questions: readonly Question[], answers: Readonly<Record<string, QuizAnswer>>, passScore: number): GradedAttempt {
  const results = questions.map((question) => gradeAnswer(question, answers[question.id]));
  if (results.length === 0) return { results, score: 0, passed: false };
  const percent = (results.reduce((sum, r) => sum + r.points, 0) / results.length) * 100;
  return { results, score: round(percent, 1), passed: percent + 1e-9 >= passScore };
}

/**
 * A number as people type it: spaces as thousands separators, a comma or a point for decimals,
 * a typographic minus. Null when it is not a number.
 */
export function parseNumberAnswer(text: string): number | null {
  const cleaned = text.trim().replace(/[\s\u00a0\u202f\u2009]/g, '').replace(',', '.').replace(/^[\u2212\u2013]/, '-');
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(cleaned)) return null;
  const value = Number(cleaned);
  return Number.isFinite(value) ? value : null;
}
