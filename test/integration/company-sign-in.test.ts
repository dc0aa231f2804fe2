// Signing in with the company's account against a real OpenID Connect provider (oidc-provider, started
// here on 127.0.0.1) and the real built server: the flow, who gets in, what groups give, and each way a
// sign-in is refused, with nothing half-made.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startProvider, type RunningProvider } from '../oidc-provider';
import { SEED_PASSWORD, seedData, writeStore } from './seed';
import { cleanUp, freePort, get, postAction, postForm, readStore, signIn, startExpectingFailure, startServer, tempDataDir, type RunningServer } from './server';

/** A client that keeps cookies per origin and follows redirects by hand, as a browser would. */
class Visitor {
  #jar = new Map<string, Map<string, string>>();

  cookieFor(url: URL): string {
    return [...(this.#jar.get(url.origin) ?? new Map<string, string>())].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  #keep(url: URL, response: Response) {
    const jar = this.#jar.get(url.origin) ?? new Map<string, string>();
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const at = pair!.indexOf('=');
      const [name, value] = [pair!.slice(0, at).trim(), pair!.slice(at + 1).trim()];
      if (/expires=Thu, 01 Jan 1970/i.test(header) || /max-age=0/i.test(header) || value === '') jar.delete(name);
      else jar.set(name, value);
    }
    this.#jar.set(url.origin, jar);
  }

  /** One request, no redirect followed. */
  async send(href: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const url = new URL(href);
    const headers: Record<string, string> = { cookie: this.cookieFor(url) };
    if (init.form) Object.assign(headers, { 'content-type': 'application/x-www-form-urlencoded', origin: url.origin });
    const response = await fetch(url, { method: init.method ?? (init.form ? 'POST' : 'GET'), headers, body: init.form && new URLSearchParams(init.form).toString(), redirect: 'manual' });
    this.#keep(url, response);
    return response;
  }

  /** Follows redirects from `href` until a page answers, or `stop` says to stop at an address; returns the last answer and its address. */
  async follow(href: string, stop: (url: URL) => boolean = () => false, init: { form?: Record<string, string> } = {}): Promise<{ url: URL; response: Response }> {
    let url = new URL(href);
    let response = await this.send(url.href, init);
    for (let hops = 0; response.status >= 300 && response.status < 400 && hops < 15; hops++) {
      url = new URL(response.headers.get('location')!, url);
      if (stop(url)) return { url, response };
      response = await this.send(url.href);
    }
    return { url, response };
  }
}

let provider: RunningProvider;
let portal: RunningServer;
const started: RunningServer[] = [];

const audit = (server: RunningServer) => readFileSync(join(server.dataDir, 'audit.jsonl'), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
/** The people and their links as stored: what a refused sign-in must leave as it was. */
const people = (server: RunningServer) => {
  const data = readStore(server.dataDir);
  return { users: data.users, identityLinks: data.identityLinks };
};
const isCallback = (url: URL) => url.pathname === '/login/oidc/callback';
const isProviderPage = (url: URL) => url.pathname.startsWith('/interaction/');

/** Starts a sign-in and stops at the provider's page; returns the page's address. */
async function toProvider(visitor: Visitor, server: RunningServer, next = ''): Promise<URL> {
  const { url } = await visitor.follow(`${server.url}/login/oidc${next ? `?next=${encodeURIComponent(next)}` : ''}`, isProviderPage);
  expect(url.origin).toBe(provider.issuer);
  return url;
}

/** At the provider's page: signs in as `account` (or denies) and stops at the way back to Salesbook. */
async function atProvider(visitor: Visitor, page: URL, account: string, action: 'login' | 'deny' = 'login'): Promise<URL> {
  const { url } = await visitor.follow(page.href, isCallback, { form: { account, action } });
  expect(isCallback(url)).toBe(true);
  return url;
}

/** The whole way: Salesbook → provider → back; returns where Salesbook sent the person at the end. */
async function signInAt(server: RunningServer, account: string, visitor = new Visitor(), next = ''): Promise<{ visitor: Visitor; location: string; status: number }> {
  const back = await atProvider(visitor, await toProvider(visitor, server, next), account);
  const response = await visitor.send(back.href);
  return { visitor, location: response.headers.get('location') ?? '', status: response.status };
}

async function portalWith(env: Record<string, string>, port?: number): Promise<RunningServer> {
  const dataDir = tempDataDir('salesbook-sso-');
  const seeded = await seedData(3);
  writeStore(dataDir, seeded.data);
  const server = await startServer({ data: dataDir, port, env });
  started.push(server);
  return server;
}

const portalPort = await freePort();
const portalUrl = `http://127.0.0.1:${portalPort}`;
const mappedPort = await freePort();
const mappedUrl = `http://127.0.0.1:${mappedPort}`;

beforeAll(async () => {
  provider = await startProvider(await freePort(), [portalUrl, mappedUrl], [
    { sub: 'kc-boss', preferred_username: 'boss', email: 'boss@example.ru', email_verified: true, name: 'Главный Руководитель' },
    { sub: 'kc-p000', preferred_username: 'p000', email: 'p000@example.ru', email_verified: true, name: 'Сотрудник p000', groups: ['sales'] },
    { sub: 'kc-p001', preferred_username: 'p001', name: 'Сотрудник p001', groups: ['salesbook-mentors', 'sales'] },
    { sub: 'kc-new', preferred_username: 'Olga.Novikova', email: 'olga@example.ru', email_verified: true, name: 'Ольга Новикова', groups: ['sales'] },
    { sub: 'kc-impostor', preferred_username: 'p002', name: 'Не тот человек' },
  ]);
  portal = await portalWith(provider.env(portalUrl), portalPort);
}, 60_000);
afterEach(() => vi.useRealTimers());
afterAll(async () => {
  await provider?.stop();
  await cleanUp();
});

describe('signing in with the company account', () => {
  it('the sign-in page offers the company account beside the password form', async () => {
    const page = await (await get(portal.url, '/login')).text();
    expect(page).toContain('Войти через Acme ID');
    expect(page).toContain('href="/login/oidc"');
    expect(page).toContain('name="password"');
  });

  it('signs a known person in by their login claim, links the account, and goes where they were headed', async () => {
    const { visitor, status, location } = await signInAt(portal, 'kc-p000', new Visitor(), '/docs/');
    expect([status, location]).toEqual([303, '/docs/']);
    const page = await visitor.send(`${portal.url}/docs/`);
    expect(page.status).toBe(200);
    const data = readStore(portal.dataDir);
    const p000 = data.users.find((u: { login: string }) => u.login === 'p000');
    expect(data.identityLinks).toContainEqual(expect.objectContaining({ userId: p000.id, issuer: provider.issuer, subject: 'kc-p000' }));
    expect(audit(portal).at(-1)).toMatchObject({ actor: p000.id, action: 'auth.signIn', details: { method: 'oidc', linked: true } });
    // Rights and positions are a head's: without a mapping, the provider's groups change nothing.
    expect(p000.appRole).toBe('employee');
    // The provider's settings were read once; later sign-ins use them as read.
    const read = provider.discoveries();
    await signInAt(portal, 'kc-p000');
    expect(provider.discoveries()).toBe(read);
  });

  it('the state, nonce and verifier stay on the server: the browser holds only the session cookie', async () => {
    const visitor = new Visitor();
    const page = await toProvider(visitor, portal);
    const salesbookCookies = visitor.cookieFor(new URL(portal.url));
    expect(salesbookCookies).toMatch(/^salesbook_session=[^;]+$/);
    // The provider was asked with PKCE (S256), a state and a nonce; none of them is in the cookie.
    const { response } = await visitor.follow(`${portal.url}/login/oidc`, (url) => url.origin === provider.issuer && url.pathname === '/auth');
    const asked = new URL(response.headers.get('location')!);
    expect(asked.searchParams.get('code_challenge_method')).toBe('S256');
    for (const name of ['state', 'nonce', 'code_challenge']) expect(salesbookCookies).not.toContain(asked.searchParams.get(name));
    expect(page.origin).toBe(provider.issuer);
  });

  it('refuses a tampered state without asking the provider for tokens, and the started sign-in is spent', async () => {
    const visitor = new Visitor();
    const back = await atProvider(visitor, await toProvider(visitor, portal), 'kc-p000');
    const tampered = new URL(back);
    tampered.searchParams.set('state', `${back.searchParams.get('state')}x`);
    const refused = await visitor.send(tampered.href);
    expect([refused.status, refused.headers.get('location')]).toEqual([303, '/login?sso=expired']);
    // The true answer afterwards finds nothing to finish either.
    const late = await visitor.send(back.href);
    expect(late.headers.get('location')).toBe('/login?sso=expired');
    expect((await visitor.send(`${portal.url}/docs/`)).status).toBe(303);
    const page = await (await get(portal.url, '/login?sso=expired')).text();
    expect(page).toContain('Начните вход заново');
  });

  it('a replayed answer is refused: in the same session, and with its code under a new state', async () => {
    const visitor = new Visitor();
    const back = await atProvider(visitor, await toProvider(visitor, portal), 'kc-p000');
    expect((await visitor.send(back.href)).headers.get('location')).toBe('/');
    await visitor.send(`${portal.url}/logout?_action=logout`, { form: {} });
    expect((await visitor.send(back.href)).headers.get('location')).toBe('/login?sso=expired');
    // The same code carried into a sign-in started afresh: the provider refuses a code used once.
    // Still signed in at the provider, the person comes straight back with a new code and state.
    const fresh = (await visitor.follow(`${portal.url}/login/oidc`, isCallback)).url;
    expect(fresh.searchParams.get('code')).not.toBe(back.searchParams.get('code'));
    const state = fresh.searchParams.get('state');
    const replay = new URL(back);
    replay.searchParams.set('state', state!);
    const refused = await visitor.send(replay.href);
    expect(refused.headers.get('location')).toBe('/login?sso=refused');
    expect(audit(portal).at(-1)).toMatchObject({ action: 'auth.signInFailed', details: { method: 'oidc', reason: 'refused' } });
  });

  it('refuses an ID token with a nonce other than the one this session asked for', async () => {
    const visitor = new Visitor();
    const { response } = await visitor.follow(`${portal.url}/login/oidc`, (url) => url.origin === provider.issuer && url.pathname === '/auth');
    const asked = new URL(response.headers.get('location')!);
    asked.searchParams.set('nonce', 'a-nonce-someone-else-chose');
    const page = (await visitor.follow(asked.href, isProviderPage)).url;
    const back = await atProvider(visitor, page, 'kc-p000');
    const refused = await visitor.send(back.href);
    expect(refused.headers.get('location')).toBe('/login?sso=refused');
    expect(audit(portal).at(-1)).toMatchObject({ action: 'auth.signInFailed', details: { reason: 'refused', detail: expect.stringContaining('nonce') } });
  });

  it('an expired ID token (the provider’s clock an hour and a half behind) is refused as a clock problem', async () => {
    const visitor = new Visitor();
    const page = await toProvider(visitor, portal);
    // The provider runs in this process: its tokens are issued, and expire, by this process's clock.
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    vi.setSystemTime(Date.now() - 90 * 60_000);
    const back = await atProvider(visitor, page, 'kc-p000');
    const refused = await visitor.send(back.href);
    vi.useRealTimers();
    expect(refused.headers.get('location')).toBe('/login?sso=clock');
    expect((await visitor.send(`${portal.url}/docs/`)).status).toBe(303);
    const text = await (await get(portal.url, '/login?sso=clock')).text();
    expect(text).toContain('сверить часы серверов');
  });

  it('a person who refuses at the provider is told so, and nothing is made', async () => {
    const before = people(portal);
    const visitor = new Visitor();
    const back = await atProvider(visitor, await toProvider(visitor, portal), '', 'deny');
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect((await visitor.send(back.href)).headers.get('location')).toBe('/login?sso=denied');
    expect(people(portal)).toEqual(before);
    const text = await (await get(portal.url, '/login?sso=denied')).text();
    expect(text).toContain('Вы не разрешили порталу доступ');
  });

  it('a disabled person is refused even with a valid sign-in, and no link is made', async () => {
    const head = await signIn(portal.url, 'boss', SEED_PASSWORD);
    const p002 = readStore(portal.dataDir).users.find((u: { login: string }) => u.login === 'p002');
    const disabled = await postForm(portal.url, `/admin/people/p002?_action=setPersonAccess`, { id: p002.id, disabled: 'true' }, head);
    expect(disabled.status).toBeLessThan(400);
    expect(readStore(portal.dataDir).users.find((u: { login: string }) => u.login === 'p002').disabled).toBe(true);
    const { location } = await signInAt(portal, 'kc-impostor');
    expect(location).toBe('/login?sso=disabled');
    expect(readStore(portal.dataDir).identityLinks.some((l: { userId: string }) => l.userId === p002.id)).toBe(false);
    expect(audit(portal).at(-1)).toMatchObject({ actor: 'anonymous', action: 'auth.signInFailed', subject: `user:${p002.id}`, details: { reason: 'disabled' } });
  });

  it('disabling a person signed in with the company account ends their session', async () => {
    const { visitor } = await signInAt(portal, 'kc-p001');
    expect((await visitor.send(`${portal.url}/docs/`)).status).toBe(200);
    const head = await signIn(portal.url, 'boss', SEED_PASSWORD);
    const p001 = readStore(portal.dataDir).users.find((u: { login: string }) => u.login === 'p001');
    await postForm(portal.url, `/admin/people/p001?_action=setPersonAccess`, { id: p001.id, disabled: 'true' }, head);
    expect((await visitor.send(`${portal.url}/docs/`)).status).toBe(303);
    expect((await signInAt(portal, 'kc-p001')).location).toBe('/login?sso=disabled');
    await postForm(portal.url, `/admin/people/p001?_action=setPersonAccess`, { id: p001.id, disabled: 'false' }, head);
  });

  it('an unknown person is refused with a message to ask their head, and nothing is made', async () => {
    const before = people(portal);
    const { location } = await signInAt(portal, 'kc-new');
    expect(location).toBe('/login?sso=unknown');
    expect(people(portal)).toEqual(before);
    expect(audit(portal).at(-1)).toMatchObject({ action: 'auth.signInFailed', subject: 'login:unknown', details: { reason: 'unknown', subject: 'kc-new' } });
    const text = await (await get(portal.url, '/login?sso=unknown')).text();
    expect(text).toContain('Попросите руководителя отдела продаж добавить вас');
  });

  it('once linked, the subject wins: another account claiming a linked login is refused', async () => {
    // p000 was linked to kc-p000 above; an account whose login claim says p000 is not them.
    provider.accounts.set('kc-other', { sub: 'kc-other', preferred_username: 'p000' });
    expect((await signInAt(portal, 'kc-other')).location).toBe('/login?sso=linked-elsewhere');
  });

  it('a head unlinks an account made anew; only a head may, and the next sign-in links the new one', async () => {
    const p000 = readStore(portal.dataDir).users.find((u: { login: string }) => u.login === 'p000');
    const { visitor } = await signInAt(portal, 'kc-p000');
    const own = visitor.cookieFor(new URL(portal.url));
    const refused = await postAction(portal.url, 'unlinkCompanyAccount', { id: p000.id }, own);
    expect(refused.status).toBe(403);
    const head = await signIn(portal.url, 'boss', SEED_PASSWORD);
    const page = await (await get(portal.url, '/admin/people/p000/', head)).text();
    expect(page).toContain('Связана с порталом');
    expect((await postAction(portal.url, 'unlinkCompanyAccount', { id: p000.id }, head)).status).toBe(200);
    expect(audit(portal).at(-1)).toMatchObject({ action: 'user.unlinkCompanyAccount', subject: `user:${p000.id}`, details: { links: 1 } });
    expect(readStore(portal.dataDir).identityLinks.some((l: { userId: string }) => l.userId === p000.id)).toBe(false);
    // Nothing left to unlink: said so, and nothing is written.
    const again = await postAction(portal.url, 'unlinkCompanyAccount', { id: p000.id }, head);
    expect([again.status, again.body.message]).toEqual([409, 'Не связана: сотрудник ещё не входил через учётную запись компании.']);
    expect((await signInAt(portal, 'kc-other')).location).toBe('/');
    expect(readStore(portal.dataDir).identityLinks).toContainEqual(expect.objectContaining({ userId: p000.id, subject: 'kc-other' }));
  });

  it('the provider’s sign-out is offered after signing out of Salesbook', async () => {
    const { visitor } = await signInAt(portal, 'kc-other');
    const out = await visitor.send(`${portal.url}/logout?_action=logout`, { form: {} });
    const page = await out.text();
    expect(out.status).toBe(200);
    const offer = /href="([^"]+)"[^>]*>Выйти и из учётной записи Acme ID/.exec(page)?.[1]?.replaceAll('&amp;', '&');
    expect(offer).toBeDefined();
    const url = new URL(offer!);
    expect(url.origin + url.pathname).toBe(`${provider.issuer}/session/end`);
    expect(url.searchParams.get('post_logout_redirect_uri')).toBe(`${portal.url}/login`);
    expect(url.searchParams.get('id_token_hint')).toBeTruthy();
    expect((await visitor.send(`${portal.url}/docs/`)).status).toBe(303);
  });
});

