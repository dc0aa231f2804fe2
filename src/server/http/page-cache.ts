import type { IncomingMessage, ServerResponse } from 'node:http';

// Pages that a person opens again and again during calls (a document, a script, My path) cost
// milliseconds to render and do not change between two views unless something in the data store
// changed. The page cache keeps the HTML of such a page for the session that asked for it, and the
// server answers that session's next request for the same address from memory, before Astro runs.
//
// What makes this safe:
// - An entry is made only by the middleware, after it has checked the session and the person on
//   the full path, and only for pages that declare they depend on nothing but the build, the data
//   store and the signed-in person (`locals.cacheForSession`).
// - An entry belongs to one session id (the secret in the session cookie) and one host and address:
//   nobody else's cookie finds it.
// - Any change to the data store (a confirmation, a disabled account, a new password) makes every
//   entry stale: entries remember the store's generation they were rendered at.
// - Any session ending or starting anywhere (sign-out, sign-in, expiry) empties the cache.
// - Entries live at most `ttlMs`, which bounds how late a session's expiry or a date on the page
//   (a review that falls due at midnight) can show.

/** The session cookie's name; the same as in astro.config.ts. */
export const SESSION_COOKIE = 'salesbook_session';

/** Marks an answer that came from the cache, for whoever investigates what they were shown. */
export const HIT_HEADER = 'x-salesbook-cache';

/** What a session id looks like: Astro's are UUIDs. Anything else is never cached. */
const SESSION_ID = /^[A-Za-z0-9-]{16,128}$/;

export interface CachedPage {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

interface Entry extends CachedPage {
  generation: number;
  expires: number;
}

/** The state of the cache when a render starts: an entry is kept only if nothing changed meanwhile. */
export interface RenderTicket {
  readonly generation: number;
  readonly epoch: number;
}

export interface PageCacheOptions {
  /** The data store's generation: it changes with every change to the data. */
  generation: () => number;
  /** How long an entry may be served, in milliseconds. */
  ttlMs?: number;
  /** At most this many entries… */
  maxEntries?: number;
  /** …and this many bytes of bodies; the least recently used go first. */
  maxBytes?: number;
  now?: () => number;
}

/** The session id in a Cookie header, when there is exactly one session cookie and it looks like one. */
export function sessionIdOf(cookieHeader: string | undefined): string | undefined {
  if (!cookieHeader) return undefined;
  let found: string | undefined;
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== SESSION_COOKIE) continue;
    // Two session cookies: which one Astro would read is not ours to guess.
    if (found !== undefined) return undefined;
    found = part.slice(eq + 1).trim();
  }
  return found !== undefined && SESSION_ID.test(found) ? found : undefined;
}

const keyOf = (sessionId: string, host: string, url: string) => `${sessionId}\n${host}\n${url}`;

export class PageCache {
  #entries = new Map<string, Entry>();
  #bytes = 0;
  #epoch = 0;
  #generation: () => number;
  #ttlMs: number;
  #maxEntries: number;
  #maxBytes: number;
  #now: () => number;

  constructor(options: PageCacheOptions) {
    this.#generation = options.generation;
    this.#ttlMs = options.ttlMs ?? 30_000;
    this.#maxEntries = options.maxEntries ?? 2_000;
    this.#maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
    this.#now = options.now ?? Date.now;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Taken before a page renders; `put` refuses the page if anything changed since. */
  ticket(): RenderTicket {
    return { generation: this.#generation(), epoch: this.#epoch };
  }

  /** A session ended or began somewhere: forget every page. */
  sessionsChanged(): void {
    this.#epoch++;
    this.#entries.clear();
    this.#bytes = 0;
  }

  /** Keeps a page rendered for `sessionId`; refused when the store or the sessions changed during the render. */
  put(sessionId: string, host: string, url: string, ticket: RenderTicket, page: CachedPage): boolean {
    if (!SESSION_ID.test(sessionId) || url.includes('?')) return false;
    if (ticket.epoch !== this.#epoch || ticket.generation !== this.#generation()) return false;
    if (page.body.byteLength > this.#maxBytes / 8) return false;
    const key = keyOf(sessionId, host, url);
    this.#drop(key);
    this.#entries.set(key, { ...page, generation: ticket.generation, expires: this.#now() + this.#ttlMs });
    this.#bytes += page.body.byteLength;
    for (const [oldest] of this.#entries) {
      if (this.#entries.size <= this.#maxEntries && this.#bytes <= this.#maxBytes) break;
      this.#drop(oldest);
    }
    return true;
  }

  /** The page kept for this session and address, if it is still current. */
  get(sessionId: string, host: string, url: string): CachedPage | undefined {
    const key = keyOf(sessionId, host, url);
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.generation !== this.#generation() || entry.expires <= this.#now()) {
      this.#drop(key);
      return undefined;
    }
    // Most recently used last, so that the eviction loop above meets the least recently used first.
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry;
  }

  /**
   * Answers a request from the cache when it can; returns false to let Astro answer. Only GET
   * requests without a query, with one well-formed session cookie, for a page kept for that session.
   */
  serve(request: IncomingMessage, response: ServerResponse): boolean {
    if (request.method !== 'GET' || !request.url || request.url.includes('?')) return false;
    const sessionId = sessionIdOf(request.headers.cookie);
    if (!sessionId) return false;
    const page = this.get(sessionId, request.headers.host ?? '', request.url);
    if (!page) return false;
    response.writeHead(page.status, { ...page.headers, 'content-length': String(page.body.byteLength), [HIT_HEADER]: 'hit' });
    response.end(page.body);
    return true;
  }

  #drop(key: string) {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#entries.delete(key);
    this.#bytes -= entry.body.byteLength;
  }
}

const KEY = Symbol.for('salesbook.page-cache');
type Holder = { [KEY]?: PageCache };

/** The process's page cache, once the server made one; scripts/serve.mjs finds it on globalThis. */
export function installPageCache(options: PageCacheOptions): PageCache {
  const holder = globalThis as Holder;
  holder[KEY] ??= new PageCache(options);
  return holder[KEY];
}

/** The process's page cache, if the server made one. */
export function pageCache(): PageCache | undefined {
  return (globalThis as Holder)[KEY];
}
