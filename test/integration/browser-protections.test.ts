// What the portal tells browsers, over real HTTP against the built server: a Content-Security-Policy
// on every page, no framing, no type guessing, the referrer kept on the portal, https remembered,
// HTML that says its charset, and a session cookie no other host can set over https.
import { execFileSync } from 'node:child_process';
import { request as requestOverHttps } from 'node:https';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanUp, get, postForm, signIn, startServer, tempDataDir, type RunningServer } from './server';

let server: RunningServer;
let head: string;

beforeAll(async () => {
  server = await startServer({ demo: true });
  head = await signIn(server.url, 'head', 'demo');
});
afterAll(cleanUp);

function expectBrowserHeaders(response: Response, what: string) {
  expect(response.headers.get('x-frame-options'), what).toBe('DENY');
  expect(response.headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(response.headers.get('referrer-policy'), what).toBe('same-origin');
  // Plain http: nothing to remember.
  expect(response.headers.get('strict-transport-security'), what).toBeNull();
}

/** The policy's directives by name. */
function directives(policy: string | null): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const part of (policy ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) found.set(name, values);
  }
  return found;
}

describe('pages', () => {
  it.each([
    ['/login', ''],
    ['/', 'head'],
    ['/admin/people/', 'head'],
    ['/docs/lead-handling/', 'head'],
    ['/search?q=x', 'head'],
    ['/nonexistent/', 'head'],
  ])('%s: its own scripts and styles only, no framing, charset=utf-8', async (path, who) => {
    const response = await get(server.url, path, who ? head : undefined);
    const html = await response.text();
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expectBrowserHeaders(response, path);
    const policy = directives(response.headers.get('content-security-policy'));
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'self'"]);
    const scripts = policy.get('script-src') ?? [];
    const styles = policy.get('style-src') ?? [];
    expect(scripts.slice(0, 2)).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(styles[0]).toBe("'self'");
    for (const source of [...scripts.slice(2), ...styles.slice(1)]) expect(source).toMatch(/^'sha256-[A-Za-z0-9+/]+=*'$/);
    // Every inline script and style element the page holds is one the policy names.
    const hash = async (text: string) => `'sha256-${Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))).toString('base64')}'`;
    for (const [, text] of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) expect(scripts).toContain(await hash(text!));
    for (const [, text] of html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)) expect(styles).toContain(await hash(text!));
    expect(html).not.toMatch(/\sstyle="/);
  });

  it('the editor lets in CodeMirror’s style element by a nonce of its own request', async () => {
    const nonceOf = async () => {
      const response = await get(server.url, '/edit/docs/lead-handling/', head);
      expect(response.status).toBe(200);
      const styles = directives(response.headers.get('content-security-policy')).get('style-src') ?? [];
      const nonces = styles.filter((source) => source.startsWith("'nonce-"));
      expect(nonces).toHaveLength(1);
      expect(await response.text()).toContain(`&quot;styleNonce&quot;:[0,&quot;${nonces[0]!.slice(7, -1)}&quot;]`);
      return nonces[0];
    };
    expect(await nonceOf()).not.toBe(await nonceOf());
  });
});

describe('every other answer', () => {
  it('assets, actions, search files and refusals are not framed or sniffed either', async () => {
    const page = await (await get(server.url, '/login')).text();
    const asset = /(?:src|href)="(\/_astro\/[^"]+)"/.exec(page)![1]!;
    const answers: [string, Response][] = [
      ['asset', await get(server.url, asset)],
      ['action', await postForm(server.url, '/_actions/acknowledgeDoc', { docId: 'lead-handling', version: '2.0' }, head)],
      ['search file', await get(server.url, '/pagefind/staff/pagefind-entry.json', head)],
      ['not signed in', await get(server.url, '/_actions/acknowledgeDoc')],
      ['bad path', await get(server.url, '/..%2Fsalesbook.json')],
      ['redirect', await get(server.url, '/docs/')],
    ];
    for (const [what, response] of answers) expectBrowserHeaders(response, what);
  });
});