describe('settings that cannot work', () => {
  it('stop the start, naming the variable and never the client secret', async () => {
    const env = { ...provider.env(portalUrl), SALESBOOK_OIDC_CLIENT_ID: '', SALESBOOK_OIDC_CLIENT_SECRET: 'the-secret-itself' };
    const failed = await startExpectingFailure({ env });
    expect(failed.output).toContain('with SALESBOOK_OIDC_ISSUER set, SALESBOOK_OIDC_CLIENT_ID must be the client id the provider gave Salesbook.');
    expect(failed.output).not.toContain('the-secret-itself');
    const off = await startExpectingFailure({ env: { SALESBOOK_LOCAL_LOGIN: 'off' } });
    expect(off.output).toContain('SALESBOOK_LOCAL_LOGIN=off needs SALESBOOK_OIDC_ISSUER');
  });
});

describe('a provider that does not answer', () => {
  it('the person reads that the sign-in service is down', async () => {
    const dead = await freePort();
    const port = await freePort();
    const server = await portalWith({ ...provider.env(`http://127.0.0.1:${port}`), SALESBOOK_OIDC_ISSUER: `http://127.0.0.1:${dead}` }, port);
    const response = await get(server.url, '/login/oidc');
    expect(response.headers.get('location')).toBe('/login?sso=down');
    const text = await (await get(server.url, '/login?sso=down')).text();
    expect(text).toContain('Сервис входа компании сейчас не отвечает');
    await server.stop();
  });

  it('a provider that stops between the sign-in and the way back: the code cannot be traded, and nobody is signed in', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const brief = await startProvider(await freePort(), [url], [{ sub: 'kc-p000', preferred_username: 'p000' }]);
    const server = await portalWith(brief.env(url), port);
    const visitor = new Visitor();
    const { url: page } = await visitor.follow(`${server.url}/login/oidc`, (at) => at.pathname.startsWith('/interaction/'));
    const { url: back } = await visitor.follow(page.href, isCallback, { form: { account: 'kc-p000', action: 'login' } });
    await brief.stop();
    const response = await visitor.send(back.href);
    expect(response.headers.get('location')).toBe('/login?sso=down');
    expect((await visitor.send(`${server.url}/docs/`)).status).toBe(303);
    expect(readStore(server.dataDir).identityLinks).toEqual([]);
    await server.stop();
  });
});

