// The page cache over real HTTP: a reader's second visit to a document is answered from memory, and
// never after anything that could change what they may see or what the page says.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HIT_HEADER } from '../../src/server/http/page-cache';
import { cleanUp, get, postForm, readStore, signIn, startServer, type RunningServer } from './server';

const DOC = '/docs/lead-handling/';
const DOC_TEXT = '15 минут'; // from the body of docs/lead-handling.mdx
const CONFIRMED = 'ack-box--done'; // the confirmation box once the version is confirmed

let server: RunningServer;
const person = (login: string) => readStore(server.dataDir).users.find((u: { login: string }) => u.login === login) as { id: string; name: string };

/** GETs a page and says whether it came from the cache. */
async function visit(path: string, cookie: string) {
  const response = await get(server.url, path, cookie);
  return { status: response.status, hit: response.headers.get(HIT_HEADER) === 'hit', location: response.headers.get('location'), body: await response.text() };
}

beforeAll(async () => {
  server = await startServer({ demo: true });
});
afterAll(cleanUp);

describe('page cache', () => {
  it("answers a reader's second visit to a document from memory, with the same page", async () => {
    const cookie = await signIn(server.url, 'trainee1', 'demo');
    const first = await visit(DOC, cookie);
    expect(first).toMatchObject({ status: 200, hit: false });
    expect(first.body).toContain(DOC_TEXT);
    expect(first.body).toContain(person('trainee1').name);
    const second = await visit(DOC, cookie);
    expect(second).toMatchObject({ status: 200, hit: true });
    expect(second.body).toBe(first.body);
  });

  it("never gives one person's page to another", async () => {
    const trainee = await signIn(server.url, 'trainee1', 'demo');
    await visit(DOC, trainee);
    expect((await visit(DOC, trainee)).hit).toBe(true);
    const mentor = await signIn(server.url, 'mentor1', 'demo');
    const mentorsPage = await visit(DOC, mentor);
    expect(mentorsPage.hit).toBe(false);
    expect(mentorsPage.body).toContain(person('mentor1').name);
    expect(mentorsPage.body).not.toContain(person('trainee1').name);
    // Two session cookies at once: not answered from memory, whichever session they name.
    const both = await visit(DOC, `${trainee}; ${mentor}`);
    expect(both.hit).toBe(false);
  });

  it('shows a confirmation on the very next visit', async () => {
    const cookie = await signIn(server.url, 'trainee4', 'demo');
    await visit(DOC, cookie);
    const kept = await visit(DOC, cookie);
    expect(kept.hit).toBe(true);
    expect(kept.body).not.toContain(CONFIRMED);
    const confirm = await postForm(server.url, '/_actions/acknowledgeDoc', { docId: 'lead-handling', version: '2.0' }, cookie);
    expect(confirm.status).toBe(200);
    const after = await visit(DOC, cookie);
    expect(after).toMatchObject({ status: 200, hit: false });
    expect(after.body).toContain(CONFIRMED);
  });

  it('turns a signed-out session away at once', async () => {
    const cookie = await signIn(server.url, 'trainee3', 'demo');
    await visit(DOC, cookie);
    expect((await visit(DOC, cookie)).hit).toBe(true);
    const out = await postForm(server.url, '/_actions/logout', {}, cookie);
    expect(out.status).toBe(200);
    const after = await visit(DOC, cookie);
    expect(after).toMatchObject({ status: 303, hit: false });
    expect(after.location).toMatch(/^\/login\?next=/);
    expect(after.body).not.toContain(DOC_TEXT);
  });

  it('turns a disabled person away at once', async () => {
    const cookie = await signIn(server.url, 'trainee2', 'demo');
    await visit(DOC, cookie);
    expect((await visit(DOC, cookie)).hit).toBe(true);
    const head = await signIn(server.url, 'head', 'demo');
    await visit(DOC, cookie);
    expect((await visit(DOC, cookie)).hit).toBe(true);
    const disable = await postForm(server.url, '/_actions/setPersonAccess', { id: person('trainee2').id, disabled: 'true' }, head);
    expect(disable.status).toBe(200);
    const after = await visit(DOC, cookie);
    expect(after).toMatchObject({ status: 303, hit: false });
    expect(after.body).not.toContain(DOC_TEXT);
  });

  it('never keeps My path, an address with a query, or a page for nobody', async () => {
    const cookie = await signIn(server.url, 'trainee5', 'demo');
    for (const path of ['/', `${DOC}?from=search`]) {
      await visit(path, cookie);
      const again = await visit(path, cookie);
      expect(again, path).toMatchObject({ status: 200, hit: false });
    }
    const anonymous = await get(server.url, DOC);
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get(HIT_HEADER)).toBeNull();
  });
});
