import type { APIRoute } from 'astro';
import { csvResponse } from '../../../server/http/csv';
import { services } from '../../../server/services';
import { visiblePeople } from '../../../server/views/tracker';
import * as clock from '../../../server/clock';

/** Every graded quiz attempt of the people the viewer may see: scores and times, never answer keys. */
export const GET: APIRoute = async ({ locals }) => {
  const viewer = locals.user;
  const { store } = await services();
  const people = new Map((await visiblePeople(store, viewer!)).map((p) => [p.id, p]));
  const attempts = await store.read((data) => data.quizAttempts.filter((a) => people.has(a.userId) && a.submittedAt));
  return csvResponse(
    `quiz-attempts-${clock.now().toISOString().slice(0, 10)}.csv`,
    ['login', 'name', 'quiz', 'started', 'submitted', 'score', 'passed', 'late', 'questions'],
    attempts.map((a) => [people.get(a.userId)!.login, people.get(a.userId)!.name, a.quizId, a.startedAt, a.submittedAt, a.score, a.passed ? 'yes' : 'no', a.late ? 'yes' : 'no', a.questions.length]),
  );
};
