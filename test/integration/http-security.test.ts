// Security rules over real HTTP against the built server: who may reach what, sessions, origin
// checks, head-only actions, and that password hashes never leave the server.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanUp, get, postForm, rawRequest, readStore, sessionCookieFrom, signIn, startServer, storedBytes, type RunningServer } from './server';

const DOC_TEXT = '15 минут'; // from the body of docs/lead-handling.mdx
const FAILED = 'Неверный логин или пароль.';
const EVIL = 'http://evil.example';

function expectNoSecrets(body: string, where: string) {
  expect(body, where).not.toContain('scrypt$');
  expect(body, where).not.toContain('passwordHash');
}

/** The message shown in the login form's alert. */
function alertOf(html: string): string | undefined {
  return /role="alert">([^<]*)</.exec(html)?.[1];
}

let server: RunningServer;
const storeBytes = () => storedBytes(server.dataDir);
const auditBytes = () => readFileSync(join(server.dataDir, 'audit.jsonl'));
const idOf = (login: string): string => readStore(server.dataDir).users.find((u: { login: string }) => u.login === login).id;
const acksOf = (login: string) => readStore(server.dataDir).acknowledgements.filter((a: { userId: string }) => a.userId === idOf(login));

beforeAll(async () => {
  server = await startServer({ demo: true });
});
afterAll(cleanUp);

describe('anonymous requests never get content', () => {
  // [path as sent on the wire, expected status]
  const pages: [string, number][] = [
    ['/', 303],
    ['/docs/', 303],
    ['/docs/lead-handling/', 303],
    ['/docs/lead-handling', 303],
    ['/admin/people/', 303],
    ['/admin/people/head/', 303],
    ['/roles/manager/', 303],
    ['/account/password', 303],
    ['/logout', 303],
    ['/nonexistent-page/', 303],
    // Encoded, double-encoded and otherwise disguised paths.
    ['/%64ocs/', 303],
    ['/%64ocs/lead-handling/', 303],
    ['/%2564ocs/', 303],
    ['/%252564ocs/lead-handling/', 303],
    ['/docs%2Flead-handling', 303],
    ['/docs%252Flead-handling', 303],
    ['//docs/', 303],
    ['//docs//lead-handling/', 303],
    ['/login/../docs/', 303],
    ['/login/%2e%2e/docs/', 303],
    ['/login%2F..%2Fdocs%2F', 400],
    ['/login%252F..%252Fdocs%252F', 400],
    ['/..%2Fsalesbook.json', 400],
    ['/%E0%A4%A', 400],
    ['/docs/%E0%A4%A/', 400],
    // Files of the data folder, by URL.
    ['/data/salesbook.json', 401],
    ['/salesbook.json', 401],
    ['/salesbook.json.lock', 401],
    ['/audit.jsonl', 401],
    ['/backups/', 303],
    ['/sessions/x', 303],
    ['/%73alesbook.json', 401],
    ['/_actions/acknowledgeDoc', 401],
  ];

  it.each(pages)('GET %s → %i, no content', async (path, status) => {
    const response = await rawRequest(server.url, 'GET', path);
    expect(response.status).toBe(status);
    if (status === 303) expect(response.location).toMatch(/^\/login\?next=%2F/);
    else expect(response.location).toBeUndefined();
    expect(response.body).not.toContain(DOC_TEXT);
    expectNoSecrets(response.body, path);
  });

  it('the plain page paths redirect to sign-in with themselves as next', async () => {
    for (const path of ['/', '/docs/', '/docs/lead-handling/', '/admin/people/', '/roles/manager/']) {
      const response = await rawRequest(server.url, 'GET', path);
      expect(response.location).toBe(`/login?next=${encodeURIComponent(path)}`);
    }
  });

  it('actions and page forms answer 401 and change nothing', async () => {
    const before = storeBytes();
    const person = { login: 'intruder', name: 'Intruder', appRole: 'head', position: 'head-of-sales', mentorId: '', hired: '2026-01-01' };
    const calls: [string, Record<string, string>][] = [
      ['/_actions/acknowledgeDoc', { docId: 'lead-handling', version: '2.0' }],
      ['/_actions/addPerson', person],
      ['/_actions/%61ddPerson', person],
      ['/_actions/setPersonAccess', { id: idOf('head'), disabled: 'true' }],
      ['/_actions/resetPassword', { id: idOf('head') }],
      ['/docs/lead-handling/?_action=acknowledgeDoc', { docId: 'lead-handling', version: '2.0' }],
      ['/admin/people/?_action=addPerson', person],
    ];
    for (const [path, fields] of calls) {
      const response = await postForm(server.url, path, fields);
      const body = await response.text();
      expect(response.status, path).toBe(401);
      expect(body).not.toContain(DOC_TEXT);
      expectNoSecrets(body, path);
    }
    // The public sign-in page runs any action named in ?_action=; each action still checks who asks.
    const viaLogin = await postForm(server.url, '/login?_action=addPerson', person);
    expectNoSecrets(await viaLogin.text(), '/login?_action=addPerson');
    expect(sessionCookieFrom(viaLogin)).toBeUndefined();
    expect(storeBytes().equals(before)).toBe(true);
    expect(readStore(server.dataDir).users.some((u: { login: string }) => u.login === 'intruder')).toBe(false);
  });

  it('the same paths do reach content once signed in (so the checks above are meaningful)', async () => {
    const cookie = await signIn(server.url, 'trainee1', 'demo');
    for (const path of ['/docs/lead-handling/', '/%64ocs/lead-handling/', '/%2564ocs/lead-handling/', '//docs//lead-handling/']) {
      const response = await rawRequest(server.url, 'GET', path, { cookie });
      expect(response.status, path).toBe(200);
      expect(response.body, path).toContain(DOC_TEXT);
    }
    // Signed in, the data folder is still not served.
    for (const path of ['/salesbook.json', '/data/salesbook.json', '/audit.jsonl', '/sessions/x', '/backups/']) {
      const response = await rawRequest(server.url, 'GET', path, { cookie });
      expect(response.status, path).toBe(404);
      expectNoSecrets(response.body, path);
    }
  });
});

