// A stand-in for amoCRM's REST API v4 on 127.0.0.1, with a long-lived token: users, the leads' custom
// fields and pipelines, and leads filtered by status and by the time they were closed or created, as
// amoCRM answers them — HAL pages (`_embedded`, `_links.next`), 204 No Content for an empty list, 401
// for a token refused, 429 when asked to. Tests fill it and read the calls; nothing leaves the machine.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A long-lived token as amoCRM gives one (a JWT): a secret that must never appear in a page or a log. */
export const TEST_AMO_TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJzYWxlc2Jvb2stdGVzdCJ9.c2lnbmF0dXJlLW9mLXRoZS10ZXN0LXRva2Vu';

export type AmoRecord = Record<string, unknown>;

export class TestAmoCrm {
  users: AmoRecord[] = [];
  leads: AmoRecord[] = [];
  customFields: AmoRecord[] = [];
  pipelines: AmoRecord[] = [{ id: 3_100_001, name: 'Воронка', is_main: true }];
  /** The most a page holds, whatever `limit` asks: 250, as amoCRM's; a test lowers it to see more pages. */
  pageSize = 250;
  readonly calls: { path: string; query: URLSearchParams; at: number }[] = [];
  /** How many of the next requests answer 429 Too Many Requests. */
  tooManyRequests = 0;
  readonly #server: Server;

  private constructor(server: Server) {
    this.#server = server;
  }

  static async start(): Promise<TestAmoCrm> {
    let self: TestAmoCrm | undefined;
    const server = createServer((request, response) => self!.#answer(request, response));
    self = new TestAmoCrm(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return self;
  }

  /** The account's address. */
  get url(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  reset(): void {
    this.users = [];
    this.leads = [];
    this.customFields = [];
    this.pipelines = [{ id: 3_100_001, name: 'Воронка', is_main: true }];
    this.pageSize = 250;
    this.calls.length = 0;
    this.tooManyRequests = 0;
  }

  #answer(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', this.url);
    this.calls.push({ path: url.pathname, query: url.searchParams, at: Date.now() });
    const send = (status: number, body?: unknown) => {
      response.writeHead(status, body === undefined ? {} : { 'content-type': 'application/hal+json' });
      response.end(body === undefined ? undefined : JSON.stringify(body));
    };
    if (request.headers.authorization !== `Bearer ${TEST_AMO_TOKEN}`) {
      return send(401, { title: 'Unauthorized', type: 'https://httpstatus.es/401', status: 401, detail: 'Invalid access token' });
    }
    if (this.tooManyRequests > 0) {
      this.tooManyRequests -= 1;
      return send(429);
    }
    const list = (key: string, all: AmoRecord[]) => {
      const size = Math.min(Number(url.searchParams.get('limit') ?? 50) || 50, this.pageSize);
      const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
      const items = all.slice((page - 1) * size, page * size);
      if (items.length === 0) return send(204);
      const at = (n: number) => {
        const next = new URL(url);
        next.searchParams.set('page', String(n));
        return { href: next.href };
      };
      send(200, {
        _page: page,
        _links: { self: at(page), ...(page * size < all.length ? { next: at(page + 1) } : {}) },
        _embedded: { [key]: items },
      });
    };
    switch (url.pathname) {
      case '/api/v4/users':
        return list('users', this.users);
      case '/api/v4/leads/custom_fields':
        return list('custom_fields', this.customFields);
      case '/api/v4/leads/pipelines':
        return send(200, { _total_items: this.pipelines.length, _links: { self: { href: url.href } }, _embedded: { pipelines: this.pipelines } });
      case '/api/v4/leads':
        return list('leads', this.leads.filter((lead) => leadMatches(lead, url.searchParams)));
      default:
        return send(404, { title: 'Not Found', type: 'https://httpstatus.es/404', status: 404, detail: 'Not Found' });
    }
  }

  close(): Promise<void> {
    this.#server.closeAllConnections();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}

/** amoCRM's lead filters: statuses (pipeline and status pairs, any of them), closed_at and created_at (from and to, both included). */
function leadMatches(lead: AmoRecord, query: URLSearchParams): boolean {
  const pairs = new Map<string, { pipeline?: string; status?: string }>();
  for (const [key, value] of query) {
    const status = /^filter\[statuses\]\[(\d+)\]\[(pipeline_id|status_id)\]$/.exec(key);
    if (status) {
      const pair = pairs.get(status[1]!) ?? {};
      if (status[2] === 'pipeline_id') pair.pipeline = value;
      else pair.status = value;
      pairs.set(status[1]!, pair);
    }
  }
  if (pairs.size > 0 && ![...pairs.values()].some((p) => String(lead.pipeline_id) === p.pipeline && String(lead.status_id) === p.status)) return false;
  for (const field of ['closed_at', 'created_at']) {
    const from = query.get(`filter[${field}][from]`);
    const to = query.get(`filter[${field}][to]`);
    const at = Number(lead[field]);
    if (from !== null && !(at >= Number(from))) return false;
    if (to !== null && !(at <= Number(to))) return false;
  }
  return true;
}
