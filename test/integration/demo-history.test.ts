import { afterAll, describe, expect, it } from 'vitest';
import { storeDataSchema } from '../../src/server/store/data';
import { cleanUp, get, readStore, signIn, startServer } from './server';

afterAll(cleanUp);

describe('the demo history', () => {
  it('gives every tracker page something true to show on a first start', async () => {
    const server = await startServer({ demo: true, env: { SALESBOOK_DEMO_HISTORY: '1' } });
    const data = storeDataSchema.parse(readStore(server.dataDir));
    const login = (id: string) => data.users.find((u) => u.id === id)!.login;
    // Quizzes were drawn and graded by the engine: failures and passes, scores in range.
    expect(data.quizAttempts.some((a) => a.passed === false)).toBe(true);
    expect(data.quizAttempts.some((a) => a.passed === true)).toBe(true);
    expect(data.quizAttempts.every((a) => a.score !== null && a.score >= 0 && a.score <= 100 && a.results.length === a.questions.length)).toBe(true);
    // Sign-offs: some sent back with a comment before a pass; every verdict by a mentor or a head, never by the person.
    expect(data.signoffs.some((s) => s.verdict === 'needs-work' && s.comment.length > 10)).toBe(true);
    expect(data.signoffs.every((s) => s.signedBy !== s.userId)).toBe(true);
    // Sales figures for every full month each seller has worked, up to a year.
    const now = server.clock.now();
    const monthIndex = (y: number, m: number) => y * 12 + m;
    const current = monthIndex(now.getUTCFullYear(), now.getUTCMonth());
    for (const user of data.users.filter((u) => u.appRole !== 'head')) {
      const hired = monthIndex(Number(user.hired.slice(0, 4)), Number(user.hired.slice(5, 7)) - 1);
      const expected = Math.max(0, Math.min(12, current - hired - 1));
      expect(data.kpiRecords.filter((r) => r.userId === user.id), user.login).toHaveLength(expected);
    }
    expect(data.kpiRecords.filter((r) => login(r.userId).startsWith('mentor'))).toHaveLength(24);
    expect(data.courseFeedback.length).toBeGreaterThan(0);
    expect(data.dialogueRuns.length).toBeGreaterThan(0);

    const cookie = await signIn(server.url, 'head', 'demo');
    const person = await get(server.url, '/team/trainee1/', cookie);
    expect(person.status).toBe(200);
    const html = await person.text();
    expect(html).toContain('Уровень 2. Знания: тесты');
    expect(html).toMatch(/дн\. от выхода до последнего обязательного зачёта/);
    // A mentor hired years before the portal has no ramp: their tenure is not a slow start.
    const mentor = await (await get(server.url, '/team/mentor1/', cookie)).text();
    expect(mentor).toContain('не считается: сотрудник работал до того, как отдел начал вести книгу продаж');
    const analytics = await (await get(server.url, '/team/analytics/', cookie)).text();
    expect(analytics).toContain('data-testid="misses"');
    // The first mentor's critical inbound call (12 months in the fixture content), certified 13 months ago, has expired.
    expect(mentor).toMatch(/На перепроверке: \d+\. Срок истёк: 1\./);
    const skills = await (await get(server.url, '/team/mentor1/skills/', cookie)).text();
    expect(skills).toContain('Срок истёк');
    await server.stop();
  });
});
