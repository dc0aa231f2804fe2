import type { APIRoute } from 'astro';
import { allCourses } from '../../../content';
import { csvResponse } from '../../../server/http/csv';
import { services } from '../../../server/services';
import { teamRows } from '../../../server/views/tracker';
import { exportContext, matrixTable } from '../../../server/views/exports';
import * as clock from '../../../server/clock';

/** The training matrix as CSV: the people the viewer may see, one row each. */
export const GET: APIRoute = async ({ locals }) => {
  const { store } = await services();
  const [rows, courses, context] = await Promise.all([teamRows(store, locals.user!), allCourses(), exportContext(locals.i18n)]);
  const titles = new Map(courses.map((c) => [c.id, c.data.title]));
  return csvResponse(`team-matrix-${clock.now().toISOString().slice(0, 10)}.csv`, matrixTable(rows, titles, context));
};
