// The script trainer over real HTTP: the server scores a run from its path, refuses a path that is
// not a run through the dialogue, and shows a person's practice only to those who may see it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { get, readStore, signIn, startServer, stopAllServers, storedBytes, type RunningServer } from './server';

let server: RunningServer;
const storeBytes = () => storedBytes(server.dataDir);
const auditLines = () => readFileSync(join(server.dataDir, 'audit.jsonl'), 'utf8').trim().split('\n');
const idOf = (login: string): string => readStore(server.dataDir).users.find((u: { login: string }) => u.login === login).id;
const runsOf = (login: string) => readStore(server.dataDir).dialogueRuns.filter((r: { userId: string }) => r.userId === idOf(login));

/** Calls the action as the island does: JSON, with the server's own Origin. */
function record(body: unknown, cookie?: string): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json', origin: server.url };
  if (cookie) headers.cookie = cookie;
  return fetch(new URL('/_actions/recordDialogueRun', server.url), { method: 'POST', headers, body: JSON.stringify(body) });
}

const best = [
  { node: 'hello', choice: 0 },
  { node: 'who', choice: 0 },
];

beforeAll(async () => {
  server = await startServer({ demo: true });
});
afterAll(stopAllServers);

describe('recording a run', () => {
  it('scores the run on the server from the path; a score sent with it is ignored', async () => {
    const cookie = await signIn(server.url, 'trainee1', 'demo');
    const response = await record({ dialogueId: 'cold-call', version: '1.0', path: best, score: 100, maxScore: 100, ending: 'good' }, cookie);
    expect(response.status).toBe(200);
    const [run] = runsOf('trainee1');
    expect(run).toMatchObject({ dialogueId: 'cold-call', version: '1.0', path: best, end: 'connected', ending: 'good', score: 4, maxScore: 4 });
    const audit = JSON.parse(auditLines().at(-1)!);
    expect(audit).toMatchObject({ actor: idOf('trainee1'), action: 'dialogue.practise', subject: 'dialogue:cold-call', details: { score: 4, maxScore: 4, ending: 'good' } });
  });

  it.each<[string, unknown, number, string]>([
    ['a run that stops before an ending', { dialogueId: 'cold-call', version: '1.0', path: [best[0]] }, 400, 'Прохождение оборвалось на шаге «who»: сохраняется только диалог, доведённый до конца.'],
    ['a step the previous answer did not lead to', { dialogueId: 'cold-call', version: '1.0', path: [best[0], { node: 'connected', choice: 0 }] }, 400, 'Шаг 2 не следует из предыдущего ответа: ожидался шаг «who», а пришёл «connected». Пройдите диалог заново.'],
    ['an option the step does not have', { dialogueId: 'cold-call', version: '1.0', path: [{ node: 'hello', choice: 7 }] }, 400, 'На шаге 1 («hello») нет варианта ответа № 8. Пройдите диалог заново.'],
    ['answers after the conversation ended', { dialogueId: 'cold-call', version: '1.0', path: [{ node: 'hello', choice: 1 }, { node: 'refused', choice: 0 }] }, 400, 'Разговор закончился до шага 2, а ответы продолжаются. Пройдите диалог заново.'],
    ['an empty run', { dialogueId: 'cold-call', version: '1.0', path: [] }, 400, 'В прохождении нет ни одного ответа.'],
    ['a run through an older version', { dialogueId: 'cold-call', version: '0.9', path: best }, 409, 'Пока вы тренировались, диалог обновился до версии 1.0. Обновите страницу и пройдите его заново.'],
    ['a dialogue that does not exist', { dialogueId: 'no-such-dialogue', version: '1.0', path: best }, 404, 'Такого диалога нет. Обновите страницу.'],
  ])('refuses %s with a clear message and changes nothing', async (_name, body, status, message) => {
    const cookie = await signIn(server.url, 'trainee2', 'demo');
    const before = storeBytes();
    const auditBefore = auditLines().length;
    const response = await record(body, cookie);
    expect(response.status).toBe(status);
    expect((await response.json()).message).toBe(message);
    expect(storeBytes().equals(before)).toBe(true);
    expect(auditLines().length).toBe(auditBefore);
  });

  it('refuses input of the wrong shape and changes nothing', async () => {
    const cookie = await signIn(server.url, 'trainee2', 'demo');
    const before = storeBytes();
    for (const body of [{ dialogueId: 'cold-call', version: '1.0', path: 'hello' }, { dialogueId: 'cold-call', version: '1.0', path: [{ node: 'hello', choice: -1 }] }, {}]) {
      expect((await record(body, cookie)).status).toBe(400);
    }
    expect(storeBytes().equals(before)).toBe(true);
  });

  it('refuses anyone not signed in', async () => {
    const before = storeBytes();
    expect((await record({ dialogueId: 'cold-call', version: '1.0', path: best })).status).toBe(401);
    expect(storeBytes().equals(before)).toBe(true);
  });
});

describe('a person’s practice page', () => {
  it.each<[string, number]>([
    ['trainee1', 200],
    ['mentor1', 200],
    ['head', 200],
    ['mentor2', 404],
    ['trainee2', 404],
  ])('/team/trainee1/practice/ for %s → %i', async (login, status) => {
    const cookie = await signIn(server.url, login, 'demo');
    const response = await get(server.url, '/team/trainee1/practice/', cookie);
    expect(response.status).toBe(status);
    const body = await response.text();
    if (status === 200) expect(body).toContain('Холодный звонок секретарю');
    else expect(body).not.toContain('Холодный звонок секретарю');
  });

  it('a person who does not exist answers 404', async () => {
    const cookie = await signIn(server.url, 'head', 'demo');
    expect((await get(server.url, '/team/nobody/practice/', cookie)).status).toBe(404);
  });
});
