import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fixtureSite } from '../fixture-site';
import { tempDir } from '../temp';
import { TEST_AUDIT_KEY, storedPerson } from '../store-files';
import { DAY_MS, HOUR_MS, addDays } from '../../src/domain/calendar';
import { digestSlotToSend, latestDigestSlot, zonedDay, zonedInstant } from '../../src/domain/digest-schedule';
import * as clock from '../../src/server/clock';
import { saveDeliveryPrefs } from '../../src/server/records/notifications';
import { DigestScheduler, OUTBOX_KEEP_MS } from '../../src/server/mail/scheduler';
import { emptyStore, type StoredUser } from '../../src/server/store/data';
import { openStore, type Store } from '../../src/server/store/store';

// Every instant here is worked out from the suite's clock, so the tests hold on any date.
const suiteNow = () => Date.parse(process.env.SALESBOOK_CLOCK!);
const MOSCOW = 'Europe/Moscow';
const YEKATERINBURG = 'Asia/Yekaterinburg';

describe('when a digest is due', () => {
  it('a wall-clock time in the company’s zone is its instant in UTC', () => {
    expect(new Date(zonedInstant('2026-11-18', '09:00', MOSCOW)).toISOString()).toBe('2026-11-18T06:00:00.000Z');
    expect(new Date(zonedInstant('2026-11-18', '09:00', YEKATERINBURG)).toISOString()).toBe('2026-11-18T04:00:00.000Z');
    // Where summer time is kept, the offset of that day counts.
    expect(new Date(zonedInstant('2026-07-01', '09:00', 'Europe/Berlin')).toISOString()).toBe('2026-07-01T07:00:00.000Z');
    expect(new Date(zonedInstant('2026-12-01', '09:00', 'Europe/Berlin')).toISOString()).toBe('2026-12-01T08:00:00.000Z');
    expect(zonedDay(Date.parse('2026-11-18T22:30:00Z'), MOSCOW)).toBe('2026-11-19');
  });

  it('daily: today’s time once it has come, yesterday’s before', () => {
    const today = zonedDay(suiteNow(), MOSCOW);
    const nine = zonedInstant(today, '09:00', MOSCOW);
    const daily = { digest: 'daily' as const, digestTime: '09:00', digestWeekday: 1 };
    expect(latestDigestSlot(daily, nine, MOSCOW)).toBe(nine);
    expect(latestDigestSlot(daily, nine + HOUR_MS, MOSCOW)).toBe(nine);
    expect(latestDigestSlot(daily, nine - 60_000, MOSCOW)).toBe(zonedInstant(addDays(today, -1), '09:00', MOSCOW));
    expect(latestDigestSlot({ ...daily, digest: 'off' }, nine, MOSCOW)).toBeUndefined();
  });

  it('weekly: the latest chosen weekday at the chosen time', () => {
    const now = suiteNow();
    for (let weekday = 1; weekday <= 7; weekday++) {
      const slot = latestDigestSlot({ digest: 'weekly', digestTime: '18:30', digestWeekday: weekday }, now, MOSCOW)!;
      expect(slot).toBeLessThanOrEqual(now);
      expect(now - slot).toBeLessThan(7 * DAY_MS);
      const day = zonedDay(slot, MOSCOW);
      expect(new Date(`${day}T00:00:00Z`).getUTCDay() || 7).toBe(weekday);
      expect(slot).toBe(zonedInstant(day, '18:30', MOSCOW));
    }
  });

  it('a slot is sent once, and not when it came before the person chose', () => {
    const choice = { digest: 'daily' as const, digestTime: '09:00', digestWeekday: 1 };
    const today = zonedDay(suiteNow(), MOSCOW);
    const nine = zonedInstant(today, '09:00', MOSCOW);
    expect(digestSlotToSend(choice, nine + 1, MOSCOW, undefined, null)).toBe(nine);
    expect(digestSlotToSend(choice, nine + 1, MOSCOW, new Date(nine).toISOString(), null)).toBeUndefined();
    expect(digestSlotToSend(choice, nine + HOUR_MS, MOSCOW, undefined, new Date(nine + 1).toISOString())).toBeUndefined();
    expect(digestSlotToSend(choice, nine + DAY_MS, MOSCOW, undefined, new Date(nine + 1).toISOString())).toBe(nine + DAY_MS);
  });
});

const person = (id: string, disabled = false): StoredUser => storedPerson(id, { id, disabled, hired: '2026-01-12', createdAt: '2026-01-12T06:00:00.000Z' });

