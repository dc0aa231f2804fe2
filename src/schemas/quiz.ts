import { z } from 'astro/zod';
import { docLink, entryId, validForMonths } from './common';

const questionBase = {
  /** Unique id of the question within its quiz. */
  id: entryId,
  /** The question. */
  text: z.string().min(1),
  /** Why the right answer is right; shown after grading. */
  explanation: z.string().min(1),
  /** The document section the question tests. */
  doc: docLink.optional(),
};

/** An option of a single or multiple choice question. */
export const choiceOptionSchema = z.strictObject({
  /** Option id, unique within the question. */
  id: entryId,
  /** Option text. */
  text: z.string().min(1),
  /** Whether choosing it is right. */
  correct: z.boolean().default(false),
});

/** One question of a quiz bank. The answer key never leaves the server. */
export const questionSchema = z.discriminatedUnion('type', [
  z.strictObject({ ...questionBase, type: z.literal('single'), options: z.array(choiceOptionSchema).min(2) }),
  z.strictObject({ ...questionBase, type: z.literal('multiple'), options: z.array(choiceOptionSchema).min(2) }),
  z.strictObject({
    ...questionBase,
    type: z.literal('truefalse'),
    /** Whether the statement is true. */
    answer: z.boolean(),
  }),
  z.strictObject({
    ...questionBase,
    type: z.literal('order'),
    /** The steps in their right order; learners see them shuffled. */
    items: z.array(z.string().min(1)).min(2),
  }),
  z.strictObject({
    ...questionBase,
    type: z.literal('number'),
    /** The right number. */
    answer: z.number(),
    /** How far an answer may be from the right one and still count. */
    tolerance: z.number().min(0).default(0),
    /** Unit shown beside the input, such as ₽ or %. */
    unit: z.string().optional(),
  }),
]);

/** A quiz in content/quizzes/*.yaml: settings and a bank of questions with answer keys. */
export const quizSchema = z.strictObject({
  /** Title of the quiz. */
  title: z.string().min(1),
  /** Percent of points needed to pass. */
  passScore: z.number().min(1).max(100),
  /** How many attempts a person has; 0 means no limit. */
  attempts: z.number().int().min(0).default(0),
  /** Minutes to wait after a failed attempt. */
  cooldownMinutes: z.number().min(0).default(0),
  /** Time limit of an attempt in minutes. */
  timeLimitMinutes: z.number().positive().optional(),
  /** How many questions to draw from the bank for each attempt; all when absent. */
  draw: z.number().int().positive().optional(),
  /** Whether to shuffle questions and options. */
  shuffle: z.boolean().default(true),
  /** Months a pass holds before the quiz must be taken again; absent: a pass holds for good. */
  validForMonths,
  /** The question bank. */
  questions: z.array(questionSchema).min(1),
});

export type QuizData = z.output<typeof quizSchema>;
export type Question = z.output<typeof questionSchema>;
export type QuestionType = Question['type'];
export { entryId };
