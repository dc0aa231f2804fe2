import { mappedFields, monthSpan, type CrmDeal, type CrmLead, type CrmMapping, type CrmMonth, type CrmUser } from '../../domain/crm';
import { CrmRequests, type Pace } from './requests';

// amoCRM's REST API v4 with a long-lived token: the requests a month's figures take. Lists are HAL
// (`_embedded`, the next page at `_links.next`), up to 250 at a time; an empty list is 204 No Content.
// An account allows about seven requests a second and answers 429 beyond that; 401 is a token refused.

/** Seven requests a second; after a 429, 1, 2, 4 and 8 seconds before trying again. */
export const AMOCRM_PACE: Pace = { intervalMs: 150, backoffMs: [1000, 2000, 4000, 8000], timeoutMs: 30_000 };

/** A won lead's status, the same in every pipeline. */
export const WON_STATUS = 142;

const MAX_PAGES = 2000;

type Json = Record<string, unknown>;

export class AmoCrm {
  readonly #origin: string;
  readonly #token: string;
  readonly #requests: CrmRequests;

  /** `baseUrl`: the account's address, https://company.amocrm.ru; `token`: a long-lived token of an integration. */
  constructor(baseUrl: string, token: string, pace: Partial<Pace> = {}) {
    this.#origin = new URL(baseUrl).origin;
    this.#token = token;
    this.#requests = new CrmRequests('amoCRM', { ...AMOCRM_PACE, ...pace }, [token]);
  }

  /** One page: its JSON, or undefined for 204 No Content. */
  async #get(url: string): Promise<Json | undefined> {
    const { status, body } = await this.#requests.send(
      url,
      { headers: { authorization: `Bearer ${this.#token}`, accept: 'application/hal+json' } },
      (code) => code === 429,
    );
    const path = new URL(url).pathname;
    const said = (body as { title?: unknown; detail?: unknown } | undefined) ?? {};
    const words = [said.title, said.detail].filter((w) => typeof w === 'string' && w).join(': ');
    if (status === 401) throw this.#requests.error('refused', `${path}, HTTP 401${words ? `, ${words}` : ''}: the token was refused`);
    if (status === 204) return undefined;
    if (status < 200 || status >= 300 || !body || typeof body !== 'object') throw this.#requests.error('answer', `${path}, HTTP ${status}${words ? `, ${words}` : ''}`);
    return body as Json;
  }

  /** Every item of a list, following `_links.next` on the account's own address only. */
  async #list(path: string, query: Record<string, string | number>, key: string): Promise<Json[]> {
    const params = new URLSearchParams(Object.entries({ ...query, page: 1, limit: 250 }).map(([k, v]) => [k, String(v)]));
    let url: string | undefined = `${this.#origin}${path}?${params}`;
    const all: Json[] = [];
    for (let page = 0; page < MAX_PAGES && url; page++) {
      const body = await this.#get(url);
      if (!body) return all;
      const found = (body._embedded as Json | undefined)?.[key];
      if (!Array.isArray(found)) throw this.#requests.error('answer', `${path}: no _embedded.${key}`);
      all.push(...(found as Json[]));
      const next = ((body._links as Json | undefined)?.next as { href?: unknown } | undefined)?.href;
      url = typeof next === 'string' ? next : undefined;
      if (url && new URL(url, this.#origin).origin !== this.#origin) throw this.#requests.error('answer', `${path}: the next page is on another address`);
      if (url) url = new URL(url, this.#origin).href;
    }
    if (url) throw this.#requests.error('answer', `${path}: more than ${MAX_PAGES} pages`);
    return all;
  }

  async users(): Promise<CrmUser[]> {
    const users = await this.#list('/api/v4/users', {}, 'users');
    return users.map((u) => ({ id: String(u.id), name: String(u.name ?? u.email ?? u.id), active: (u.rights as Json | undefined)?.is_active !== false }));
  }

  /** The ids of the leads' custom fields. */
  async leadFields(): Promise<Set<string>> {
    return new Set((await this.#list('/api/v4/leads/custom_fields', {}, 'custom_fields')).map((f) => String(f.id)));
  }

  async #pipelines(): Promise<string[]> {
    return (await this.#list('/api/v4/leads/pipelines', {}, 'pipelines')).map((p) => String(p.id));
  }

  /** A month as the mapping needs it: users, lead fields, leads won in every pipeline and leads created. */
  async month(month: string, timeZone: string, mapping: CrmMapping): Promise<CrmMonth> {
    const span = monthSpan(month, timeZone);
    // amoCRM takes times in seconds, both ends included.
    const from = Math.floor(span.from / 1000);
    const to = Math.floor((span.to - 1) / 1000);
    const users = await this.users();
    const fieldCodes = await this.leadFields();
    const fields = mappedFields(mapping).filter((f) => fieldCodes.has(f));
    const pipelines = await this.#pipelines();
    const statuses = Object.fromEntries(
      pipelines.flatMap((id, i) => [
        [`filter[statuses][${i}][pipeline_id]`, id],
        [`filter[statuses][${i}][status_id]`, WON_STATUS],
      ]),
    );
    const won = pipelines.length === 0 ? [] : await this.#list('/api/v4/leads', { ...statuses, 'filter[closed_at][from]': from, 'filter[closed_at][to]': to }, 'leads');
    const created = await this.#list('/api/v4/leads', { 'filter[created_at][from]': from, 'filter[created_at][to]': to }, 'leads');
    return {
      month,
      users,
      fieldCodes,
      deals: won.map(
        (lead): CrmDeal => ({
          id: String(lead.id),
          userId: String(lead.responsible_user_id),
          amount: Number(lead.price) || 0,
          fields: Object.fromEntries(fields.map((f) => [f, customValue(lead, f)])),
        }),
      ),
      leads: created.map((lead): CrmLead => ({ id: String(lead.id), userId: String(lead.responsible_user_id), converted: lead.status_id === WON_STATUS })),
      invoices: [],
    };
  }
}

/** A custom field's first value on a lead; undefined when the lead has none. */
function customValue(lead: Json, fieldId: string): unknown {
  const values = Array.isArray(lead.custom_fields_values) ? (lead.custom_fields_values as Json[]) : [];
  const field = values.find((v) => String(v.field_id) === fieldId);
  return Array.isArray(field?.values) ? (field.values[0] as Json | undefined)?.value : undefined;
}
