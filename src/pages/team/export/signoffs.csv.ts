import type { APIRoute } from 'astro';
import { allChecklists, allDocs } from '../../../content';
import { csvResponse } from '../../../server/http/csv';
import { services } from '../../../server/services';
import { visiblePeople } from '../../../server/views/tracker';
import { listPeople } from '../../../server/records/users';
import { exportContext, signoffsTable } from '../../../server/views/exports';
import * as clock from '../../../server/clock';

/** Every mentor's verdict on the people the viewer may see, with who judged and against which document versions. */
export const GET: APIRoute = async ({ locals }) => {
  const viewer = locals.user;
  const { store } = await services();
  const people = new Map((await visiblePeople(store, viewer!)).map((p) => [p.id, p]));
  const judges = new Map((await listPeople(store)).map((p) => [p.id, p.name]));
  const signoffs = await store.read((data) => data.signoffs.filter((s) => people.has(s.userId)));
  const [checklists, docs, context] = await Promise.all([allChecklists(), allDocs(), exportContext(locals.i18n)]);
  const names = {
    people,
    judges,
    checklists: new Map(checklists.map((c) => [c.id, { title: c.data.title, items: new Map(c.data.items.map((i) => [i.id, i.title])) }])),
    docs: new Map(docs.map((d) => [d.id, d.data.title])),
  };
  return csvResponse(`signoffs-${clock.now().toISOString().slice(0, 10)}.csv`, signoffsTable(signoffs, names, context));
};