describe('Strict-Transport-Security', () => {
  it('is sent behind a trusted proxy that reached the portal over https, and only then', async () => {
    const proxied = await startServer({ demo: true, env: { SALESBOOK_TRUST_PROXY: '1' } });
    const viaHttps = await fetch(`${proxied.url}/login`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(viaHttps.headers.get('strict-transport-security')).toBe('max-age=31536000');
    const viaHttp = await fetch(`${proxied.url}/login`, { headers: { 'x-forwarded-proto': 'http' } });
    expect(viaHttp.headers.get('strict-transport-security')).toBeNull();
    // An untrusted proxy header is ignored.
    const untrusted = await fetch(`${server.url}/login`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(untrusted.headers.get('strict-transport-security')).toBeNull();
    await proxied.stop();
  });
});

/** A request over https to a server with a self-signed certificate. */
function httpsRequest(url: string, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<{ status: number; setCookie: string[]; hsts: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = requestOverHttps(new URL(path, url), { method, headers, rejectUnauthorized: false, timeout: 10_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, setCookie: res.headers['set-cookie'] ?? [], hsts: res.headers['strict-transport-security'] }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The session cookie a sign-in answer sets, by name, with its attributes. */
function cookieNamed(setCookie: string[], name: string): string | undefined {
  return setCookie.find((line) => line.startsWith(`${name}=`));
}

const HOST_COOKIE = '__Host-salesbook_session';
const signInForm = new URLSearchParams({ login: 'head', password: 'demo' }).toString();

describe('the session cookie', () => {
  it('over plain http keeps its name and is not Secure', async () => {
    const response = await postForm(server.url, '/login?_action=login', { login: 'mentor1', password: 'demo' });
    const line = cookieNamed(response.headers.getSetCookie(), 'salesbook_session')!;
    expect(line).toMatch(/^salesbook_session=[0-9a-f-]{36}; /);
    expect(line).not.toMatch(/Secure/i);
    expect(cookieNamed(response.headers.getSetCookie(), HOST_COOKIE)).toBeUndefined();
  });

  it('without a trusted proxy, what a request says of https and its host counts for nothing', async () => {
    const host = new URL(server.url).host;
    // Claiming https (the origin a browser behind such a proxy would send) does not pass the origin check…
    const claimed = await fetch(`${server.url}/login?_action=login`, {
      method: 'POST',
      headers: { 'x-forwarded-proto': 'https', 'x-forwarded-host': host, origin: `https://${host}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: signInForm,
      redirect: 'manual',
    });
    expect(claimed.status).toBe(403);
    expect(cookieNamed(claimed.headers.getSetCookie(), HOST_COOKIE)).toBeUndefined();
    // …and the portal's own origin still does, whatever host is claimed.
    const plain = await fetch(`${server.url}/login?_action=login`, {
      method: 'POST',
      headers: { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'elsewhere.example', origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: signInForm,
      redirect: 'manual',
    });
    expect(plain.status).toBe(303);
    expect(cookieNamed(plain.headers.getSetCookie(), 'salesbook_session')).toBeDefined();
  });

  it('behind a trusted https proxy is __Host-, and a plain one sent beside it counts for nothing', async () => {
    const proxied = await startServer({ demo: true, env: { SALESBOOK_TRUST_PROXY: '1' } });
    const host = new URL(proxied.url).host;
    const https = { 'x-forwarded-proto': 'https', 'x-forwarded-host': host };
    // A browser sends the origin it sees: the proxy's https one.
    const origin = `https://${host}`;
    const signedIn = await fetch(`${proxied.url}/login?_action=login`, {
      method: 'POST',
      headers: { ...https, origin, 'content-type': 'application/x-www-form-urlencoded' },
      body: signInForm,
      redirect: 'manual',
    });
    expect(signedIn.status).toBe(303);
    const line = cookieNamed(signedIn.headers.getSetCookie(), HOST_COOKIE)!;
    expect(line).toMatch(/^__Host-salesbook_session=[0-9a-f-]{36}; /);
    const attributes = line.split(';').map((part) => part.trim().toLowerCase());
    expect(attributes).toEqual(expect.arrayContaining(['path=/', 'httponly', 'samesite=lax', 'secure']));
    expect(attributes.some((part) => part.startsWith('domain='))).toBe(false);
    // No session cookie under the plain name goes out over https (at most one that removes it).
    const plain = cookieNamed(signedIn.headers.getSetCookie(), 'salesbook_session');
    if (plain) expect(plain).toMatch(/^salesbook_session=[^;]*;.*Expires=Thu, 01 Jan 1970/i);

    const id = line.split(';')[0]!.split('=')[1]!;
    const page = (cookie: string) => fetch(`${proxied.url}/`, { headers: { ...https, cookie }, redirect: 'manual' });
    expect((await page(`${HOST_COOKIE}=${id}`)).status).toBe(200);
    // The same id under the plain name (which any host of the domain could set) does not sign anyone in over https…
    expect((await page(`salesbook_session=${id}`)).status).toBe(303);
    // …nor does it replace the __Host- one.
    expect((await page(`salesbook_session=00000000-0000-4000-8000-000000000000; ${HOST_COOKIE}=${id}`)).status).toBe(200);

    const signedOut = await fetch(`${proxied.url}/logout?_action=logout`, {
      method: 'POST',
      headers: { ...https, origin, cookie: `${HOST_COOKIE}=${id}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
      redirect: 'manual',
    });
    const removed = cookieNamed(signedOut.headers.getSetCookie(), HOST_COOKIE)!;
    expect(removed).toMatch(/^__Host-salesbook_session=[^;]*;.*Expires=Thu, 01 Jan 1970/i);
    expect(removed).toMatch(/Secure/i);
    expect((await page(`${HOST_COOKIE}=${id}`)).status).toBe(303);
    await proxied.stop();
  });

  it('served over https directly is __Host-, with HSTS; no warning about plain http', async () => {
    const folder = tempDataDir('salesbook-tls-');
    const [key, cert] = [join(folder, 'key.pem'), join(folder, 'cert.pem')];
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
    const tls = await startServer({ env: { SERVER_CERT_PATH: cert, SERVER_KEY_PATH: key, SALESBOOK_DEMO: '1', SALESBOOK_DEMO_HISTORY: '0' } });
    const response = await httpsRequest(tls.url, 'POST', '/login?_action=login', { origin: tls.url, 'content-type': 'application/x-www-form-urlencoded' }, signInForm);
    expect(response.status).toBe(303);
    expect(cookieNamed(response.setCookie, HOST_COOKIE)).toMatch(/; Secure/i);
    expect(response.hsts).toBe('max-age=31536000');
    expect(tls.output()).not.toContain('plain http');
    await tls.stop();
  });
});

describe('a warning at start', () => {
  it('over plain http with demo mode off', async () => {
    const plain = await startServer();
    expect(plain.output()).toContain('Salesbook is served over plain http');
    await plain.stop();
    // The demo and a portal behind an https proxy start without it.
    expect(server.output()).not.toContain('plain http');
    const proxied = await startServer({ env: { SALESBOOK_TRUST_PROXY: '1' } });
    expect(proxied.output()).not.toContain('plain http');
    await proxied.stop();
  });
});
