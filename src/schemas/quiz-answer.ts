import { z } from 'astro/zod';

// Two shapes of one answer. The browser only ever sees questions by position and options by the
// position it was shown them in, so it answers in those terms; the server turns that into the
// content's own terms (option ids, the author's item order) before storing and grading.

const position = z.number().int().min(0).max(99);

/** An answer as the browser sends it: positions in the attempt as it was presented. */
export const browserAnswerSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('single'), choice: position }),
  z.strictObject({ type: z.literal('multiple'), choices: z.array(position).max(100) }),
  z.strictObject({ type: z.literal('truefalse'), value: z.boolean() }),
  /** Presented item positions, in the order the learner arranged them. */
  z.strictObject({ type: z.literal('order'), order: z.array(position).max(100) }),
  /** The number as typed: "40 000", "12,5". */
  z.strictObject({ type: z.literal('number'), text: z.string().max(40) }),
]);

/** An answer as the server stores and grades it, in the content's own terms. */
export const quizAnswerSchema = z.discriminatedUnion('type', [
  /** Id of the chosen option. */
  z.strictObject({ type: z.literal('single'), option: z.string().min(1) }),
  /** Ids of the chosen options. */
  z.strictObject({ type: z.literal('multiple'), options: z.array(z.string().min(1)) }),
  z.strictObject({ type: z.literal('truefalse'), value: z.boolean() }),
  /** Indexes of the author's items, in the order the learner arranged them; right when 0, 1, 2, … */
  z.strictObject({ type: z.literal('order'), order: z.array(z.number().int().min(0)) }),
  z.strictObject({ type: z.literal('number'), value: z.number() }),
]);

export type BrowserAnswer = z.output<typeof browserAnswerSchema>;
export type QuizAnswer = z.output<typeof quizAnswerSchema>;