describe('sessions', () => {
  it('sign-in replaces a planted session id, and the planted id never signs anyone in', async () => {
    // A session that already exists on the server, as an attacker could have obtained and planted it.
    const planted = '0f0f0f0f-1111-4222-8333-444455556666';
    const file = join(server.dataDir, 'sessions', `${createHash('sha256').update(planted).digest('hex')}.json`);
    writeFileSync(file, JSON.stringify([['Map', 1, 2], 'note', { data: 3, expires: 4 }, 'planted', Date.now() + 3_600_000]));
    const old = `salesbook_session=${planted}`;
    expect((await get(server.url, '/', old)).status).toBe(303);

    const fresh = await signIn(server.url, 'trainee1', 'demo', old);
    expect(fresh).not.toBe(old);
    expect(fresh.split('=')[1]).toMatch(/^[0-9a-f-]{36}$/);

    const withOld = await get(server.url, '/', old);
    expect(withOld.status).toBe(303);
    expect(withOld.headers.get('location')).toBe('/login?next=%2F');
    const withNew = await get(server.url, '/', fresh);
    expect(withNew.status).toBe(200);
  });

  it('a session cookie stops working after sign-out', async () => {
    const cookie = await signIn(server.url, 'trainee1', 'demo');
    expect((await get(server.url, '/docs/', cookie)).status).toBe(200);
    const out = await postForm(server.url, '/logout?_action=logout', {}, cookie);
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/login');
    const after = await get(server.url, '/docs/', cookie);
    expect(after.status).toBe(303);
    expect(after.headers.get('location')).toBe('/login?next=%2Fdocs%2F');
    const action = await postForm(server.url, '/_actions/acknowledgeDoc', { docId: 'motivation-statute', version: '1.2' }, cookie);
    expect(action.status).toBe(401);
    // And signing in again with the dead cookie gives a new one.
    const again = await signIn(server.url, 'trainee1', 'demo', cookie);
    expect(again).not.toBe(cookie);
  });

  it('changing the password replaces the session id; the old one stops working', async () => {
    const old = await signIn(server.url, 'mentor2', 'demo');
    const response = await postForm(server.url, '/_actions/changePassword', { current: 'demo', next: 'new-pass-2026', repeat: 'new-pass-2026' }, old);
    expect(response.status).toBe(200);
    const fresh = sessionCookieFrom(response);
    expect(fresh).toBeDefined();
    expect(fresh).not.toBe(old);
    expect((await get(server.url, '/', old)).status).toBe(303);
    expect((await get(server.url, '/', fresh)).status).toBe(200);
  });
});

