import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { HIT_HEADER, PageCache, sessionIdOf, type CachedPage } from '../../src/server/http/page-cache';

const ALICE = '0b6a4d7e-1c2f-4a8b-9e3d-5f6a7b8c9d0e';
const BOB = '7f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0';
const HOST = 'portal.example';

const page = (text: string): CachedPage => ({ status: 200, headers: { 'content-type': 'text/html', 'cache-control': 'private, no-store' }, body: Buffer.from(text) });

/** A cache over a generation and a clock the test moves by hand. */
function setup(options: { ttlMs?: number; maxEntries?: number; maxBytes?: number } = {}) {
  const state = { generation: 0, now: 1_000 };
  const cache = new PageCache({ generation: () => state.generation, now: () => state.now, ...options });
  return { state, cache };
}

function request(method: string, url: string, cookie?: string, host = HOST): IncomingMessage {
  return { method, url, headers: { host, ...(cookie ? { cookie } : {}) } } as unknown as IncomingMessage;
}

function response() {
  const written: { status?: number; headers?: Record<string, string>; body?: Buffer } = {};
  const res = {
    writeHead(status: number, headers: Record<string, string>) {
      written.status = status;
      written.headers = headers;
      return res;
    },
    end(body: Buffer) {
      written.body = body;
      return res;
    },
  };
  return { res: res as unknown as ServerResponse, written };
}

describe('session id from the Cookie header', () => {
  it('reads the one session cookie among others', () => {
    expect(sessionIdOf(`theme=dark; salesbook_session=${ALICE}; other=1`)).toBe(ALICE);
  });

  it('refuses two session cookies, a missing one and ones that are not ids', () => {
    expect(sessionIdOf(`salesbook_session=${ALICE}; salesbook_session=${BOB}`)).toBeUndefined();
    expect(sessionIdOf('theme=dark')).toBeUndefined();
    expect(sessionIdOf(undefined)).toBeUndefined();
    expect(sessionIdOf('salesbook_session=')).toBeUndefined();
    expect(sessionIdOf('salesbook_session=short')).toBeUndefined();
    expect(sessionIdOf(`salesbook_session=${ALICE}%0A`)).toBeUndefined();
    expect(sessionIdOf(`xsalesbook_session=${ALICE}`)).toBeUndefined();
  });
});

