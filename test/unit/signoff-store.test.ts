import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as clock from '../../src/server/clock';
import { decideSignoff, requestSignoff, signoffRecordsOf, SignoffError, type DecideInput } from '../../src/server/records/signoffs';
import { emptyStore, storeDataSchema, type StoredUser } from '../../src/server/store/data';
import type { Store } from '../../src/server/store/store';
import { updatePerson } from '../../src/server/records/users';
import { ONE_OBSERVATION, storedPerson } from '../store-files';
import { describeEachStore, type StoreKind } from '../store-kinds';
import { compareSections } from '../../src/domain/section-changes';

const person = (id: string, appRole: StoredUser['appRole'], mentorId: string | null = null): StoredUser => storedPerson(id, { id, appRole, mentorId });

const item = { id: 'inbound-call', docs: ['lead-handling#сроки-ответа'] };
const versions = new Map([['lead-handling', '2.0']]);

let store: Store;
/** A store, of either kind, with a head, two mentors and a trainee of the first. */
async function openSeeded(kind: StoreKind) {
  const seed = emptyStore();
  seed.users.push(person('head', 'head'), person('m1', 'mentor'), person('m2', 'mentor'), person('t1', 'employee', 'm1'));
  store = await (await kind.place()).open({ seed: () => seed });
}

const ask = (userId = 't1', note = '', settings = ONE_OBSERVATION) =>
  requestSignoff(store, { userId, checklistId: 'trainee-skills', itemId: item.id, note, currentVersions: versions, ...settings });
const decide = (actorId: string, fields: Partial<DecideInput> = {}) =>
  decideSignoff(store, { actorId, userId: 't1', checklistId: 'trainee-skills', item, ratingAsked: true, verdict: 'passed', rating: 4, currentVersions: versions, ...ONE_OBSERVATION, ...fields });
const refusal = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SignoffError) return error.from ? `${error.code} until ${error.from}` : error.code;
    throw error;
  }
  return 'accepted';
};
const everything = () => store.read((data) => ({ requests: data.signoffRequests, signoffs: data.signoffs }));

