// What a person sees when something goes wrong on the server: a write that fails (a full disk, a
// read-only data folder) answers a plain message in the site's language and the real error goes to
// the server's log; a body that is not JSON is the sender's mistake.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanUp, postForm, rawRequest, readStore, signIn, startServer, type RunningServer } from './server';

const FAILED = 'Что-то пошло не так на сервере, и действие не выполнено. Попробуйте ещё раз через несколько минут; если ошибка повторится, сообщите администратору портала.';
const UNREADABLE = 'Запрос не удалось прочитать. Обновите страницу и попробуйте ещё раз.';
const ACK = { docId: 'lead-handling', version: '2.0' };

let server: RunningServer;
let cookie: string;
/** Someone who has confirmed nothing yet, so that every confirmation writes. */
let newcomer: string;
const failWrites = (code: 'ENOSPC' | 'EROFS') => writeFileSync(join(server.dataDir, 'fail-writes'), code);
const writeAgain = () => rmSync(join(server.dataDir, 'fail-writes'), { force: true });
/** trainee4's confirmations of the current lead-handling: they have confirmed nothing yet. */
function acks(): number {
  const data = readStore(server.dataDir);
  const id = data.users.find((u: { login: string }) => u.login === 'trainee4').id;
  return data.acknowledgements.filter((a: { userId: string; docId: string; version: string }) => a.userId === id && a.docId === ACK.docId && a.version === ACK.version).length;
}

/** What the person could read: nothing of the system's error, its code or the server's folders. */
function expectNothingOfTheError(text: string) {
  for (const leak of ['ENOSPC', 'EROFS', 'no space left', 'read-only file system', server.dataDir, 'audit.jsonl']) expect(text).not.toContain(leak);
}

beforeAll(async () => {
  server = await startServer({ demo: true, nodeArgs: ['--import', join(import.meta.dirname, 'failing-disk.mjs')] });
  [cookie, newcomer] = await Promise.all([signIn(server.url, 'trainee4', 'demo'), signIn(server.url, 'trainee5', 'demo')]);
});
afterAll(cleanUp);

describe('a write that fails', () => {
  it('ENOSPC: an action answers a plain message, and the server logs the error', async () => {
    failWrites('ENOSPC');
    try {
      const response = await postForm(server.url, '/_actions/acknowledgeDoc', ACK, cookie);
      const body = await response.text();
      expect(response.status).toBe(503);
      expect(JSON.parse(body).message).toBe(FAILED);
      expectNothingOfTheError(body);
      expect(server.output()).toContain('ENOSPC: ');
      expect(server.output()).toContain('acknowledgeDoc');
      expect(acks()).toBe(0);
    } finally {
      writeAgain();
    }
  });

  // A folder made read-only after start still takes the journal's appends (its file is open): the
  // change is kept with its audit entry in the journal, and the audit log takes the entry later.
  it('EROFS: the change is kept and answered as usual, and no error reaches the person', async () => {
    failWrites('EROFS');
    try {
      const response = await postForm(server.url, '/_actions/acknowledgeDoc', ACK, newcomer);
      const body = await response.text();
      expect(response.status).toBe(200);
      expectNothingOfTheError(body);
    } finally {
      writeAgain();
    }
  });

  it('a page form shows the same message, not the error', async () => {
    failWrites('ENOSPC');
    try {
      const response = await postForm(server.url, '/docs/lead-handling/?_action=acknowledgeDoc', ACK, cookie);
      const html = await response.text();
      expect(response.status).toBe(503);
      expect(html).toContain(FAILED);
      expectNothingOfTheError(html);
      expect(acks()).toBe(0);
    } finally {
      writeAgain();
    }
  });

  it('sign-in on a full disk answers the sign-in page with the message, not a 500', async () => {
    failWrites('ENOSPC');
    try {
      const response = await postForm(server.url, '/login?_action=login', { login: 'mentor1', password: 'demo' });
      const html = await response.text();
      expect(response.status).toBe(503);
      expect(html).toContain(FAILED);
      expectNothingOfTheError(html);
    } finally {
      writeAgain();
    }
    // Once the disk has room again, everything works as before.
    expect(await signIn(server.url, 'mentor1', 'demo')).toMatch(/^salesbook_session=/);
    const response = await postForm(server.url, '/_actions/acknowledgeDoc', ACK, cookie);
    expect(response.status).toBe(200);
    expect(acks()).toBe(1);
  });
});

describe('a body that is not JSON', () => {
  it.each(['{"path": [', 'not json at all', '{"path": "x"'])('%s is a 400 with a plain message', async (body) => {
    const response = await fetch(new URL('/_actions/recordDialogueRun', server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url, cookie },
      body,
    });
    const text = await response.text();
    expect(response.status).toBe(400);
    expect(JSON.parse(text)).toMatchObject({ code: 'BAD_REQUEST', message: UNREADABLE });
    expect(text).not.toMatch(/JSON|SyntaxError|position/);
  });
});

describe('the server log', () => {
  // A path that ends a line could print a line of its own choosing wherever the path is printed.
  it.each(['/docs/x%0D%0ASalesbook:%20forged%20line/', '/docs/x%0ASalesbook:%20forged%20line', '/docs/x%250D%250ASalesbook:%20forged%20line/', '/_actions/x%0ASalesbook:%20forged%20line', '/docs/x%E2%80%A8Salesbook:%20forged%20line/'])(
    '%s is a 400 before anything prints it',
    async (path) => {
      const response = await rawRequest(server.url, 'GET', path, { cookie });
      expect(response.status).toBe(400);
      const post = await rawRequest(server.url, 'POST', path, { cookie, origin: server.url, 'content-type': 'application/json', 'content-length': '2' }, '{}');
      expect(post.status).toBe(400);
      expect(server.output()).not.toMatch(/^Salesbook: forged line/m);
    },
  );

  it('an action that fails prints its name and error escaped, on one line', async () => {
    failWrites('ENOSPC');
    try {
      await postForm(server.url, '/_actions/acknowledgeDoc', { docId: 'motivation-statute', version: '1.2' }, newcomer);
    } finally {
      writeAgain();
    }
    const line = server.output().split('\n').findLast((text) => text.startsWith('Salesbook: the action "acknowledgeDoc" failed'));
    expect(line).toContain('ENOSPC: no space left on device');
  });
});