describe('where sign-in leads', () => {
  it('a hostile next never leads off the portal', async () => {
    const hostile = ['//evil.example/', '/\\evil.example', 'https://evil.example/', ' //evil.example', '/\t/evil.example', '/\t\\evil.example', '/\n/evil.example', '/\r\n/evil.example'];
    for (const next of hostile) {
      const response = await postForm(server.url, '/login?_action=login', { login: 'trainee1', password: 'demo', next });
      expect(response.status, JSON.stringify(next)).toBe(303);
      // Resolved the way a browser resolves it (tabs and newlines dropped, backslashes as slashes).
      expect(new URL(response.headers.get('location')!, server.url).origin, JSON.stringify(next)).toBe(server.url);
      expect(response.headers.get('location')).toBe('/');
    }
    const fine = await postForm(server.url, '/login?_action=login', { login: 'trainee1', password: 'demo', next: '/docs/lead-handling/?x=1' });
    expect(fine.headers.get('location')).toBe('/docs/lead-handling/?x=1');
  });
});

describe('cross-origin form posts', () => {
  it('get 403 and change nothing', async () => {
    const cookie = await signIn(server.url, 'trainee4', 'demo');
    const headCookie = await signIn(server.url, 'head', 'demo');
    const before = storeBytes();
    const ack = { docId: 'lead-handling', version: '2.0' };

    const urlencoded = await postForm(server.url, '/_actions/acknowledgeDoc', ack, cookie, EVIL);
    expect(urlencoded.status).toBe(403);
    const multipartBody = new FormData();
    multipartBody.set('docId', 'lead-handling');
    multipartBody.set('version', '2.0');
    const multipart = await fetch(`${server.url}/_actions/acknowledgeDoc`, { method: 'POST', headers: { origin: EVIL, cookie }, body: multipartBody, redirect: 'manual' });
    expect(multipart.status).toBe(403);
    const plain = await fetch(`${server.url}/_actions/acknowledgeDoc`, {
      method: 'POST',
      headers: { origin: EVIL, cookie, 'content-type': 'text/plain' },
      body: 'docId=lead-handling&version=2.0',
      redirect: 'manual',
    });
    expect(plain.status).toBe(403);
    const pageForm = await postForm(server.url, '/docs/lead-handling/?_action=acknowledgeDoc', ack, cookie, EVIL);
    expect(pageForm.status).toBe(403);
    const addPerson = await postForm(
      server.url,
      '/_actions/addPerson',
      { login: 'evil-added', name: 'Evil', appRole: 'head', position: 'head-of-sales', mentorId: '', hired: '2026-01-01' },
      headCookie,
      EVIL,
    );
    expect(addPerson.status).toBe(403);
    const login = await postForm(server.url, '/login?_action=login', { login: 'trainee4', password: 'demo' }, undefined, EVIL);
    expect(login.status).toBe(403);
    expect(sessionCookieFrom(login)).toBeUndefined();

    expect(storeBytes().equals(before)).toBe(true);
    expect(acksOf('trainee4')).toHaveLength(0);

    // The same confirmation from the portal's own origin is recorded: the 403s above were the origin check.
    const same = await postForm(server.url, '/_actions/acknowledgeDoc', ack, cookie);
    expect(same.status).toBe(200);
    expect(acksOf('trainee4').map((a: { docId: string; version: string }) => `${a.docId}@${a.version}`)).toEqual(['lead-handling@2.0']);
  });
});

