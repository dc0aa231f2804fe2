import type { APIRoute } from 'astro';
import { allCourses, roleTitles } from '../../../content';
import { csvResponse } from '../../../server/http/csv';
import { services } from '../../../server/services';
import { teamRows } from '../../../server/views/tracker';
import * as clock from '../../../server/clock';

/** The training matrix as CSV: the people the viewer may see, one row each. */
export const GET: APIRoute = async ({ locals }) => {
  const viewer = locals.user;
  const { t } = locals.i18n;
  const { store } = await services();
  const [rows, courses, titles] = await Promise.all([teamRows(store, viewer!), allCourses(), roleTitles()]);
  const overview = { rows };
  const courseIds = [...new Set(overview.rows.flatMap((r) => r.courses.map((c) => c.id)))];
  const courseTitle = new Map(courses.map((c) => [c.id, c.data.title]));
  return csvResponse(
    `team-matrix-${clock.now().toISOString().slice(0, 10)}.csv`,
    [t('team.person'), t('people.login'), t('people.position'), t('people.hired'), t('team.docs'), ...courseIds.map((id) => courseTitle.get(id) ?? id), t('team.skills'), t('team.lastActivity'), t('team.ramp')],
    overview.rows.map((row) => [
      row.person.name,
      row.person.login,
      titles.get(row.person.position) ?? row.person.position,
      row.person.hired,
      `${row.docs.done}/${row.docs.total}`,
      ...courseIds.map((id) => {
        const course = row.courses.find((c) => c.id === id);
        return course ? t(`course.state.short.${course.state}`) : '';
      }),
      `${row.skills.passed}/${row.skills.total}`,
      row.lastActivity?.slice(0, 10) ?? '',
      row.ramp.done === true ? String(row.ramp.days) : row.ramp.done === false ? `${row.ramp.day}/${row.ramp.target}` : '',
    ]),
  );
};
