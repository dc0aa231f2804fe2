import type { APIRoute } from 'astro';
import Papa from 'papaparse';
import { roleTitles, visibleDocById } from '../../../content';
import { acknowledgementSheet } from '../../../server/doc-currency';
import { can } from '../../../server/permissions';
import { services } from '../../../server/services';

/**
 * The acknowledgement sheet as CSV, for HR: a header and one row per person the document asks to
 * confirm it. Semicolons and a byte-order mark, so that Excel opens Cyrillic text in columns.
 */
export const GET: APIRoute = async ({ params, locals }) => {
  const user = locals.user;
  const doc = can(user, 'docs.oversee') ? await visibleDocById(params.id ?? '', user) : undefined;
  if (!doc) return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  const { t, shortDate } = locals.i18n;
  const { store } = await services();
  const [{ lines }, titles] = await Promise.all([acknowledgementSheet(store, doc), roleTitles()]);
  const status = { confirmed: t('sheet.current'), outdated: t('sheet.outdated'), unconfirmed: t('sheet.notConfirmed') } as const;
  const csv = Papa.unparse(
    {
      fields: [t('sheet.number'), t('sheet.person'), t('sheet.position'), t('sheet.version'), t('sheet.date'), t('sheet.status')],
      data: lines.map(({ person, standing }, index) => [
        String(index + 1),
        person.name,
        titles.get(person.position) ?? person.position,
        standing.latest?.version ?? '',
        standing.latest ? shortDate(new Date(standing.latest.at)) : '',
        status[standing.state],
      ]),
    },
    // Quote every field and neutralise formulas: names come from people, and a spreadsheet must not run them.
    { delimiter: ';', quotes: true, escapeFormulae: true },
  );
  const day = new Date().toISOString().slice(0, 10);
  return new Response(`\uFEFF${csv}\r\n`, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="ack-sheet-${doc.id}-${day}.csv"`,
      'cache-control': 'private, no-store',
    },
  });
};