describe('request bodies', () => {
  it('one larger than its route takes is refused by its length before anything reads it (413); one sent without a length gets 411', async () => {
    const cookie = await signIn(server.url, 'trainee4', 'demo');
    const before = storeBytes();
    const big = `docId=lead-handling&version=2.0&pad=${'x'.repeat(600 * 1024)}`;
    const action = await rawRequest(server.url, 'POST', '/_actions/acknowledgeDoc', { origin: server.url, cookie, 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(big)) }, big);
    expect(action.status).toBe(413);
    const signInForm = await rawRequest(server.url, 'POST', '/login?_action=login', { origin: server.url, 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(big)) }, big);
    expect(signInForm.status).toBe(413);
    const chunked = await rawRequest(server.url, 'POST', '/_actions/acknowledgeDoc', { origin: server.url, cookie, 'content-type': 'application/x-www-form-urlencoded', 'transfer-encoding': 'chunked' }, 'docId=lead-handling&version=2.0');
    expect(chunked.status).toBe(411);
    // Only the Word import takes more, and only from heads: the route check comes first.
    const upload = await rawRequest(server.url, 'POST', '/admin/docs/import/', { origin: server.url, cookie, 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(Buffer.byteLength(big)) }, big);
    expect(upload.status).toBe(404);
    expect(storeBytes().equals(before)).toBe(true);
  });
});

describe('head-only actions', () => {
  const newPerson = { login: 'new-hire', name: 'Новый Сотрудник', appRole: 'employee', position: 'trainee', mentorId: '', hired: '2026-10-01' };

  it('a trainee gets 403 and nothing changes on disk', async () => {
    const cookie = await signIn(server.url, 'trainee1', 'demo');
    const storeBefore = storeBytes();
    const auditBefore = auditBytes();
    const calls: [string, Record<string, string>][] = [
      ['/_actions/addPerson', newPerson],
      ['/_actions/addPerson', { ...newPerson, appRole: 'head', position: 'head-of-sales' }],
      ['/_actions/setPersonAccess', { id: idOf('head'), disabled: 'true' }],
      ['/_actions/setPersonAccess', { id: idOf('trainee1'), disabled: 'true' }],
      ['/_actions/resetPassword', { id: idOf('head') }],
      ['/_actions/resetPassword', { id: idOf('trainee2') }],
      ['/_actions/updatePerson', { id: idOf('trainee1'), name: 'Self Promoted', appRole: 'head', position: 'head-of-sales', mentorId: '', hired: '2020-01-01' }],
    ];
    for (const [path, fields] of calls) {
      const response = await postForm(server.url, path, fields, cookie);
      const body = await response.text();
      expect(response.status, `${path} ${JSON.stringify(fields)}`).toBe(403);
      expect(JSON.parse(body)).toMatchObject({ code: 'FORBIDDEN', status: 403 });
      expectNoSecrets(body, path);
    }
    // Through the admin pages' forms as well.
    const pageAdd = await postForm(server.url, '/admin/people/?_action=addPerson', newPerson, cookie);
    expect(pageAdd.status).toBe(404);
    const pageReset = await postForm(server.url, '/admin/people/head/?_action=resetPassword', { id: idOf('head') }, cookie);
    expect(pageReset.status).toBe(404);
    expectNoSecrets(await pageReset.text(), 'reset page');

    expect(storeBytes().equals(storeBefore)).toBe(true);
    expect(auditBytes().equals(auditBefore)).toBe(true);
    // The old password still works: it was not reset.
    await expect(signIn(server.url, 'head', 'demo')).resolves.toMatch(/^salesbook_session=/);
  });

  it('the head may do the same (the input above was valid)', async () => {
    const cookie = await signIn(server.url, 'head', 'demo');
    const response = await postForm(server.url, '/_actions/addPerson', newPerson, cookie);
    expect(response.status).toBe(200);
    const added = readStore(server.dataDir).users.find((u: { login: string }) => u.login === 'new-hire');
    expect(added).toMatchObject({ name: newPerson.name, appRole: 'employee', position: 'trainee', mentorId: null, mustChangePassword: true, disabled: false });
  });
});

