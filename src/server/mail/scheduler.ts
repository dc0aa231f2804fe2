import { siteSettings } from '../../content';
import { DAY_MS } from '../../domain/calendar';
import { digestSlotToSend } from '../../domain/digest-schedule';
import { deliveryPrefsIn } from '../records/notifications';
import { queueMailIn } from '../records/outbox';
import type { Store } from '../store/store';
import * as clock from '../clock';

// The scheduler inside the server process: once a minute it queues the digests whose time has come.
// The slot handled is recorded with the queued message in one store change, so a restart never sends
// a digest twice, and only each person's latest slot counts, so days of downtime send one digest.

/** Sent and given-up messages are kept this long as the record of what went out, then removed. */
export const OUTBOX_KEEP_MS = 90 * DAY_MS;

export class DigestScheduler {
  readonly #store: Store;
  readonly #everyMs: number;
  readonly #log: (line: string) => void;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<number> | undefined;

  constructor(store: Store, options: { everyMs?: number; log?: (line: string) => void } = {}) {
    this.#store = store;
    this.#everyMs = options.everyMs ?? 60_000;
    this.#log = options.log ?? ((line) => console.error(line));
  }

  /** Queues what is due now (catching up after downtime), then again every minute until stopped. */
  start(): void {
    void this.runDue();
    this.#timer ??= setInterval(() => void this.runDue(), this.#everyMs);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }

  /** Queues every digest due at this moment on Salesbook's clock; returns how many. */
  runDue(): Promise<number> {
    this.#running ??= this.#runDue().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async #runDue(): Promise<number> {
    try {
      const { timeZone } = await siteSettings();
      return await this.#store.mutate((data) => {
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
      this.#log(`Salesbook: the digests due could not be queued (${(error as Error).message}); the next minute tries again.`);
      return 0;
    }
  }
}
