import { siteSettings } from '../../content';
import { DAY_MS } from '../../domain/calendar';
import { digestSlotToSend } from '../../domain/digest-schedule';
import { deliveryPrefsIn } from '../records/notifications';
import { queueMailIn } from '../records/outbox';
import type { Store } from '../store/store';
import * as clock from '../clock';
import { Periodic } from '../periodic';

// The scheduler inside the server process: once a minute it queues the digests whose time has come.
// The slot handled is recorded with the queued message in one store change, so a restart never sends
// a digest twice, and only each person's latest slot counts, so days of downtime send one digest.

/** Sent and given-up messages are kept this long as the record of what went out, then removed. */
export const OUTBOX_KEEP_MS = 90 * DAY_MS;

/** Queues every digest due at this moment on Salesbook's clock, and trims the record of what went out; returns how many. */
async function queueDueDigests(store: Store, log: (line: string) => void): Promise<number> {
  try {
    const { timeZone } = await siteSettings();
    return await store.mutate((data) => {
      const now = clock.nowMs();
      let queued = 0;
      for (const person of data.users) {
        if (person.disabled) continue;
        const prefs = deliveryPrefsIn(data, person.id);
        if (!prefs.email) continue;
        const slot = digestSlotToSend(prefs, now, timeZone, data.digestSlots[person.id], prefs.updatedAt);
        if (slot === undefined) continue;
        const at = new Date(slot).toISOString();
        queueMailIn(data, { userId: person.id, kind: 'digest', slot: at });
        data.digestSlots = { ...data.digestSlots, [person.id]: at };
        queued += 1;
      }
      // The record of what went out is kept for three months.
      const kept = data.outbox.filter((m) => (m.sentAt === null && m.gaveUpAt === null) || Date.parse(m.sentAt ?? m.gaveUpAt!) > now - OUTBOX_KEEP_MS);
      if (kept.length !== data.outbox.length) data.outbox = kept;
      return queued;
    });
  } catch (error) {
    log(`Salesbook: the digests due could not be queued (${(error as Error).message}); the next minute tries again.`);
    return 0;
  }
}

/** Queues what is due now (catching up after downtime), then again every minute until stopped. */
export class DigestScheduler extends Periodic<number> {
  constructor(store: Store, options: { everyMs?: number; log?: (line: string) => void } = {}) {
    const log = options.log ?? ((line: string) => console.error(line));
    super(() => queueDueDigests(store, log), options.everyMs ?? 60_000);
  }
}
