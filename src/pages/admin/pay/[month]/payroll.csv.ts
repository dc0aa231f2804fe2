import type { APIRoute } from 'astro';
import { siteSettings } from '../../../../content';
import { isMonth, PAYROLL_COLUMNS, payrollRows } from '../../../../domain/pay-statement';
import { payrollCsvResponse } from '../../../../server/http/csv';
import { services } from '../../../../server/services';
import { payroll } from '../../../../server/views/pay';

/**
 * A month's approved statements for payroll, as 1C imports them (docs/operations.md): Russian column
 * names, semicolons, a decimal comma, UTF-8 with a byte-order mark; one line per person, the revision
 * in force. The export is recorded in the audit log.
 */
export const GET: APIRoute = async ({ params, locals }) => {
  const month = params.month;
  if (!isMonth(month)) return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  const { store } = await services();
  const site = await siteSettings();
  const { people } = await payroll(store, month, site.timeZone);
  await store.record({ actor: locals.user!.id, action: 'pay.export', subject: `month:${month}`, details: { people: people.length } });
  return payrollCsvResponse(`payroll-${month}.csv`, { header: [...PAYROLL_COLUMNS], rows: payrollRows(month, people) });
};
