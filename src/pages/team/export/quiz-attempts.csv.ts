import type { APIRoute } from 'astro';
import { allQuizzesWithKeys } from '../../../content';
import { csvResponse } from '../../../server/http/csv';
import { services } from '../../../server/services';
import { visiblePeople } from '../../../server/views/tracker';
import { exportContext, quizAttemptsTable } from '../../../server/views/exports';
import * as clock from '../../../server/clock';

/** Every graded quiz attempt of the people the viewer may see: scores and times, never answer keys. */
export const GET: APIRoute = async ({ locals }) => {
  const viewer = locals.user;
  const { store } = await services();
  const people = new Map((await visiblePeople(store, viewer!)).map((p) => [p.id, p]));
  const attempts = await store.read((data) => data.quizAttempts.filter((a) => people.has(a.userId) && a.submittedAt));
  // Only the titles leave this route: the keys stay on the server.
  const quizzes = new Map([...(await allQuizzesWithKeys())].map(([id, quiz]) => [id, quiz.title]));
  return csvResponse(`quiz-attempts-${clock.now().toISOString().slice(0, 10)}.csv`, quizAttemptsTable(attempts, people, quizzes, await exportContext(locals.i18n)));
};