describe('password hashes never leave the server', () => {
  it('no page or action response carries a hash', async () => {
    const head = await signIn(server.url, 'head', 'demo');
    const trainee = await signIn(server.url, 'trainee1', 'demo');
    const bodies: [string, Response][] = [];
    for (const path of ['/', '/docs/', '/docs/lead-handling/', '/admin/people/', '/admin/people/trainee1/', '/admin/people/head/', '/roles/', '/roles/manager/', '/account/password', '/no-such-page/']) {
      bodies.push([`head GET ${path}`, await get(server.url, path, head)]);
    }
    for (const path of ['/', '/docs/lead-handling/', '/admin/people/', '/account/password']) {
      bodies.push([`trainee GET ${path}`, await get(server.url, path, trainee)]);
    }
    const added = await postForm(server.url, '/_actions/addPerson', { login: 'hash-check', name: 'Hash Check', appRole: 'mentor', position: 'manager', mentorId: '', hired: '2026-02-02' }, head);
    bodies.push(['addPerson', added]);
    const addedId = idOf('hash-check');
    bodies.push(['updatePerson', await postForm(server.url, '/_actions/updatePerson', { id: addedId, name: 'Hash Checked', appRole: 'mentor', position: 'manager', mentorId: '', hired: '2026-02-02' }, head)]);
    bodies.push(['setPersonAccess', await postForm(server.url, '/_actions/setPersonAccess', { id: addedId, disabled: 'false' }, head)]);
    bodies.push(['resetPassword', await postForm(server.url, '/_actions/resetPassword', { id: addedId }, head)]);
    bodies.push(['resetPassword page', await postForm(server.url, '/admin/people/hash-check/?_action=resetPassword', { id: addedId }, head)]);
    bodies.push(['acknowledgeDoc', await postForm(server.url, '/_actions/acknowledgeDoc', { docId: 'motivation-statute', version: '1.2' }, trainee)]);
    bodies.push(['login action', await postForm(server.url, '/_actions/login', { login: 'trainee1', password: 'demo' })]);
    bodies.push(['login page error', await postForm(server.url, '/login?_action=login', { login: 'trainee1', password: 'nope' })]);

    for (const [what, response] of bodies) {
      expect(response.status, what).toBeLessThan(500);
      const text = await response.text();
      expectNoSecrets(text, what);
    }
    // The people page did list people (so it had hashes at hand on the server).
    const people = await (await get(server.url, '/admin/people/', head)).text();
    expect(people).toContain('Мария Волкова');
    expect(readFileSync(join(server.dataDir, 'salesbook.json'), 'utf8')).toContain('scrypt$');
  });
});

describe('disabling a person', () => {
  it("signs them out at their next request, for good", async () => {
    const trainee = await signIn(server.url, 'trainee2', 'demo');
    expect((await get(server.url, '/docs/', trainee)).status).toBe(200);
    const head = await signIn(server.url, 'head', 'demo');
    const id = idOf('trainee2');

    const disable = await postForm(server.url, '/_actions/setPersonAccess', { id, disabled: 'true' }, head);
    expect(disable.status).toBe(200);
    expect(readStore(server.dataDir).users.find((u: { id: string }) => u.id === id).disabled).toBe(true);

    const next = await get(server.url, '/docs/', trainee);
    expect(next.status).toBe(303);
    expect(next.headers.get('location')).toBe('/login?next=%2Fdocs%2F');
    const action = await postForm(server.url, '/_actions/acknowledgeDoc', { docId: 'motivation-statute', version: '1.2' }, trainee);
    expect(action.status).toBe(401);
    const again = await postForm(server.url, '/login?_action=login', { login: 'trainee2', password: 'demo' });
    expect(again.status).toBe(401);
    expect(alertOf(await again.text())).toBe(FAILED);

    // Enabled again, the old session stays dead: it was destroyed, not just ignored.
    const enable = await postForm(server.url, '/_actions/setPersonAccess', { id, disabled: 'false' }, head);
    expect(enable.status).toBe(200);
    expect((await get(server.url, '/docs/', trainee)).status).toBe(303);
    await expect(signIn(server.url, 'trainee2', 'demo')).resolves.toMatch(/^salesbook_session=/);
  });
});
