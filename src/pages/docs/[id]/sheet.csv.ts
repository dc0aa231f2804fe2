import type { APIRoute } from 'astro';
import { visibleDocById } from '../../../content';
import { csvResponse } from '../../../server/http/csv';
import { acknowledgementSheet } from '../../../server/views/doc-currency';
import { ackSheetTable, exportContext } from '../../../server/views/exports';
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
  const { store } = await services();
  const [{ lines }, context] = await Promise.all([acknowledgementSheet(store, doc), exportContext(locals.i18n)]);
  const day = clock.now().toISOString().slice(0, 10);
  return csvResponse(`ack-sheet-${doc.id}-${day}.csv`, ackSheetTable(lines, context));
};
