// The fixture quizzes, read through the real content schema, for the quiz unit tests.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { quizSchema, type Question, type QuizData } from '../../src/schemas/quiz';

export function fixtureQuiz(id: string): QuizData {
  return quizSchema.parse(parse(readFileSync(resolve('test/fixtures/content/quizzes', `${id}.yaml`), 'utf8')));
}

/** One question of `basics-final` by id, narrowed to its type. */
export function fixtureQuestion<T extends Question['type']>(id: string, type: T): Extract<Question, { type: T }> {
  const question = fixtureQuiz('basics-final').questions.find((q) => q.id === id);
  if (!question || question.type !== type) throw new Error(`no ${type} question ${id} in basics-final`);
  return question as Extract<Question, { type: T }>;
}