describe('page cache', () => {
  it('gives a page back to the session, host and address it was kept for, and to nobody else', () => {
    const { cache } = setup();
    expect(cache.put(ALICE, HOST, '/docs/a/', cache.ticket(), page('alice a'))).toBe(true);
    expect(cache.get(ALICE, HOST, '/docs/a/')?.body.toString()).toBe('alice a');
    expect(cache.get(BOB, HOST, '/docs/a/')).toBeUndefined();
    expect(cache.get(ALICE, 'other.example', '/docs/a/')).toBeUndefined();
    expect(cache.get(ALICE, HOST, '/docs/b/')).toBeUndefined();
    expect(cache.get(ALICE, HOST, '/docs/a')).toBeUndefined();
  });

  it('never keeps an address with a query or for something that is not a session id', () => {
    const { cache } = setup();
    expect(cache.put(ALICE, HOST, '/docs/a/?x=1', cache.ticket(), page('q'))).toBe(false);
    expect(cache.put('not a session', HOST, '/docs/a/', cache.ticket(), page('q'))).toBe(false);
    expect(cache.size).toBe(0);
  });

  it('a change to the data store makes every kept page stale', () => {
    const { cache, state } = setup();
    cache.put(ALICE, HOST, '/docs/a/', cache.ticket(), page('before'));
    state.generation++;
    expect(cache.get(ALICE, HOST, '/docs/a/')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('refuses a page rendered while the data changed', () => {
    const { cache, state } = setup();
    const ticket = cache.ticket();
    state.generation++;
    expect(cache.put(ALICE, HOST, '/docs/a/', ticket, page('half old'))).toBe(false);
    expect(cache.get(ALICE, HOST, '/docs/a/')).toBeUndefined();
  });

  it('a session beginning or ending anywhere empties the cache and refuses pages rendered before it', () => {
    const { cache } = setup();
    cache.put(ALICE, HOST, '/docs/a/', cache.ticket(), page('a'));
    cache.put(BOB, HOST, '/docs/a/', cache.ticket(), page('b'));
    const during = cache.ticket();
    cache.sessionsChanged();
    expect(cache.size).toBe(0);
    expect(cache.get(BOB, HOST, '/docs/a/')).toBeUndefined();
    expect(cache.put(ALICE, HOST, '/docs/a/', during, page('a'))).toBe(false);
    expect(cache.put(ALICE, HOST, '/docs/a/', cache.ticket(), page('a again'))).toBe(true);
  });

  it('an entry lives at most its time to live', () => {
    const { cache, state } = setup({ ttlMs: 30_000 });
    cache.put(ALICE, HOST, '/docs/a/', cache.ticket(), page('a'));
    state.now += 29_999;
    expect(cache.get(ALICE, HOST, '/docs/a/')).toBeDefined();
    state.now += 1;
    expect(cache.get(ALICE, HOST, '/docs/a/')).toBeUndefined();
  });

  it('keeps at most so many entries, dropping the least recently used', () => {
    const { cache } = setup({ maxEntries: 2 });
    cache.put(ALICE, HOST, '/1/', cache.ticket(), page('1'));
    cache.put(ALICE, HOST, '/2/', cache.ticket(), page('2'));
    cache.get(ALICE, HOST, '/1/');
    cache.put(ALICE, HOST, '/3/', cache.ticket(), page('3'));
    expect(cache.size).toBe(2);
    expect(cache.get(ALICE, HOST, '/1/')).toBeDefined();
    expect(cache.get(ALICE, HOST, '/2/')).toBeUndefined();
    expect(cache.get(ALICE, HOST, '/3/')).toBeDefined();
  });

  it('keeps at most so many bytes, and never one page of more than an eighth of them', () => {
    const { cache } = setup({ maxBytes: 800 });
    expect(cache.put(ALICE, HOST, '/big/', cache.ticket(), page('x'.repeat(101)))).toBe(false);
    cache.put(ALICE, HOST, '/1/', cache.ticket(), page('x'.repeat(100)));
    for (let i = 2; i <= 9; i++) cache.put(ALICE, HOST, `/${i}/`, cache.ticket(), page('x'.repeat(100)));
    expect(cache.size).toBe(8);
    expect(cache.get(ALICE, HOST, '/1/')).toBeUndefined();
    expect(cache.get(ALICE, HOST, '/9/')).toBeDefined();
  });

  it('replacing a page does not count its bytes twice', () => {
    const { cache } = setup({ maxBytes: 800, maxEntries: 100 });
    for (let i = 0; i < 20; i++) cache.put(ALICE, HOST, '/same/', cache.ticket(), page('x'.repeat(100)));
    cache.put(ALICE, HOST, '/other/', cache.ticket(), page('x'.repeat(100)));
    expect(cache.get(ALICE, HOST, '/same/')).toBeDefined();
    expect(cache.size).toBe(2);
  });
});

describe('answering from the cache', () => {
  it('answers a GET of a kept page with its status, headers and body, marked as a hit', () => {
    const { cache } = setup();
    cache.put(ALICE, HOST, '/docs/a/', cache.ticket(), page('<h1>a</h1>'));
    const { res, written } = response();
    expect(cache.serve(request('GET', '/docs/a/', `salesbook_session=${ALICE}`), res)).toBe(true);
    expect(written.status).toBe(200);
    expect(written.body?.toString()).toBe('<h1>a</h1>');
    expect(written.headers).toMatchObject({ 'content-type': 'text/html', 'cache-control': 'private, no-store', 'content-length': '10', [HIT_HEADER]: 'hit' });
  });

  it('leaves everything else to Astro and writes nothing', () => {
    const { cache } = setup();
    cache.put(ALICE, HOST, '/docs/a/', cache.ticket(), page('a'));
    const cases: IncomingMessage[] = [
      request('POST', '/docs/a/', `salesbook_session=${ALICE}`),
      request('HEAD', '/docs/a/', `salesbook_session=${ALICE}`),
      request('GET', '/docs/a/?_action=acknowledgeDoc', `salesbook_session=${ALICE}`),
      request('GET', '/docs/a/'),
      request('GET', '/docs/a/', `salesbook_session=${BOB}`),
      request('GET', '/docs/a/', `salesbook_session=${ALICE}; salesbook_session=${ALICE}`),
      request('GET', '/docs/a/', `salesbook_session=${ALICE}`, 'other.example'),
    ];
    for (const req of cases) {
      const { res, written } = response();
      expect(cache.serve(req, res), `${req.method} ${req.url} ${req.headers.cookie}`).toBe(false);
      expect(written).toEqual({});
    }
  });
});
