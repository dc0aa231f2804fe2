import { mappedFields, monthSpan, type CrmDeal, type CrmInvoice, type CrmLead, type CrmMapping, type CrmMonth, type CrmUser } from '../../domain/crm';
import { CrmRequests, type Pace } from './requests';

// Bitrix24's REST API through an incoming webhook (https://company.bitrix24.ru/rest/1/<key>/): the
// methods a month's figures take. Every answer is {result, next, total, time}, or {error,
// error_description}; lists come 50 at a time, the next page from `start` = `next`. A portal allows
// about two requests a second and answers 503 QUERY_LIMIT_EXCEEDED beyond that.
//
// Invoices are the smart invoices of crm.item.list (entityTypeId 31): the older crm.invoice.list
// works only on portals that still have the old invoices turned on, and new portals do not.

/** Two requests a second; after a rate-limit answer, 1, 2, 4 and 8 seconds before trying again. */
export const BITRIX24_PACE: Pace = { intervalMs: 500, backoffMs: [1000, 2000, 4000, 8000], timeoutMs: 30_000 };

/** More pages than any month of a department, so that a list that never ends is stopped. */
const MAX_PAGES = 2000;

/** The answers that mean the webhook itself was refused. */
const REFUSALS = new Set(['INVALID_CREDENTIALS', 'NO_AUTH_FOUND', 'expired_token', 'invalid_token', 'insufficient_scope', 'ACCESS_DENIED', 'authorization_error']);

interface Answer {
  result: unknown;
  next?: number;
  total?: number;
}

export class Bitrix24 {
  readonly #base: string;
  readonly #requests: CrmRequests;

  /** `webhookUrl`: the incoming webhook's address, ending with its key. */
  constructor(webhookUrl: string, pace: Partial<Pace> = {}) {
    this.#base = webhookUrl.endsWith('/') ? webhookUrl : `${webhookUrl}/`;
    const key = new URL(this.#base).pathname.split('/').filter(Boolean).at(-1) ?? '';
    this.#requests = new CrmRequests('Bitrix24', { ...BITRIX24_PACE, ...pace }, [this.#base, webhookUrl, key]);
  }

  async #call(method: string, params: Record<string, unknown>): Promise<Answer> {
    const { status, body } = await this.#requests.send(
      `${this.#base}${method}.json`,
      { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(params) },
      (code, answer) => code === 503 || (answer as { error?: unknown } | undefined)?.error === 'QUERY_LIMIT_EXCEEDED',
    );
    const answer = body as { result?: unknown; error?: unknown; error_description?: unknown } | undefined;
    if (answer && typeof answer.error === 'string') {
      const said = `${answer.error}${typeof answer.error_description === 'string' && answer.error_description ? `: ${answer.error_description}` : ''}`;
      throw this.#requests.error(status === 401 || REFUSALS.has(answer.error) ? 'refused' : 'answer', `${method}, HTTP ${status}, ${said}`);
    }
    if (status === 401 || status === 403) throw this.#requests.error('refused', `${method}, HTTP ${status}`);
    if (status < 200 || status >= 300 || !answer || !('result' in answer)) throw this.#requests.error('answer', `${method}, HTTP ${status}`);
    return answer as Answer;
  }

  /** Every item of a list method, page by page. */
  async #list(method: string, params: Record<string, unknown>, items: (result: unknown) => unknown = (result) => result): Promise<Record<string, unknown>[]> {
    const all: Record<string, unknown>[] = [];
    let start = 0;
    for (let page = 0; page < MAX_PAGES; page++) {
      const answer = await this.#call(method, { ...params, start });
      const found = items(answer.result);
      if (!Array.isArray(found)) throw this.#requests.error('answer', `${method}: the result is not a list`);
      all.push(...found);
      if (typeof answer.next !== 'number' || answer.next <= start) return all;
      start = answer.next;
    }
    throw this.#requests.error('answer', `${method}: more than ${MAX_PAGES} pages`);
  }

  /** The portal's users, active and not: deals of people who left are still theirs. */
  async users(): Promise<CrmUser[]> {
    const users = await this.#list('user.get', { sort: 'ID', order: 'ASC' });
    return users.map((u) => ({
      id: String(u.ID),
      name: [u.NAME, u.LAST_NAME].filter((part) => typeof part === 'string' && part.trim()).join(' ') || String(u.EMAIL ?? u.ID),
      active: u.ACTIVE === true || u.ACTIVE === 'Y',
    }));
  }

  /** The codes of every deal field, custom (UF_CRM_…) ones included. */
  async dealFields(): Promise<Set<string>> {
    const { result } = await this.#call('crm.deal.fields', {});
    if (!result || typeof result !== 'object') throw this.#requests.error('answer', 'crm.deal.fields: no fields');
    return new Set(Object.keys(result));
  }

  /** A month as the mapping needs it: users, deal fields, deals won, leads created and, when a KPI is invoices paid on time, invoices due. */
  async month(month: string, timeZone: string, mapping: CrmMapping): Promise<CrmMonth> {
    const span = monthSpan(month, timeZone);
    const fields = mappedFields(mapping);
    const users = await this.users();
    const fieldCodes = await this.dealFields();
    const known = fields.filter((f) => fieldCodes.has(f));
    const deals = await this.#list('crm.deal.list', {
      filter: { STAGE_SEMANTIC_ID: 'S', '>=CLOSEDATE': span.fromLocal, '<CLOSEDATE': span.toLocal },
      select: ['ID', 'ASSIGNED_BY_ID', 'OPPORTUNITY', 'CURRENCY_ID', ...known],
      order: { ID: 'ASC' },
    });
    const leads = await this.#list('crm.lead.list', {
      filter: { '>=DATE_CREATE': span.fromLocal, '<DATE_CREATE': span.toLocal },
      select: ['ID', 'ASSIGNED_BY_ID', 'STATUS_SEMANTIC_ID'],
      order: { ID: 'ASC' },
    });
    const invoices = mapping.metrics.some((m) => m.source === 'invoicesPaidOnTime')
      ? await this.#list(
          'crm.item.list',
          { entityTypeId: 31, filter: { '>=closedate': span.fromDay, '<closedate': span.toDay }, select: ['id', 'assignedById', 'closedate', 'stageId', 'movedTime'], order: { id: 'ASC' } },
          (result) => (result as { items?: unknown } | null)?.items,
        )
      : [];
    return {
      month,
      users,
      fieldCodes,
      deals: deals.map(
        (d): CrmDeal => ({
          id: String(d.ID),
          userId: String(d.ASSIGNED_BY_ID),
          amount: Number(d.OPPORTUNITY) || 0,
          currency: typeof d.CURRENCY_ID === 'string' && d.CURRENCY_ID ? d.CURRENCY_ID : undefined,
          fields: Object.fromEntries(known.map((f) => [f, d[f]])),
        }),
      ),
      leads: leads.map((l): CrmLead => ({ id: String(l.ID), userId: String(l.ASSIGNED_BY_ID), converted: l.STATUS_SEMANTIC_ID === 'S' })),
      invoices: invoices.map(
        (i): CrmInvoice => ({
          id: String(i.id),
          userId: String(i.assignedById),
          // A date field comes as the day's midnight in the portal's zone: its day is the due day.
          due: String(i.closedate).slice(0, 10),
          // The success stage of smart invoices is "Paid" (…:P); the move to it is when it was paid.
          paidAt: typeof i.stageId === 'string' && i.stageId.endsWith(':P') && typeof i.movedTime === 'string' ? Date.parse(i.movedTime) : null,
        }),
      ),
    };
  }
}
