// A stand-in for Bitrix24's REST API on 127.0.0.1, behind an incoming webhook's address: the methods a
// month's figures take (user.get, crm.deal.fields, crm.deal.list, crm.lead.list, crm.item.list for
// smart invoices), with Bitrix24's answers — {result, next, total, time}, 50 to a page, errors as
// {error, error_description}, 503 QUERY_LIMIT_EXCEEDED when asked to. Tests fill it and read the calls;
// nothing leaves the machine. Plain enough for Node to run without a build (the end-to-end server
// starts it in its own process).
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { text as textOf } from 'node:stream/consumers';

/** The webhook's key: a secret that must never appear in a page or a log. */
export const TEST_WEBHOOK_KEY = 'k3y7sEcr3t0f7h3w3bh00k';

export type BitrixRecord = Record<string, unknown>;

const PAGE = 50;

/** The standard deal fields crm.deal.fields lists, without the custom ones. */
const DEAL_FIELDS: Record<string, { type: string; title: string }> = {
  ID: { type: 'integer', title: 'ID' },
  TITLE: { type: 'string', title: 'Название' },
  STAGE_ID: { type: 'crm_status', title: 'Стадия сделки' },
  STAGE_SEMANTIC_ID: { type: 'string', title: 'Группа стадии' },
  OPPORTUNITY: { type: 'double', title: 'Сумма' },
  CURRENCY_ID: { type: 'crm_currency', title: 'Валюта' },
  ASSIGNED_BY_ID: { type: 'user', title: 'Ответственный' },
  CLOSEDATE: { type: 'datetime', title: 'Дата завершения' },
};

export class TestBitrix24 {
  users: BitrixRecord[] = [];
  deals: BitrixRecord[] = [];
  leads: BitrixRecord[] = [];
  /** Smart invoices, as crm.item.list gives them (camelCase fields). */
  invoices: BitrixRecord[] = [];
  /** Custom deal fields, by code (UF_CRM_…). */
  customFields: Record<string, { type: string; title: string }> = {};
  /** Every call: the method, when it came (ms) and the page asked for. */
  readonly calls: { method: string; at: number; start: number; params: BitrixRecord }[] = [];
  /** How many of the next calls answer 503 QUERY_LIMIT_EXCEEDED. */
  rateLimited = 0;
  /** The next call answers this instead, once. */
  failNext: { status: number; error: string; description: string } | undefined;
  /** How long each call waits before it answers. */
  delayMs = 0;
  readonly #server: Server;

  private constructor(server: Server) {
    this.#server = server;
  }

