import type { Question } from '../schemas/quiz';
import type { BrowserAnswer, QuizAnswer } from '../schemas/quiz-answer';
import type { DrawnQuestion } from './quiz-draw';
import { parseNumberAnswer } from './quiz-grading';
import type { BrowserStanding } from './quiz-rules';

/**
 * A question as a browser may see it: the text and the choices in the order drawn, and nothing
 * else — no ids, no answer key, no explanation.
 */
export type PresentedQuestion =
  | { type: 'single' | 'multiple'; text: string; options: string[] }
  | { type: 'truefalse'; text: string }
  | { type: 'order'; text: string; items: string[] }
  | { type: 'number'; text: string; unit?: string };

/** A drawn question with its bank entry, and its options or items as they are shown. */
export interface LiveQuestion {
  drawn: DrawnQuestion;
  question: Question;
  /** Option ids in shown order (single, multiple). */
  optionIds: string[];
  /** Author's item indexes in shown order (order). */
  itemOrder: number[];
}

/**
 * The questions of an attempt that the bank still has, with what is shown. A question or option
 * removed from the content since the draw is left out, so positions stay consistent everywhere.
 */
export function liveQuestions(drawn: readonly DrawnQuestion[], bank: readonly Question[]): LiveQuestion[] {
  const out: LiveQuestion[] = [];
  for (const entry of drawn) {
    const question = bank.find((q) => q.id === entry.id);
    if (!question) continue;
    const optionIds =
      question.type === 'single' || question.type === 'multiple'
        ? (entry.options ?? question.options.map((o) => o.id)).filter((id) => question.options.some((o) => o.id === id))
        : [];
    const itemOrder =
      question.type === 'order' ? (entry.items ?? question.items.map((_, i) => i)).filter((i) => i < question.items.length) : [];
    out.push({ drawn: entry, question, optionIds, itemOrder });
  }
  return out;
}

/** What the browser is shown for one question. */
export function presentQuestion({ question, optionIds, itemOrder }: LiveQuestion): PresentedQuestion {
  switch (question.type) {
    case 'single':
    case 'multiple':
      return {
        type: question.type,
        text: question.text,
        options: optionIds.map((id) => question.options.find((o) => o.id === id)!.text),
      };
    case 'truefalse':
      return { type: 'truefalse', text: question.text };
    case 'order':
      return { type: 'order', text: question.text, items: itemOrder.map((i) => question.items[i]!) };
    case 'number':
      return question.unit === undefined ? { type: 'number', text: question.text } : { type: 'number', text: question.text, unit: question.unit };
  }
}

/** Why an answer from the browser cannot be taken. */
export type AnswerProblem = 'type' | 'choice' | 'order' | 'number';

/**
 * Turns an answer in shown positions into the content's terms. Null means "no answer" (nothing
 * chosen, an empty number); a problem means the answer does not fit the question it was given for.
 */
export function answerFromBrowser(live: LiveQuestion, answer: BrowserAnswer): { answer: QuizAnswer | null } | { problem: AnswerProblem } {
  const { question, optionIds, itemOrder } = live;
  if (answer.type !== question.type) return { problem: 'type' };
  switch (answer.type) {
    case 'single': {
      const option = optionIds[answer.choice];
      return option === undefined ? { problem: 'choice' } : { answer: { type: 'single', option } };
    }
    case 'multiple': {
      const chosen = new Set(answer.choices);
      if (chosen.size !== answer.choices.length || answer.choices.some((c) => c >= optionIds.length)) return { problem: 'choice' };
      if (chosen.size === 0) return { answer: null };
      // Stored in the order shown, whatever order they were clicked in.
      return { answer: { type: 'multiple', options: optionIds.filter((_, i) => chosen.has(i)) } };
    }
    case 'truefalse':
      return { answer: { type: 'truefalse', value: answer.value } };
    case 'order': {
      const isPermutation = answer.order.length === itemOrder.length && new Set(answer.order).size === itemOrder.length && answer.order.every((p) => p < itemOrder.length);
      return isPermutation ? { answer: { type: 'order', order: answer.order.map((p) => itemOrder[p]!) } } : { problem: 'order' };
    }
    case 'number': {
      if (answer.text.trim() === '') return { answer: null };
      const value = parseNumberAnswer(answer.text);
      return value === null ? { problem: 'number' } : { answer: { type: 'number', value } };
    }
  }
}

/** A stored answer in shown positions again, so that a reloaded attempt shows what was saved. */
export function answerForBrowser(live: LiveQuestion, answer: QuizAnswer | undefined): BrowserAnswer | null {
  if (!answer || answer.type !== live.question.type) return null;
  switch (answer.type) {
    case 'single': {
      const choice = live.optionIds.indexOf(answer.option);
      return choice < 0 ? null : { type: 'single', choice };
    }
    case 'multiple':
      return { type: 'multiple', choices: answer.options.map((id) => live.optionIds.indexOf(id)).filter((i) => i >= 0) };
    case 'truefalse':
      return { type: 'truefalse', value: answer.value };
    case 'order': {
      const order = answer.order.map((item) => live.itemOrder.indexOf(item));
      return order.some((p) => p < 0) ? null : { type: 'order', order };
    }
    case 'number':
      return { type: 'number', text: String(answer.value) };
  }
}

