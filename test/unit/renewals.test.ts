// Passes and confirmations that expire (validForMonths), through the read models and store operations
// on the fixture content as the server serves it: the trainee checklist's inbound call holds 12 months,
// and so does a confirmation of the motivation statute. Time is the suite's clock, moved by the test.
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { docById, siteSettings } from '../../src/content';
import { DAY_MS } from '../../src/domain/calendar';
import { workingCalendar } from '../../src/domain/working-days';
import { validityOf } from '../../src/domain/validity';
import { composeDigest } from '../../src/server/mail/compose';
import { acknowledgeDoc } from '../../src/server/records/acknowledgements';
import { notificationsOf } from '../../src/server/records/notifications';
import { decideSignoff, requestSignoff, SignoffError } from '../../src/server/records/signoffs';
import { noticeRenewals } from '../../src/server/renewal-notices';
import { emptyStore, publicUser, type StoredUser } from '../../src/server/store/data';
import type { Store } from '../../src/server/store/store';
import { describeEachStore } from '../store-kinds';
import { acknowledgementSheet } from '../../src/server/views/doc-currency';
import { myLearningPath } from '../../src/server/views/learning';
import { documentsToConfirm } from '../../src/server/views/my-path';
import { describeNotification } from '../../src/server/views/notifications';
import { skillsOf } from '../../src/server/views/skills';
import { departmentCoverage } from '../../src/server/views/skill-coverage';
import { personRecord, teamRows } from '../../src/server/views/tracker';
import { translator } from '../../src/i18n';
import * as clock from '../../src/server/clock';
import { storedPerson } from '../store-files';

beforeAll(() => {
  vi.stubEnv('SALESBOOK_CONTENT', 'test/fixtures/content');
});

const head = storedPerson('head', { id: 'head', name: 'Анна Руководитель', appRole: 'head', position: 'head-of-sales', hired: '2019-03-11' });
const mentor = storedPerson('m1', { id: 'm1', name: 'Дмитрий Наставник', appRole: 'mentor', position: 'manager', hired: '2021-06-01' });
const trainee: StoredUser = storedPerson('t1', { id: 't1', name: 'Алексей Стажёр', position: 'trainee', mentorId: 'm1', hired: '2025-01-10', createdAt: '2025-01-10T06:00:00.000Z' });

const ITEM = { checklistId: 'trainee-skills', itemId: 'inbound-call' };
const versions = new Map([['lead-handling', '2.0']]);

let store: Store;
let start: Date;
/** The moment the pass made at `start` expires, in the fixture site's time zone (Yekaterinburg). */
let expiresAt: Date;

const at = (ms: number) => new Date(expiresAt.getTime() + ms);
const validity = async () => ({ months: 12, timeZone: (await siteSettings()).timeZone });
const item = { id: ITEM.itemId, docs: ['lead-handling'] };
/** The fixture's inbound call: two observations on different days, two working days after "needs work". */
const rules = async () => ({ rules: { observations: 2, retryAfterDays: 2 }, timeZone: (await siteSettings()).timeZone, calendar: workingCalendar() });
/** The mentor's two passing observations: the day before `start`, and at `start`, when the pass is complete. */
const pass = async () => {
  const verdict = { actorId: 'm1', userId: 't1', checklistId: ITEM.checklistId, item, ratingAsked: true, verdict: 'passed', rating: 5, currentVersions: versions, ...(await rules()) } as const;
  clock.setClock(new Date(start.getTime() - DAY_MS));
  await decideSignoff(store, verdict);
  clock.setClock(start);
  return decideSignoff(store, verdict);
};
const ask = async () => requestSignoff(store, { userId: 't1', ...ITEM, note: '', currentVersions: versions, validity: await validity(), ...(await rules()) });
const inboundCall = async (now: Date) => (await skillsOf(store, publicUser(trainee), now))[0]!.items.find((i) => i.item.id === ITEM.itemId)!;

