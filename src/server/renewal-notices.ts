import { renewalKey, renewalNotices } from '../domain/validity';
import { notifyIn } from './records/notifications';
import type { StoreData } from './store/data';
import type { Store } from './store/store';
import { teamSummaries } from './views/team-index';
import * as clock from './clock';
import { Periodic } from './periodic';

// People hear of their own passes and confirmations that expire (validForMonths): once when one is
// within site.yaml `policies.expiryNoticeDays` of expiring, once more when it has expired, as a
// notification (and by whatever else they receive notifications through). What was told is kept in
// the store, so a restart never tells anyone twice; a new pass, with a later last day, is told afresh.

const toldIn = (data: Pick<StoreData, 'renewalNotices'>) =>
  new Set(data.renewalNotices.map((n) => renewalKey(n.userId, { kind: n.itemKind, id: n.itemId, validUntil: n.validUntil, stage: n.stage })));

/** Tells people of the passes that expire soon or have expired and were not told of yet; returns how many notices went out. */
export async function noticeRenewals(store: Store, now = clock.now()): Promise<number> {
  const summaries = await teamSummaries(store, now);
  const people = [...summaries.values()].filter((s) => !s.person.disabled && s.renewals.length > 0).map((s) => ({ userId: s.person.id, renewals: s.renewals }));
  if (renewalNotices(people, await store.read(toldIn)).length === 0) return 0;
  return store.mutate((data) => {
    // Worked out again inside the change, against what was told by then.
    const due = renewalNotices(people, toldIn(data));
    const at = now.toISOString();
    for (const { userId, renewal } of due) {
      data.renewalNotices.push({ userId, itemKind: renewal.kind, itemId: renewal.id, validUntil: renewal.validUntil, stage: renewal.stage, at });
      notifyIn(data, { userId, kind: 'expiry', itemKind: renewal.kind, itemId: renewal.id, validUntil: renewal.validUntil, stage: renewal.stage });
    }
    return due.length;
  });
}

/** Looks for passes to tell people about every hour, from the start on. */
export class RenewalNoticeScheduler extends Periodic<number> {
  constructor(store: Store, options: { everyMs?: number; log?: (line: string) => void } = {}) {
    const log = options.log ?? ((line: string) => console.error(line));
    const run = () =>
      noticeRenewals(store).catch((error: Error) => {
        log(`Salesbook: people could not be told of their passes that expire (${error.message}); the next hour tries again.`);
        return 0;
      });
    super(run, options.everyMs ?? 3_600_000);
  }
}