/** An open attempt as the browser may have it: questions without keys, the answers saved so far, the time left. */
export interface AttemptForBrowser {
  id: string;
  questions: PresentedQuestion[];
  answers: (BrowserAnswer | null)[];
  /** Seconds to the deadline; null without a time limit. */
  secondsLeft: number | null;
}

/** An answer as a review shows it, in the words and the order the person saw. */
export type ShownAnswer =
  | { type: 'choice'; texts: string[] }
  | { type: 'truefalse'; value: boolean }
  | { type: 'order'; items: string[] }
  | { type: 'number'; value: number; tolerance: number; unit?: string };

const withUnit = (shown: Extract<ShownAnswer, { type: 'number' }>, unit: string | undefined): ShownAnswer => (unit === undefined ? shown : { ...shown, unit });

/** A stored answer as the person gave it; null when they gave none (or one of another type). */
export function shownAnswer({ question, optionIds }: LiveQuestion, answer: QuizAnswer | undefined): ShownAnswer | null {
  if (!answer || answer.type !== question.type) return null;
  switch (answer.type) {
    case 'single':
    case 'multiple': {
      if (question.type !== 'single' && question.type !== 'multiple') return null;
      const chosen = new Set(answer.type === 'single' ? [answer.option] : answer.options);
      // Options in the order they were shown; one no longer in the content is left out.
      return { type: 'choice', texts: optionIds.filter((id) => chosen.has(id)).map((id) => question.options.find((o) => o.id === id)!.text) };
    }
    case 'truefalse':
      return { type: 'truefalse', value: answer.value };
    case 'order':
      return question.type === 'order' ? { type: 'order', items: answer.order.map((i) => question.items[i] ?? '?') } : null;
    case 'number':
      return withUnit({ type: 'number', value: answer.value, tolerance: 0 }, question.type === 'number' ? question.unit : undefined);
  }
}

/** The right answer of a question, from its key: server-side, and only for a review that may reveal it. */
export function rightAnswer({ question, optionIds }: LiveQuestion): ShownAnswer {
  switch (question.type) {
    case 'single':
    case 'multiple':
      return { type: 'choice', texts: optionIds.map((id) => question.options.find((o) => o.id === id)!).filter((o) => o.correct).map((o) => o.text) };
    case 'truefalse':
      return { type: 'truefalse', value: question.answer };
    case 'order':
      return { type: 'order', items: [...question.items] };
    case 'number':
      return withUnit({ type: 'number', value: question.answer, tolerance: question.tolerance }, question.unit);
  }
}

/** An answer in words: options joined with "; ", steps with arrows, a number in the reader's format with its unit. */
export function answerWords(shown: ShownAnswer, words: { true: string; false: string }, formatNumber: (value: number) => string): string {
  switch (shown.type) {
    case 'choice':
      return shown.texts.join('; ');
    case 'truefalse':
      return shown.value ? words.true : words.false;
    case 'order':
      return shown.items.join(' → ');
    case 'number': {
      const unit = shown.unit ? ` ${shown.unit}` : '';
      return shown.tolerance > 0 ? `${formatNumber(shown.value)} ± ${formatNumber(shown.tolerance)}${unit}` : `${formatNumber(shown.value)}${unit}`;
    }
  }
}

/** A graded question as the person who answered it sees it: only ever sent after grading. */
export interface ReviewedQuestion {
  text: string;
  outcome: 'right' | 'partial' | 'wrong' | 'unanswered';
  /** From 0 to 1: a multiple-choice answer may earn a part. */
  points: number;
  explanation: string;
  /** The person's own answer; null when they gave none. */
  given: ShownAnswer | null;
  /** The right answer; null while the rules keep it on the server (`revealsRightAnswers`). */
  right: ShownAnswer | null;
  /** The document section the question tests. */
  doc: { href: string; title: string } | null;
}

/** What a submission answers, once the attempt is graded and stored. */
export interface GradeForBrowser {
  score: number;
  passed: boolean;
  /** Closed at the deadline: the answers saved by then were graded. */
  late: boolean;
  passScore: number;
  review: ReviewedQuestion[];
  /** Whether the review holds the right answers; when not, the person is told when they will see them. */
  rightAnswersShown: boolean;
  /** Where the person stands now: passed, cooling down, out of attempts or free to try again. */
  standing: BrowserStanding;
}

/** A start's answer: the attempt (new or resumed) and the standing with it. */
export interface StartForBrowser {
  attempt: AttemptForBrowser;
  standing: BrowserStanding;
}
