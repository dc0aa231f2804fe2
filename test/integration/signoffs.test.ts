// Sign-off rules over real HTTP against the built server with the demo people on the fixture content:
// mentor1 mentors trainee1–3, mentor2 trainee4–5; mentors are managers, whose path has the same checklist.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionData } from './seed';
import { get, postForm, readStore, signIn, startServer, stopAllServers, storedBytes, type RunningServer } from './server';

let server: RunningServer;
const cookies: Record<string, string> = {};
const storeBytes = () => storedBytes(server.dataDir);
const auditLines = () => readFileSync(join(server.dataDir, 'audit.jsonl'), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
const user = (login: string) => readStore(server.dataDir).users.find((u: { login: string }) => u.login === login);
const idOf = (login: string): string => user(login).id;
const records = () => {
  const data = readStore(server.dataDir);
  return { requests: data.signoffRequests, signoffs: data.signoffs };
};

const ITEM = { checklistId: 'trainee-skills', itemId: 'inbound-call' };
const request = (login: string, fields: Record<string, string> = {}) => postForm(server.url, '/_actions/requestSignoff', { ...ITEM, ...fields }, cookies[login]);
const decide = (login: string, trainee: string, fields: Record<string, string> = {}) =>
  postForm(server.url, '/_actions/decideSignoff', { userId: idOf(trainee), ...ITEM, verdict: 'passed', rating: '4', ...fields }, cookies[login]);
const queueOf = async (login: string) => (await (await get(server.url, '/mentor/', cookies[login])).text());

beforeAll(async () => {
  server = await startServer({ demo: true });
  for (const login of ['head', 'mentor1', 'mentor2', 'trainee1', 'trainee2', 'trainee3', 'trainee4', 'trainee5']) {
    cookies[login] = await signIn(server.url, login, 'demo');
  }
});
afterAll(stopAllServers);

describe('who may sign off', () => {
  it('forbidden combinations answer 403 and change nothing, in the data or the audit log', async () => {
    expect((await request('trainee1')).status).toBe(200);
    const before = storeBytes();
    const auditBefore = auditLines().length;
    const forbidden: [string, string][] = [
      ['trainee1', 'trainee1'], // the trainee on themself
      ['trainee2', 'trainee1'], // a colleague
      ['mentor2', 'trainee1'], // another mentor
      ['mentor1', 'mentor1'], // a mentor who is also on a path, on themself
      ['head', 'head'], // a head on themself
    ];
    for (const [actor, trainee] of forbidden) {
      for (const verdict of ['passed', 'needs-work']) {
        const response = await decide(actor, trainee, { verdict, comment: 'Самооценка' });
        expect(response.status, `${actor} judging ${trainee}: ${verdict}`).toBe(403);
      }
    }
    // The plain form on the page is refused the same way.
    const page = await postForm(server.url, '/team/trainee1/skills/?_action=decideSignoff', { userId: idOf('trainee1'), ...ITEM, verdict: 'passed', rating: '5' }, cookies.mentor2);
    expect(page.status).toBe(404);
    const ownPage = await postForm(server.url, '/team/trainee1/skills/?_action=decideSignoff', { userId: idOf('trainee1'), ...ITEM, verdict: 'passed', rating: '5' }, cookies.trainee1);
    expect(ownPage.status).toBe(403);
    expect(storeBytes().equals(before)).toBe(true);
    expect(auditLines()).toHaveLength(auditBefore);
  });

  it('the assigned mentor and a head may sign off; each verdict is a new entry in the data and the audit log', async () => {
    const mentor = await decide('mentor1', 'trainee1', { verdict: 'needs-work', rating: '2', comment: 'Не назвал следующий шаг' });
    expect(mentor.status).toBe(200);
    const head = await decide('head', 'trainee1', { rating: '5' });
    expect(head.status).toBe(200);
    const { signoffs, requests } = records();
    const mine = signoffs.filter((s: { userId: string }) => s.userId === idOf('trainee1'));
    expect(mine.map((s: { verdict: string; signedBy: string; rating: number }) => [s.verdict, s.signedBy, s.rating])).toEqual([
      ['needs-work', idOf('mentor1'), 2],
      ['passed', idOf('head'), 5],
    ]);
    expect(mine[0].requestId).toBe(requests.find((r: { userId: string }) => r.userId === idOf('trainee1')).id);
    const audit = auditLines().filter((entry) => entry.action === 'signoff.decide');
    expect(audit.map((entry) => [entry.actor, entry.subject, entry.details.verdict, entry.details.signoffId])).toEqual([
      [idOf('mentor1'), `user:${idOf('trainee1')}`, 'needs-work', mine[0].id],
      [idOf('head'), `user:${idOf('trainee1')}`, 'passed', mine[1].id],
    ]);
    expect(auditLines().filter((entry) => entry.action === 'signoff.request').map((entry) => entry.actor)).toContain(idOf('trainee1'));
  });

  it('pages: the queue is for mentors and heads, a trainee’s skills for their mentor, a head and themself', async () => {
    expect((await get(server.url, '/mentor/', cookies.trainee1)).status).toBe(404);
    expect((await get(server.url, '/mentor/', cookies.mentor1)).status).toBe(200);
    expect((await get(server.url, '/team/trainee1/skills/', cookies.mentor2)).status).toBe(404);
    expect((await get(server.url, '/team/trainee1/skills/', cookies.trainee2)).status).toBe(404);
    for (const login of ['mentor1', 'head', 'trainee1']) expect((await get(server.url, '/team/trainee1/skills/', cookies[login])).status).toBe(200);
    const own = await (await get(server.url, '/team/trainee1/skills/', cookies.trainee1)).text();
    expect(own).not.toContain('name="verdict"');
    expect(own).toContain('Не назвал следующий шаг');
  });
});

describe('what the server sets itself', () => {
  it('a sign-off ignores signedBy, at and other fields it did not ask for', async () => {
    expect((await request('trainee2')).status).toBe(200);
    const started = server.clock.now().getTime();
    const response = await decide('mentor1', 'trainee2', {
      signedBy: idOf('head'),
      at: '2000-01-01T00:00:00.000Z',
      id: 'forged',
      requestId: 'forged',
      'docVersions.lead-handling': '9.9',
      comment: 'Хорошо',
    });
    expect(response.status).toBe(200);
    const signoff = records().signoffs.find((s: { userId: string }) => s.userId === idOf('trainee2'));
    expect(signoff.signedBy).toBe(idOf('mentor1'));
    expect(Date.parse(signoff.at)).toBeGreaterThanOrEqual(started - 2000);
    expect(signoff.id).not.toBe('forged');
    expect(signoff.docVersions).toEqual({ 'lead-handling': '2.0' });
    expect(signoff.requestId).toBe(records().requests.find((r: { userId: string }) => r.userId === idOf('trainee2')).id);
  });

  it('a request is always the signed-in person’s own, whatever the input says', async () => {
    const response = await request('trainee3', { userId: idOf('trainee5'), note: 'звонок клиенту во вторник', at: '2000-01-01T00:00:00.000Z' });
    expect(response.status).toBe(200);
    const mine = records().requests.filter((r: { userId: string }) => r.userId === idOf('trainee3'));
    expect(mine).toHaveLength(1);
    expect(mine[0].note).toBe('звонок клиенту во вторник');
    expect(mine[0].at).not.toBe('2000-01-01T00:00:00.000Z');
    expect(records().requests.filter((r: { userId: string }) => r.userId === idOf('trainee5'))).toHaveLength(0);
  });
});

describe('bad input', () => {
  it('gets a clear message and changes nothing', async () => {
    expect((await request('trainee5')).status).toBe(200);
    const before = storeBytes();
    const cases: [Promise<Response>, number, string | undefined][] = [
      [decide('mentor2', 'trainee5', { verdict: 'needs-work', rating: '3', comment: '   ' }), 400, 'Напишите, что нужно доработать'],
      [decide('mentor2', 'trainee5', { rating: '' }), 400, 'Поставьте оценку от 1 до 5'],
      [decide('mentor2', 'trainee5', { rating: '7' }), 400, undefined],
      [decide('mentor2', 'trainee5', { verdict: 'maybe' }), 400, undefined],
      [decide('mentor2', 'trainee5', { itemId: 'no-such-item' }), 404, 'Такого навыка нет'],
      [decide('mentor2', 'trainee5', { userId: 'no-such-person' }), 404, undefined],
      [request('trainee5'), 409, 'уже отправлен'],
      [request('trainee5', { itemId: 'no-such-item' }), 404, 'Такого навыка нет'],
      [request('trainee5', { itemId: 'crm-card', note: 'x'.repeat(501) }), 400, undefined],
      [request('head'), 404, 'Такого навыка нет'], // the head's path has no checklists
    ];
    for (const [pending, status, message] of cases) {
      const response = await pending;
      const body = await response.text();
      expect(response.status, body).toBe(status);
      if (message) expect(body).toContain(message);
    }
    expect(storeBytes().equals(before)).toBe(true);
  });

  it('the plain form shows the message on the page and keeps nothing; a good one redirects back to the item', async () => {
    const path = '/team/trainee5/skills/?_action=decideSignoff';
    const fields = { userId: idOf('trainee5'), ...ITEM };
    const before = storeBytes();
    const bad = await postForm(server.url, path, { ...fields, verdict: 'needs-work', rating: '2', comment: '' }, cookies.mentor2);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/role="alert"[^>]*>Напишите, что нужно доработать/);
    expect(storeBytes().equals(before)).toBe(true);
    const good = await postForm(server.url, path, { ...fields, verdict: 'needs-work', rating: '2', comment: 'Говорит дольше 30 секунд о компании' }, cookies.mentor2);
    expect(good.status).toBe(303);
    expect(good.headers.get('location')).toBe('/team/trainee5/skills/?saved=item-trainee-skills-inbound-call#item-trainee-skills-inbound-call');
    const after = await (await get(server.url, good.headers.get('location')!, cookies.mentor2)).text();
    expect(after).toMatch(/role="status"[^>]*>✓ Оценка сохранена: Нужно доработать\./);
  });
});