describe('the digest scheduler', () => {
  let dir: string;
  let store: Store;
  const open = () =>
    openStore({ path: join(dir, 'salesbook.json'), lockPath: join(dir, 'salesbook.json.lock'), backupsDir: join(dir, 'backups'), auditKey: TEST_AUDIT_KEY, seed: () => ({ ...emptyStore(), users: [person('anna'), person('boris'), person('vera'), person('gone', true)] }) });
  const digests = () => store.read((data) => data.outbox.filter((m) => m.kind === 'digest').map((m) => `${m.userId} ${m.slot}`));
  // Digests come at their time in the fixture site's time zone.
  const zone = fixtureSite.timeZone;
  const today = () => zonedDay(suiteNow(), zone);
  const at = (day: string, time: string) => zonedInstant(day, time, zone);

  beforeAll(() => {
    vi.stubEnv('SALESBOOK_CONTENT', 'test/fixtures/content');
  });
  beforeEach(async () => {
    dir = tempDir('salesbook-scheduler-');
    store = await open();
    // Everyone chose the evening before.
    clock.setClock(at(addDays(today(), -1), '20:00'));
    await saveDeliveryPrefs(store, 'anna', { email: 'anna@example.ru', digest: 'daily', digestTime: '09:00' });
    await saveDeliveryPrefs(store, 'boris', { email: 'boris@example.ru', digest: 'off' });
    await saveDeliveryPrefs(store, 'vera', { email: null, digest: 'daily', digestTime: '09:00' });
    await saveDeliveryPrefs(store, 'gone', { email: 'gone@example.ru', digest: 'daily', digestTime: '09:00' });
  });
  afterEach(async () => {
    await store.close();
    clock.setClock(process.env.SALESBOOK_CLOCK!);
  });

  it('queues a digest at its time, for those who have an address and want one, once', async () => {
    const scheduler = new DigestScheduler(store);
    clock.setClock(at(today(), '08:59'));
    expect(await scheduler.runDue()).toBe(0);
    clock.setClock(at(today(), '09:00'));
    expect(await scheduler.runDue()).toBe(1);
    expect(await digests()).toEqual([`anna ${new Date(at(today(), '09:00')).toISOString()}`]);
    clock.setClock(at(today(), '09:01'));
    expect(await scheduler.runDue()).toBe(0);
    expect(await store.read((d) => d.digestSlots)).toEqual({ anna: new Date(at(today(), '09:00')).toISOString() });
  });

  it('does not send twice after a restart', async () => {
    clock.setClock(at(today(), '09:00'));
    expect(await new DigestScheduler(store).runDue()).toBe(1);
    await store.close();
    store = await open();
    clock.setClock(at(today(), '09:05'));
    expect(await new DigestScheduler(store).runDue()).toBe(0);
    expect(await digests()).toHaveLength(1);
  });

  it('after two days down, catches up with one digest, not two', async () => {
    clock.setClock(at(today(), '09:00'));
    await new DigestScheduler(store).runDue();
    await store.close();
    // Down from just after the digest until the afternoon two days later.
    clock.setClock(at(addDays(today(), 2), '15:00'));
    store = await open();
    expect(await new DigestScheduler(store).runDue()).toBe(1);
    expect(await digests()).toEqual([
      `anna ${new Date(at(today(), '09:00')).toISOString()}`,
      `anna ${new Date(at(addDays(today(), 2), '09:00')).toISOString()}`,
    ]);
    clock.setClock(at(addDays(today(), 3), '09:00'));
    expect(await new DigestScheduler(store).runDue()).toBe(1);
  });

  it('a weekly digest comes on its day only', async () => {
    const weekday = new Date(`${today()}T00:00:00Z`).getUTCDay() || 7;
    await saveDeliveryPrefs(store, 'anna', { digest: 'weekly', digestWeekday: weekday, digestTime: '10:00' });
    const scheduler = new DigestScheduler(store);
    clock.setClock(at(today(), '10:00'));
    expect(await scheduler.runDue()).toBe(1);
    for (let day = 1; day < 7; day++) {
      clock.setClock(at(addDays(today(), day), '10:00'));
      expect(await scheduler.runDue()).toBe(0);
    }
    clock.setClock(at(addDays(today(), 7), '10:00'));
    expect(await scheduler.runDue()).toBe(1);
  });

  it('keeps the record of what went out for three months', async () => {
    clock.setClock(at(today(), '09:00'));
    await new DigestScheduler(store).runDue();
    await store.mutate((data) => {
      data.outbox[0] = { ...data.outbox[0]!, sentAt: clock.now().toISOString(), attempts: 1 };
    });
    clock.setClock(clock.nowMs() + OUTBOX_KEEP_MS - HOUR_MS);
    await new DigestScheduler(store).runDue();
    expect((await store.read((d) => d.outbox)).some((m) => m.sentAt !== null)).toBe(true);
    clock.setClock(clock.nowMs() + 2 * HOUR_MS);
    await new DigestScheduler(store).runDue();
    expect((await store.read((d) => d.outbox)).some((m) => m.sentAt !== null)).toBe(false);
  });
});