  static async start(): Promise<TestBitrix24> {
    let self: TestBitrix24 | undefined;
    const server = createServer((request, response) => {
      void self!.#answer(request).then(({ status, body }) => {
        response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
        response.end(JSON.stringify(body));
      });
    });
    self = new TestBitrix24(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return self;
  }

  /** The incoming webhook's address, as Bitrix24 shows it: user 1, then the key. */
  get webhookUrl(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/rest/1/${TEST_WEBHOOK_KEY}/`;
  }

  /** Forgets the data, the calls and the failures to come. */
  reset(): void {
    this.users = [];
    this.deals = [];
    this.leads = [];
    this.invoices = [];
    this.customFields = {};
    this.calls.length = 0;
    this.rateLimited = 0;
    this.failNext = undefined;
    this.delayMs = 0;
  }

  async #answer(request: IncomingMessage): Promise<{ status: number; body: unknown }> {
    const started = Date.now();
    const text = await textOf(request);
    const match = /^\/rest\/(\d+)\/([^/]+)\/([a-z.]+?)(?:\.json)?(?:\?.*)?$/.exec(request.url ?? '');
    if (!match || match[2] !== TEST_WEBHOOK_KEY) return { status: 401, body: { error: 'INVALID_CREDENTIALS', error_description: 'Invalid request credentials' } };
    let params: BitrixRecord = {};
    try {
      params = text ? (JSON.parse(text) as BitrixRecord) : {};
    } catch {
      return { status: 400, body: { error: 'INVALID_REQUEST', error_description: 'Request body is not valid JSON' } };
    }
    const method = match[3]!;
    const start = Number(params.start ?? 0) || 0;
    this.calls.push({ method, at: started, start, params });
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    if (this.rateLimited > 0) {
      this.rateLimited -= 1;
      return { status: 503, body: { error: 'QUERY_LIMIT_EXCEEDED', error_description: 'Too many requests' } };
    }
    if (this.failNext) {
      const { status, error, description } = this.failNext;
      this.failNext = undefined;
      return { status, body: { error, error_description: description } };
    }
    const time = (finished: number) => ({
      start: started / 1000,
      finish: finished / 1000,
      duration: (finished - started) / 1000,
      processing: (finished - started) / 1000,
      date_start: new Date(started).toISOString(),
      date_finish: new Date(finished).toISOString(),
      operating_reset_at: Math.floor(started / 1000) + 600,
      operating: 0,
    });
    const page = (all: BitrixRecord[], wrap: (items: BitrixRecord[]) => unknown = (items) => items) => {
      const items = all.slice(start, start + PAGE).map((r) => pick(r, params.select));
      return { result: wrap(items), ...(start + PAGE < all.length ? { next: start + PAGE } : {}), total: all.length, time: time(Date.now()) };
    };
    const filter = (params.filter ?? {}) as BitrixRecord;
    switch (method) {
      case 'user.get':
        return { status: 200, body: page(this.users) };
      case 'crm.deal.fields':
        return { status: 200, body: { result: { ...DEAL_FIELDS, ...this.customFields }, time: time(Date.now()) } };
      case 'crm.deal.list':
        return { status: 200, body: page(this.deals.filter((d) => matches(d, filter))) };
      case 'crm.lead.list':
        return { status: 200, body: page(this.leads.filter((l) => matches(l, filter))) };
      case 'crm.item.list':
        if (Number(params.entityTypeId) !== 31) return { status: 400, body: { error: 'NOT_FOUND', error_description: 'Smart process not found' } };
        return { status: 200, body: page(this.invoices.filter((i) => matches(i, filter)), (items) => ({ items })) };
      default:
        return { status: 404, body: { error: 'ERROR_METHOD_NOT_FOUND', error_description: 'Method not found!' } };
    }
  }

  /** Lets the process end while the stand-in still listens. */
  unref(): void {
    this.#server.unref();
  }

  close(): Promise<void> {
    this.#server.closeAllConnections();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}

/** The record with only the selected fields, as Bitrix24 answers: a field it does not have is left out. */
function pick(record: BitrixRecord, select: unknown): BitrixRecord {
  if (!Array.isArray(select) || select.length === 0 || select.includes('*')) return record;
  return Object.fromEntries(select.filter((f) => Object.hasOwn(record, f)).map((f) => [f, record[f]]));
}

/** Bitrix24's filter: `FIELD` equals, `>=FIELD`, `<FIELD`, … compare; a day `YYYY-MM-DD` compares with the value's own day. */
function matches(record: BitrixRecord, filter: BitrixRecord): boolean {
  return Object.entries(filter).every(([key, wanted]) => {
    const [, op = '=', field] = /^(>=|<=|>|<|!=|!|=)?(.+)$/.exec(key)!;
    const value = record[field!];
    let order: number;
    if (typeof wanted === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(wanted)) order = String(value).slice(0, 10).localeCompare(wanted);
    else if (typeof wanted === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(wanted)) order = Math.sign(Date.parse(String(value)) - Date.parse(wanted));
    else order = String(value) === String(wanted) ? 0 : 1;
    switch (op) {
      case '>=':
        return order >= 0;
      case '<=':
        return order <= 0;
      case '>':
        return order > 0;
      case '<':
        return order < 0;
      case '!':
      case '!=':
        return order !== 0;
      default:
        return order === 0;
    }
  });
}
