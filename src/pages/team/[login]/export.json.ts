import type { APIRoute } from 'astro';
import { can } from '../../../domain/permissions';
import { services } from '../../../server/services';
import { personByLogin } from '../../../server/records/users';
import * as clock from '../../../server/clock';

/** One person's full record, as the company would hand it over on request: everything but secrets. */
export const GET: APIRoute = async ({ params, locals }) => {
  const viewer = locals.user;
  const { store, audit } = await services();
  const person = await personByLogin(store, params.login ?? '');
  if (!viewer || !person || !can(viewer, 'person.view', person)) return new Response('Not found', { status: 404 });
  const record = await store.read((data) => {
    const mine = <T extends { userId: string }>(list: T[]) => list.filter((r) => r.userId === person.id);
    return {
      acknowledgements: mine(data.acknowledgements),
      lessonCompletions: mine(data.lessonCompletions),
      quizAttempts: mine(data.quizAttempts),
      courseFeedback: mine(data.courseFeedback),
      signoffRequests: mine(data.signoffRequests),
      signoffs: mine(data.signoffs),
      dialogueRuns: mine(data.dialogueRuns),
      kpiRecords: mine(data.kpiRecords),
    };
  });
  await audit.append({ actor: viewer.id, action: 'person.export', subject: `user:${person.id}`, details: {} });
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