describeEachStore('sign-offs', (kind) => {
  beforeEach(() => openSeeded(kind));

  describe('requests and verdicts in the store', () => {
    it('records who judged, when, the documents’ versions and the request answered', async () => {
      const request = await ask('t1', 'звонок во вторник');
      const before = clock.nowMs();
      const signoff = await decide('m1', { comment: '  Уверенно  ' });
      expect(signoff).toMatchObject({ userId: 't1', signedBy: 'm1', verdict: 'passed', rating: 4, comment: 'Уверенно', docVersions: { 'lead-handling': '2.0' }, requestId: request.id });
      expect(Date.parse(signoff.at)).toBeGreaterThanOrEqual(before - 1000);
      expect(storeDataSchema.safeParse(await store.read((d) => d)).success).toBe(true);
    });

    it('refuses a second request while one waits, and any request while a pass holds', async () => {
      await ask();
      expect(await refusal(ask())).toBe('already-requested');
      await decide('m1');
      expect(await refusal(ask())).toBe('already-passed');
      expect((await everything()).requests).toHaveLength(1);
    });

    it('after a new major version, refuses a request while the pass holds on an unchanged section, and takes one once the section changed', async () => {
      await decide('m1');
      const v2 = '## Сроки ответа\n\nЗа 15 минут.\n\n## Что записать в CRM\n\nИсточник.';
      const v3 = { crm: v2.replace('Источник.', 'Источник и бюджет.'), deadline: v2.replace('За 15 минут.', 'За 10 минут.') };
      const askAt3 = (body: string) =>
        requestSignoff(store, { userId: 't1', checklistId: 'trainee-skills', itemId: item.id, note: '', currentVersions: new Map([['lead-handling', '3.0']]), links: item.docs, sectionChanges: () => compareSections(v2, body), ...ONE_OBSERVATION });
      expect(await refusal(askAt3(v3.crm))).toBe('already-passed');
      expect((await everything()).requests).toHaveLength(0);
      expect(await refusal(askAt3(v3.deadline))).toBe('accepted');
      expect((await everything()).requests).toHaveLength(1);
    });

    it('lets the person ask again after "needs work", and keeps every verdict unchanged', async () => {
      await ask();
      const first = await decide('m1', { verdict: 'needs-work', rating: 2, comment: 'Не назвал следующий шаг' });
      await ask('t1', 'ещё раз');
      const second = await decide('m1', { verdict: 'passed', rating: 5 });
      const { signoffs } = await signoffRecordsOf(store, 't1');
      expect(signoffs).toEqual([first, second]);
    });

    it.each([
      ['the person themself', 't1'],
      ['another mentor', 'm2'],
      ['someone unknown', 'nobody'],
    ])('refuses a verdict from %s and changes nothing', async (_who, actorId) => {
      await ask();
      const before = await everything();
      expect(await refusal(decide(actorId))).toBe('forbidden');
      expect(await everything()).toEqual(before);
    });

    it('lets a head judge anyone but themself', async () => {
      expect(await refusal(decide('head'))).toBe('accepted');
      expect(await refusal(decide('head', { userId: 'head' }))).toBe('forbidden');
    });

    it('refuses a verdict without its comment or rating', async () => {
      expect(await refusal(decide('m1', { verdict: 'needs-work', comment: ' ' }))).toBe('comment-required');
      expect(await refusal(decide('m1', { rating: undefined }))).toBe('rating-required');
      expect((await everything()).signoffs).toEqual([]);
    });

    it('stores no rating where the checklist asks for none', async () => {
      expect((await decide('m1', { ratingAsked: false, rating: 5 })).rating).toBeNull();
    });

    it('checks the mentor as they are at the moment of the change: a reassigned mentor can no longer judge', async () => {
      const request = await ask();
      await updatePerson(store, 't1', { mentorId: 'm2' });
      expect(await refusal(decide('m1'))).toBe('forbidden');
      const signoff = await decide('m2');
      expect(signoff.requestId).toBe(request.id);
    });

    it('refuses to record anything for a disabled person', async () => {
      await store.mutate((data) => {
        const index = data.users.findIndex((u) => u.id === 't1');
        data.users[index] = { ...data.users[index]!, disabled: true };
      });
      expect(await refusal(ask())).toBe('not-found');
      expect(await refusal(decide('m1'))).toBe('not-found');
    });
  });

  describe('the checklist’s rules, checked inside the change', () => {
    // The regulation's settings: two observations on different days, two working days after "needs work".
    const regulation = { ...ONE_OBSERVATION, rules: { observations: 2, retryAfterDays: 2 } };
    const judge = (fields: Partial<DecideInput> = {}) => decide('m1', { ...regulation, ...fields });
    afterEach(() => clock.setClock(process.env.SALESBOOK_CLOCK!));

    it('refuses a request before the working days after "needs work" have passed, and writes nothing', async () => {
      // Friday 5 December 2025, in Moscow; the weekend does not count.
      clock.setClock('2025-12-05T10:00:00+03:00');
      await ask('t1', '', regulation);
      await judge({ verdict: 'needs-work', comment: 'Не назвал следующий шаг' });
      clock.setClock('2025-12-08T23:59:00+03:00');
      const before = await everything();
      expect(await refusal(ask('t1', 'рано', regulation))).toBe('retry-wait until 2025-12-09');
      expect(await everything()).toEqual(before);
      clock.setClock('2025-12-09T00:01:00+03:00');
      expect(await refusal(ask('t1', 'пора', regulation))).toBe('accepted');
    });

    it('refuses the next observation on the day of the last one, the request and the mentor’s pass alike', async () => {
      clock.setClock('2025-12-09T10:00:00+03:00');
      await ask('t1', '', regulation);
      await judge();
      const before = await everything();
      expect(await refusal(ask('t1', 'ещё раз сегодня', regulation))).toBe('same-day until 2025-12-10');
      expect(await refusal(judge())).toBe('same-day-pass until 2025-12-10');
      expect(await everything()).toEqual(before);
      // A "needs work" is never held back, and starts the count again.
      expect(await refusal(judge({ verdict: 'needs-work', comment: 'Второй звонок хуже' }))).toBe('accepted');
      expect(await refusal(judge())).toBe('accepted');
      clock.setClock('2025-12-10T10:00:00+03:00');
      expect(await refusal(judge())).toBe('accepted');
      expect(await refusal(ask('t1', '', regulation))).toBe('already-passed');
    });

    it('counts days in the site’s time zone: 23:30 and 00:30 in Moscow are two days, though one in UTC', async () => {
      clock.setClock('2025-12-09T23:30:00+03:00');
      await judge();
      clock.setClock('2025-12-10T00:30:00+03:00');
      expect(await refusal(judge())).toBe('accepted');
      clock.setClock('2025-12-10T10:00:00+03:00');
      expect(await refusal(ask('t1', '', regulation))).toBe('already-passed');
    });
  });
});
