import type { APIRoute } from 'astro';
import { services } from '../../../server/services';
import * as clock from '../../../server/clock';

/** One person's full record, as the company would hand it over on request: everything but secrets. */
export const GET: APIRoute = async ({ locals }) => {
  const { store } = await services();
  // The person themself, their mentor or a head: the middleware let only them through (src/domain/routes.ts).
  const person = locals.subject!;
  const viewer = locals.user!;
  const record = await store.read((data) => {
    const mine = <T extends { userId: string }>(list: T[]) => list.filter((r) => r.userId === person.id);
    return {
      acknowledgements: mine(data.acknowledgements),
      lessonCompletions: mine(data.lessonCompletions),
      quizAttempts: mine(data.quizAttempts),
      quizGrants: mine(data.quizGrants),
      courseFeedback: mine(data.courseFeedback),
      signoffRequests: mine(data.signoffRequests),
      signoffs: mine(data.signoffs),
      dialogueRuns: mine(data.dialogueRuns),
      kpiRecords: mine(data.kpiRecords),
    };
  });
  await store.record({ actor: viewer.id, action: 'person.export', subject: `user:${person.id}`, details: {} });
  // personByLogin hands out the person without the password hash.
  const body = JSON.stringify({ exportedAt: clock.now().toISOString(), person, ...record }, null, 2);
  return new Response(body, {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="salesbook-${person.login}.json"`,
      'cache-control': 'private, no-store',
    },
  });
};