describe('new people, groups, and passwords switched off', () => {
  let mapped: RunningServer;
  beforeAll(async () => {
    mapped = await portalWith(
      {
        ...provider.env(mappedUrl),
        SALESBOOK_OIDC_NEW_PEOPLE: 'employee',
        SALESBOOK_OIDC_GROUPS_CLAIM: 'groups',
        SALESBOOK_OIDC_ROLE_MAP: 'salesbook-heads=head; salesbook-mentors=mentor',
        SALESBOOK_OIDC_POSITION_MAP: 'no-such-group=trainee',
        SALESBOOK_LOCAL_LOGIN: 'off',
        SALESBOOK_BREAK_GLASS_LOGIN: 'boss',
      },
      mappedPort,
    );
  }, 60_000);

  it('an unknown person is made an employee without a position, for a head to complete', async () => {
    const { location, visitor } = await signInAt(mapped, 'kc-new');
    expect(location).toBe('/');
    const data = readStore(mapped.dataDir);
    const olga = data.users.find((u: { login: string }) => u.login === 'olga.novikova');
    expect(olga).toMatchObject({ name: 'Ольга Новикова', appRole: 'employee', position: '', mentorId: null, mustChangePassword: false, disabled: false });
    expect(data.identityLinks).toContainEqual(expect.objectContaining({ userId: olga.id, subject: 'kc-new' }));
    expect(audit(mapped).slice(-2)).toMatchObject([
      { actor: 'sso', action: 'user.add', subject: `user:${olga.id}` },
      { actor: olga.id, action: 'auth.signIn' },
    ]);
    // Their own pages open; the head's people page lists them to complete.
    expect((await visitor.send(`${mapped.url}/`)).status).toBe(200);
    const head = await signIn(mapped.url, 'boss', SEED_PASSWORD);
    const list = await (await get(mapped.url, '/admin/people/', head)).text();
    expect(list).toContain('Ждут должности: 1');
    expect(list).toContain('/admin/people/olga.novikova/');
    // A second sign-in finds the same person by the subject, and makes nobody new.
    expect((await signInAt(mapped, 'kc-new')).location).toBe('/');
    expect(readStore(mapped.dataDir).users.filter((u: { name: string }) => u.name === 'Ольга Новикова')).toHaveLength(1);
  });

  it('mapped groups set the rights at each sign-in; the last head keeps theirs', async () => {
    expect((await signInAt(mapped, 'kc-p001')).location).toBe('/');
    const rightsOf = (login: string) => readStore(mapped.dataDir).users.find((u: { login: string }) => u.login === login).appRole;
    expect(rightsOf('p001')).toBe('mentor');
    expect(audit(mapped).at(-2)).toMatchObject({ actor: 'sso', action: 'user.update', details: { appRole: 'mentor', method: 'oidc groups' } });
    provider.accounts.set('kc-p001', { sub: 'kc-p001', preferred_username: 'p001', groups: ['sales'] });
    expect((await signInAt(mapped, 'kc-p001')).location).toBe('/');
    expect(rightsOf('p001')).toBe('employee');
    // boss is in no mapped group, but is the only head: the rights stay.
    expect((await signInAt(mapped, 'kc-boss')).location).toBe('/');
    expect(rightsOf('boss')).toBe('head');
  });

  it('with passwords off the form is gone and its action refuses everyone but the break-glass head', async () => {
    const page = await (await get(mapped.url, '/login')).text();
    expect(page).toContain('Войти через Acme ID');
    expect(page).not.toContain('name="password"');
    const refused = await postForm(mapped.url, '/login?_action=login', { login: 'p000', password: SEED_PASSWORD });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('Вход по паролю портала отключён');
    expect(refused.headers.getSetCookie().some((c) => c.startsWith('salesbook_session='))).toBe(false);
    // The break-glass head signs in with a password from the page's emergency address.
    const emergency = await (await get(mapped.url, '/login?local')).text();
    expect(emergency).toContain('name="password"');
    expect(emergency).toContain('Аварийный вход');
    const head = await signIn(mapped.url, 'boss', SEED_PASSWORD);
    expect((await get(mapped.url, '/admin/people/', head)).status).toBe(200);
  });
});