describe('reassigning a mentor', () => {
  it('moves the trainee’s waiting requests to the new mentor’s queue', async () => {
    const sent = await request('trainee4', { note: 'встреча с клиентом в четверг' });
    expect(sent.status).toBe(200);
    const requestId = actionData(await sent.text()).id;
    expect(await queueOf('mentor2')).toContain('встреча с клиентом в четверг');
    expect(await queueOf('mentor1')).not.toContain('встреча с клиентом в четверг');

    const trainee = user('trainee4');
    const moved = await postForm(
      server.url,
      '/_actions/updatePerson',
      { id: trainee.id, name: trainee.name, appRole: trainee.appRole, position: trainee.position, mentorId: idOf('mentor1'), hired: trainee.hired },
      cookies.head,
    );
    expect(moved.status).toBe(200);

    expect(await queueOf('mentor2')).not.toContain('встреча с клиентом в четверг');
    expect(await queueOf('mentor1')).toContain('встреча с клиентом в четверг');
    expect((await decide('mentor2', 'trainee4')).status).toBe(403);
    const judged = await decide('mentor1', 'trainee4');
    expect(judged.status).toBe(200);
    const signoff = records().signoffs.find((s: { userId: string }) => s.userId === idOf('trainee4'));
    expect(signoff).toMatchObject({ signedBy: idOf('mentor1'), requestId });
    expect(await queueOf('mentor1')).not.toContain('встреча с клиентом в четверг');
  });
});
