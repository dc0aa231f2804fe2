// What the portal tells browsers, over real HTTP against the built server: a Content-Security-Policy
// on every page, no framing, no type guessing, the referrer kept on the portal, https remembered, and
// HTML that says its charset.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanUp, get, postForm, signIn, startServer, type RunningServer } from './server';

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
