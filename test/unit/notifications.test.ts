import { beforeEach, describe, expect, it } from 'vitest';
import { decideSignoff, requestSignoff, SignoffError } from '../../src/server/records/signoffs';
import { announceDocVersions, deliveryPrefsIn, markAllRead, notificationsOf, openNotification, unreadCount } from '../../src/server/records/notifications';
import { docAnnouncements, notificationHref } from '../../src/domain/notifications';
import { emptyStore, storeDataSchema, type StoredUser } from '../../src/server/store/data';
import type { Store } from '../../src/server/store/store';
import { storedPerson, ONE_OBSERVATION } from '../store-files';
import { describeEachStore, type StorePlace } from '../store-kinds';

const person = (id: string, appRole: StoredUser['appRole'], mentorId: string | null = null, disabled = false): StoredUser => storedPerson(id, { id, appRole, mentorId, disabled });

const item = { id: 'inbound-call', docs: [] };
const versions = new Map<string, string>();
let store: Store;
/** Where the test's store keeps its data: opening it again reads what was stored. */
let place: StorePlace;
const openAt = (seed?: () => ReturnType<typeof emptyStore>) => place.open(seed ? { seed } : {});

const ask = (userId = 't1') => requestSignoff(store, { userId, checklistId: 'trainee-skills', itemId: item.id, note: '', currentVersions: versions, ...ONE_OBSERVATION });
const decide = (actorId: string, verdict: 'passed' | 'needs-work' = 'needs-work', userId = 't1') =>
  decideSignoff(store, { actorId, userId, checklistId: 'trainee-skills', item, ratingAsked: false, verdict, comment: 'Не назвал следующий шаг', currentVersions: versions, ...ONE_OBSERVATION });

