import type { APIRoute } from 'astro';
import { roleTitles, visibleDocById } from '../../../content';
import { csvResponse } from '../../../server/http/csv';
import { acknowledgementSheet } from '../../../server/views/doc-currency';
import { services } from '../../../server/services';
import * as clock from '../../../server/clock';

/**
 * The acknowledgement sheet as CSV, for HR: a header and one row per person the document asks to
 * confirm it. Semicolons and a byte-order mark, so that Excel opens Cyrillic text in columns.
 */
export const GET: APIRoute = async ({ params, locals }) => {
  const user = locals.user;
  const doc = await visibleDocById(params.id ?? '', user);
  if (!doc) return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  const { t, shortDate } = locals.i18n;
  const { store } = await services();
  const [{ lines }, titles] = await Promise.all([acknowledgementSheet(store, doc), roleTitles()]);
  const status = { confirmed: t('sheet.current'), outdated: t('sheet.outdated'), unconfirmed: t('sheet.notConfirmed') } as const;
  const day = clock.now().toISOString().slice(0, 10);
  return csvResponse(
    `ack-sheet-${doc.id}-${day}.csv`,
    [t('sheet.number'), t('sheet.person'), t('sheet.position'), t('sheet.version'), t('sheet.date'), t('sheet.status')],
    lines.map(({ person, standing }, index) => [
      String(index + 1),
      person.name,
      titles.get(person.position) ?? person.position,
      standing.latest?.version ?? '',
      standing.latest ? shortDate(new Date(standing.latest.at)) : '',
      status[standing.state],
    ]),
  );
};
