// Sign-off rules over real HTTP against the built server with the demo people on the fixture content:
// mentor1 mentors trainee1–3, mentor2 trainee4–5; mentors are managers, whose path has the same checklist.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/calendar';
import { zonedDay, zonedInstant } from '../../src/domain/digest-schedule';
import { workingCalendar } from '../../src/domain/working-days';
import { fixtureSite } from '../fixture-site';
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

describe('the checklist’s rules: a wait after "needs work", and observations on different days', () => {
  // The fixture's checklist: two working days after "needs work"; its inbound call, a critical skill,
  // needs two observations on different days. Days are the company's (Asia/Yekaterinburg).
  const today = () => zonedDay(server.clock.now().getTime(), fixtureSite.timeZone);
  const moveTo = (day: string) => server.clock.set(new Date(zonedInstant(day, '10:00', fixtureSite.timeZone)));
  const dayMonth = (day: string) => new Intl.DateTimeFormat('ru-RU', { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
  const auditCount = () => auditLines().length;
  /** Sends what `send` sends, expects it refused with `status` and `message`, and nothing written. */
  async function refusedUnchanged(send: () => Promise<Response>, status: number, message: string) {
    const before = storeBytes();
    const audited = auditCount();
    const response = await send();
    const body = await response.text();
    expect(response.status, body).toBe(status);
    expect(body).toContain(message);
    expect(storeBytes().equals(before)).toBe(true);
    expect(auditCount()).toBe(audited);
    return body;
  }

  it('refuses a request before two working days after "needs work" have passed, with the day it is taken, and writes nothing', async () => {
    // trainee3's request (above) waits; mentor1 asks for more work.
    expect((await decide('mentor1', 'trainee3', { verdict: 'needs-work', rating: '2', comment: 'Не уточнил источник заявки' })).status).toBe(200);
    const retryDay = workingCalendar().addWorkingDays(today(), 2);
    const reason = `Попросить снова можно с ${dayMonth(retryDay)}: после оценки «Нужно доработать» сначала потренируйтесь.`;
    await refusedUnchanged(() => request('trainee3', { note: 'уже готов' }), 409, reason);
    // The plain form says the same on the page, at the item.
    const page = await refusedUnchanged(() => postForm(server.url, '/checklists/trainee-skills/?_action=requestSignoff', { ...ITEM, note: 'уже готов' }, cookies.trainee3), 409, reason);
    expect(page).toMatch(/data-testid="ask-later"[^>]*>Попросить снова можно с/);
    // The day before still refuses; on the day, the request is taken.
    moveTo(addDays(retryDay, -1));
    await refusedUnchanged(() => request('trainee3'), 409, reason);
    moveTo(retryDay);
    expect((await request('trainee3', { note: 'после тренировки' })).status).toBe(200);
  });

  it('refuses a second observation on the same day, the trainee’s request and the mentor’s pass alike, and writes nothing', async () => {
    expect((await decide('mentor1', 'trainee3')).status).toBe(200);
    const next = addDays(today(), 1);
    await refusedUnchanged(() => request('trainee3'), 409, `Следующее наблюдение — в другой день: попросить о нём можно с ${dayMonth(next)}.`);
    await refusedUnchanged(() => decide('mentor1', 'trainee3', { rating: '5' }), 409, `Наблюдение уже засчитано сегодня: следующее «Зачтено» засчитывается в другой день, с ${dayMonth(next)}.`);
    await refusedUnchanged(() => decide('head', 'trainee3', { rating: '5' }), 409, 'Наблюдение уже засчитано сегодня');
    const page = await (await get(server.url, '/team/trainee3/skills/', cookies.mentor1)).text();
    expect(page).toMatch(/data-testid="skill-state"[^>]*>Наблюдение 1 из 2</);
    expect(page).toContain('Это наблюдение 2 из 2');

    // The next day both are taken, and then the skill is passed.
    moveTo(next);
    expect((await request('trainee3', { note: 'второй звонок' })).status).toBe(200);
    expect((await decide('mentor1', 'trainee3', { rating: '5' })).status).toBe(200);
    const passed = await (await get(server.url, '/team/trainee3/skills/', cookies.mentor1)).text();
    expect(passed).toMatch(/data-testid="skill-state"[^>]*>Зачтено</);
    await refusedUnchanged(() => request('trainee3'), 409, 'Этот навык уже зачтён');
  });
});
