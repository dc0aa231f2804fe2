import type { APIRoute } from 'astro';
import { csvResponse } from '../../../server/http/csv';
import { services } from '../../../server/services';
import { visiblePeople } from '../../../server/views/tracker';
import { listPeople } from '../../../server/records/users';
import * as clock from '../../../server/clock';

/** Every mentor's verdict on the people the viewer may see, with who judged and against which document versions. */
export const GET: APIRoute = async ({ locals }) => {
  const viewer = locals.user;
  const { store } = await services();
  const people = new Map((await visiblePeople(store, viewer!)).map((p) => [p.id, p]));
  const names = new Map((await listPeople(store)).map((p) => [p.id, p.name]));
  const signoffs = await store.read((data) => data.signoffs.filter((s) => people.has(s.userId)));
  return csvResponse(
    `signoffs-${clock.now().toISOString().slice(0, 10)}.csv`,
    ['login', 'name', 'checklist', 'item', 'verdict', 'rating', 'comment', 'signed by', 'at', 'document versions'],
    signoffs.map((s) => [
      people.get(s.userId)!.login,
      people.get(s.userId)!.name,
      s.checklistId,
      s.itemId,
      s.verdict,
      s.rating,
      s.comment,
      names.get(s.signedBy) ?? s.signedBy,
      s.at,
      Object.entries(s.docVersions).map(([doc, version]) => `${doc} ${version}`).join(', '),
    ]),
  );
};