describeEachStore('notifications', (kind) => {
  beforeEach(async () => {
    place = await kind.place();
    const seed = emptyStore();
    seed.users.push(person('head', 'head'), person('head2', 'head'), person('m1', 'mentor'), person('t1', 'employee', 'm1'), person('t2', 'employee'), person('gone', 'head', null, true));
    store = await openAt(() => seed);
  });

  describe('notifications of sign-offs', () => {
    it("a request tells the person's mentor, in the same change", async () => {
      const request = await ask();
      expect(await unreadCount(store, 'm1')).toBe(1);
      expect(await notificationsOf(store, 'm1')).toEqual([
        expect.objectContaining({ kind: 'signoff-request', requestId: request.id, traineeId: 't1', checklistId: 'trainee-skills', itemId: item.id, readAt: null }),
      ]);
      expect(await unreadCount(store, 'head')).toBe(0);
      expect(storeDataSchema.safeParse(await store.read((d) => d)).success).toBe(true);
    });

    it('a request of someone without a mentor tells every active head', async () => {
      await ask('t2');
      expect([await unreadCount(store, 'head'), await unreadCount(store, 'head2'), await unreadCount(store, 'gone')]).toEqual([1, 1, 0]);
    });

    it('a verdict tells the person judged, with the verdict and who gave it', async () => {
      await ask();
      const signoff = await decide('m1');
      expect(await notificationsOf(store, 't1')).toEqual([
        expect.objectContaining({ kind: 'signoff-verdict', signoffId: signoff.id, verdict: 'needs-work', actorId: 'm1', readAt: null }),
      ]);
    });

    it('a refused verdict tells nobody', async () => {
      await expect(decide('t2')).rejects.toBeInstanceOf(SignoffError);
      expect(await store.read((d) => d.notifications.filter((n) => n.kind === 'signoff-verdict'))).toEqual([]);
    });

    it('a request after the mentor changed goes to the new mentor', async () => {
      await store.mutate((data) => {
        data.users.push(person('m2', 'mentor'));
      });
      await store.mutate((data) => {
        const i = data.users.findIndex((u) => u.id === 't1');
        data.users[i] = { ...data.users[i]!, mentorId: 'm2' };
      });
      await ask();
      expect([await unreadCount(store, 'm1'), await unreadCount(store, 'm2')]).toEqual([0, 1]);
    });
  });

  describe('reading notifications', () => {
    it('opening one marks it read, once; nobody opens another person’s', async () => {
      await ask();
      const [mine] = await notificationsOf(store, 'm1');
      expect(await openNotification(store, 'head', mine!.id)).toBeUndefined();
      expect(await unreadCount(store, 'm1')).toBe(1);
      const opened = await openNotification(store, 'm1', mine!.id);
      expect(opened?.readAt).toEqual(expect.any(String));
      expect(await unreadCount(store, 'm1')).toBe(0);
      const writes = await store.read((d) => d.writes);
      expect((await openNotification(store, 'm1', mine!.id))?.readAt).toBe(opened!.readAt);
      expect(await store.read((d) => d.writes)).toBe(writes);
    });

    it('"mark all read" marks only the person’s own', async () => {
      await ask();
      await decide('m1');
      await ask();
      expect(await markAllRead(store, 'm1')).toBe(2);
      expect(await unreadCount(store, 'm1')).toBe(0);
      expect(await unreadCount(store, 't1')).toBe(1);
    });

    it('lists newest first and survives a restart', async () => {
      await ask();
      await decide('m1', 'passed');
      await ask('t2');
      await store.close();
      store = await openAt();
      expect((await notificationsOf(store, 'head')).map((n) => n.kind)).toEqual(['signoff-request']);
      expect(await unreadCount(store, 't1')).toBe(1);
    });
  });

  describe('new document versions', () => {
    const doc = (id: string, version: string, status: 'active' | 'draft' | 'archived' = 'active') => ({ id, version, status });

    it('the first content is remembered as it is, without telling anyone', () => {
      expect(docAnnouncements(null, [doc('crm', '2.0'), doc('draft', '0.1', 'draft')])).toEqual({ announce: [], told: { crm: '2.0' } });
    });

    it('a new document and a new major version are news; a minor version and a draft are not', () => {
      const told = { crm: '2.0', leads: '1.3', calls: '1.0' };
      const { announce, told: next } = docAnnouncements(told, [doc('crm', '3.0'), doc('leads', '1.4'), doc('calls', '1.0'), doc('new', '1.0'), doc('wip', '1.0', 'draft')]);
      expect(announce).toEqual([{ docId: 'crm', version: '3.0' }, { docId: 'new', version: '1.0' }]);
      expect(next).toEqual({ crm: '3.0', leads: '1.4', calls: '1.0', new: '1.0' });
    });

    it('tells the readers named, once, however often the same content is seen', async () => {
      const readersOf = async (docId: string) => (docId === 'crm' ? ['t1', 't2', 'gone'] : []);
      expect(await announceDocVersions(store, [doc('crm', '1.0')], readersOf)).toEqual([]);
      expect(await announceDocVersions(store, [doc('crm', '2.0')], readersOf)).toEqual([{ docId: 'crm', version: '2.0', readers: 3 }]);
      expect(await announceDocVersions(store, [doc('crm', '2.0')], readersOf)).toEqual([]);
      expect(await notificationsOf(store, 't1')).toEqual([expect.objectContaining({ kind: 'doc-version', docId: 'crm', version: '2.0' })]);
      expect(await unreadCount(store, 't2')).toBe(1);
      // A disabled person is told nothing.
      expect(await unreadCount(store, 'gone')).toBe(0);
    });
  });

  describe('where a notification leads', () => {
    it('to the item judged, the trainee’s item to judge, the document to read', () => {
      expect(notificationHref({ kind: 'signoff-verdict', checklistId: 'calls', itemId: 'greeting' })).toBe('/checklists/calls/#item-calls-greeting');
      expect(notificationHref({ kind: 'signoff-request', traineeLogin: 'trainee1', checklistId: 'calls', itemId: 'greeting' })).toBe('/team/trainee1/skills/#item-calls-greeting');
      expect(notificationHref({ kind: 'doc-version', docId: 'crm-entry' })).toBe('/docs/crm-entry/');
    });

    it('for a pass that expires, to where it is renewed: the skill on its checklist, the quiz, the document', () => {
      expect(notificationHref({ kind: 'expiry', itemKind: 'skill', itemId: 'calls/greeting' })).toBe('/checklists/calls/#item-calls-greeting');
      expect(notificationHref({ kind: 'expiry', itemKind: 'quiz', itemId: 'basics-final' })).toBe('/quizzes/basics-final/');
      expect(notificationHref({ kind: 'expiry', itemKind: 'doc', itemId: 'personal-data' })).toBe('/docs/personal-data/');
    });
  });

  describe('delivery preferences', () => {
    it('a person who chose nothing has the defaults; a stored choice is theirs alone', async () => {
      await store.mutate((data) => {
        data.deliveryPrefs.push({ userId: 't1', email: 'alexey@example.com', digest: 'weekly', digestTime: '08:30', digestWeekday: 5, immediateEmail: false, telegram: false, updatedAt: new Date(0).toISOString() });
      });
      const [t1, t2] = await store.read((data) => [deliveryPrefsIn(data, 't1'), deliveryPrefsIn(data, 't2')]);
      expect(t1).toMatchObject({ email: 'alexey@example.com', digest: 'weekly', digestTime: '08:30', digestWeekday: 5, immediateEmail: false });
      expect(t2).toEqual({ userId: 't2', email: null, digest: 'daily', digestTime: '09:00', digestWeekday: 1, immediateEmail: true, telegram: false, updatedAt: null });
    });

    it('a time or address that is not one is refused, and nothing is stored', async () => {
      const bad = (fields: object) =>
        store.mutate((data) => {
          data.deliveryPrefs.push({ userId: 't1', email: null, digest: 'daily', digestTime: '09:00', digestWeekday: 1, immediateEmail: true, telegram: false, updatedAt: new Date(0).toISOString(), ...fields });
        });
      await expect(bad({ digestTime: '24:00' })).rejects.toThrow(/digestTime/);
      await expect(bad({ email: 'not an address' })).rejects.toThrow(/email/);
      await expect(bad({ digestWeekday: 8 })).rejects.toThrow(/digestWeekday/);
      expect(await store.read((d) => d.deliveryPrefs)).toEqual([]);
    });
  });
});