describeEachStore('passes and confirmations that expire', (kind) => {
  beforeEach(async () => {
    const seed = emptyStore();
    seed.users.push(head, mentor, trainee);
    store = await (await kind.place()).open({ seed: () => seed });
    start = clock.now();
    expiresAt = new Date(validityOf(start.toISOString(), 12, (await siteSettings()).timeZone).expiresAt);
  });
  afterEach(() => clock.setClock(process.env.SALESBOOK_CLOCK!));

  describe('a mentor’s pass that expires', () => {
    it('is passed until it expires, then «expired», is no longer counted as certified, and the trainee may ask again', async () => {
      await pass();
      expect(await inboundCall(at(-1000))).toMatchObject({ state: 'passed' });
      const expired = await inboundCall(at(0));
      expect(expired).toMatchObject({ state: 'expired', validity: { expiresAt: expiresAt.toISOString() } });

      const holders = async (now: Date) => (await departmentCoverage(store, now)).skills.find((s) => s.key === 'trainee-skills/inbound-call')!.people.map((p) => p.id);
      expect(await holders(at(-1000))).toEqual(['t1']);
      expect(await holders(at(0))).toEqual([]);
      expect((await departmentCoverage(store, at(0))).expiring.get('trainee-skills/inbound-call')).toEqual([{ name: 'Алексей Стажёр', stage: 'expired', day: expired.validity!.expiredOn }]);

      // The matrix counts it as not passed and names it; the person page counts it apart.
      const row = (await teamRows(store, publicUser(head), at(0))).find((r) => r.person.id === 't1')!;
      expect(row.skills.passed).toBe(0);
      expect(row.renewals).toEqual([expect.objectContaining({ kind: 'skill', id: 'trainee-skills/inbound-call', stage: 'expired' })]);
      const record = await personRecord(store, publicUser(trainee), at(0));
      expect(record.signoffCounts).toMatchObject({ passed: 0, expired: 1 });
      // Reaching full certification once is what ramp time measures: an expiry does not undo it.
      expect((await personRecord(store, publicUser(trainee), at(-1000))).ramp.done).toBe(record.ramp.done);

      // While the pass holds, asking again is refused and nothing is written; once it has expired, it is not.
      clock.setClock(at(-1000));
      await expect(ask()).rejects.toEqual(new SignoffError('already-passed'));
      expect(await store.read((d) => d.signoffRequests)).toEqual([]);
      clock.setClock(at(60_000));
      const request = await ask();
      expect(await inboundCall(at(120_000))).toMatchObject({ state: 'requested', pending: { id: request.id } });
    });

    it('goes back on the trainee’s path, due by the renewal working days from the day it expired', async () => {
      await pass();
      const before = await myLearningPath(store, publicUser(trainee), at(-1000));
      expect(before.path.items.some((i) => i.kind === 'renewal')).toBe(false);
      expect(before.renewals).toEqual([expect.objectContaining({ kind: 'skill', stage: 'soon' })]);
      const after = await myLearningPath(store, publicUser(trainee), at(0));
      const expiredOn = (await inboundCall(at(0))).validity!.expiredOn;
      expect(after.path.items.find((i) => i.kind === 'renewal')).toMatchObject({ of: 'skill', id: 'trainee-skills/inbound-call', done: false, due: { assigned: expiredOn } });
      expect(after.renewalItems).toEqual([expect.objectContaining({ title: 'Принимает входящий звонок по скрипту', due: expect.objectContaining({ assigned: expiredOn }) })]);
      expect(after.path.total).toBe(before.path.total + 1);
    });
  });

  describe('a confirmation that expires', () => {
    const confirm = async () => acknowledgeDoc(store, { userId: 't1', docId: 'motivation-statute', version: '1.2', currentVersion: '1.2', contentHash: 'hash', validity: await validity() });

    it('puts the document back among those to confirm, with the reason, until the person confirms it again', async () => {
      const first = await confirm();
      expect(first.added).toBe(true);
      const toConfirm = async (now: Date) => (await documentsToConfirm(store, publicUser(trainee), now)).map((d) => `${d.doc.id}:${d.state}`);
      expect(await toConfirm(at(-1000))).not.toContain('motivation-statute:expired');
      expect(await toConfirm(at(0))).toContain('motivation-statute:expired');
      const path = await myLearningPath(store, publicUser(trainee), at(0));
      const expiredOn = path.renewals.find((r) => r.kind === 'doc')!.expiredOn;
      expect(path.path.items.find((i) => i.id === 'motivation-statute')).toMatchObject({ kind: 'doc', done: false, due: { assigned: expiredOn } });
      const sheet = await acknowledgementSheet(store, (await docById('motivation-statute'))!, at(0));
      expect(sheet.lines.find((l) => l.person.id === 't1')!.standing.state).toBe('expired');
      expect(sheet.coverage.expired).toBe(1);

      // Confirming again while it holds changes nothing; once it has expired, it renews it.
      clock.setClock(at(-1000));
      expect(await confirm()).toMatchObject({ added: false, ack: { id: first.ack.id } });
      clock.setClock(at(60_000));
      expect(await confirm()).toMatchObject({ added: true });
      expect(await toConfirm(at(120_000))).not.toContain('motivation-statute:expired');
    });
  });

  describe('telling people their passes expire', () => {
    it('tells the owner once when it expires soon and once when it has expired, in notifications and in the digest', async () => {
      await pass();
      await acknowledgeDoc(store, { userId: 't1', docId: 'motivation-statute', version: '1.2', currentVersion: '1.2', contentHash: 'hash', validity: await validity() });
      const expiryNotes = async () => (await notificationsOf(store, 't1')).filter((n) => n.kind === 'expiry');
      // The server looks on its own clock, as the hourly job does.
      const lookAt = (ms: number) => {
        clock.setClock(at(ms));
        return noticeRenewals(store);
      };
      // Well before the notice days nobody is told.
      expect(await lookAt(-60 * DAY_MS)).toBe(0);
      expect(await lookAt(-10 * DAY_MS)).toBe(2);
      expect(await lookAt(-9 * DAY_MS)).toBe(0);
      expect((await expiryNotes()).map((n) => n.kind === 'expiry' && `${n.itemKind}:${n.stage}`).sort()).toEqual(['doc:soon', 'skill:soon']);
      expect(await lookAt(0)).toBe(2);
      expect(await lookAt(DAY_MS)).toBe(0);
      expect(await store.read((d) => d.renewalNotices.length)).toBe(4);
      // Nobody else hears of the trainee's passes.
      expect((await notificationsOf(store, 'm1')).filter((n) => n.kind === 'expiry')).toEqual([]);

      const skillNotes = (await expiryNotes()).filter((n) => n.kind === 'expiry' && n.itemKind === 'skill');
      const i18n = translator('ru');
      const texts = await Promise.all(skillNotes.map((n) => describeNotification(store, n, i18n)));
      const day = i18n.date(new Date(`${(await inboundCall(at(0))).validity!.validUntil}T00:00:00Z`));
      expect(texts.map((x) => x.text).sort()).toEqual([
        `Зачёт навыка «Принимает входящий звонок по скрипту» истекает через 10 дн.: он действует до ${day}`,
        `Срок зачёта навыка «Принимает входящий звонок по скрипту» истёк (действовал до ${day}): попросите наставника проверить снова`,
      ]);
      expect(texts.every((x) => x.href === '/checklists/trainee-skills/#item-trainee-skills-inbound-call')).toBe(true);

      const digest = await composeDigest(store, 't1', 'https://salesbook.example', at(-3 * DAY_MS));
      expect(digest?.text).toContain('Сроки ваших зачётов и подтверждений');
      expect(digest?.text).toContain('Зачёт навыка «Принимает входящий звонок по скрипту» истекает через 3 дн.');
      expect(digest?.text).toContain('https://salesbook.example/checklists/trainee-skills/#item-trainee-skills-inbound-call');
    });
  });
});
