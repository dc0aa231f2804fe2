import { allDocs, siteSettings } from '../content';
import { dayOf } from '../domain/calendar';
import { escalationKey, escalationsDue, type EscalationPerson } from '../domain/deadlines';
import { reviewReaders, reviewReminderKey, reviewsToRemind } from '../domain/review';
import { notifyIn } from './records/notifications';
import type { Store } from './store/store';
import { teamSummaries } from './views/team-index';
import * as clock from './clock';
import { Periodic } from './periodic';

// Late items reach the people who can act on them: each item late by `deadlines.escalateAfterDays`
// working days is reported once to the person's mentor (or the heads, when there is none) as a
// notification; the heads hear of it later in their digests (mail/compose.ts). What was reported is
// kept in the store with the day of the last check, so a restart neither repeats a report nor checks
// twice in a day, and a server that was down for days reports each late item once. The same daily
// check reminds the people of a document's owner position that its review date is near
// (`deadlines.reviewNoticeDays`) or past, once per review date.

const asPerson = (u: EscalationPerson): EscalationPerson => ({ id: u.id, appRole: u.appRole, mentorId: u.mentorId, disabled: u.disabled });

/**
 * Reports the late items not reported yet and reminds owners of coming reviews, unless the check already
 * ran today; returns how many late items and reviews were new.
 */
export async function escalateOverdue(store: Store, now = clock.now()): Promise<number> {
  const today = dayOf(now);
  if ((await store.read((data) => data.escalationsCheckedOn)) === today) return 0;
  const [summaries, site, docs] = await Promise.all([teamSummaries(store, now), siteSettings(), allDocs()]);
  const reviewed = docs.map((doc) => ({ id: doc.id, status: doc.data.status, owner: doc.data.owner, reviewBy: dayOf(doc.data.reviewBy) }));
  const late = [...summaries.values()].filter((s) => s.overdue.length > 0).map((s) => ({ person: asPerson(s.person), items: s.overdue }));
  return store.mutate((data) => {
    // Worked out again inside the change, against the reports and the people as they are now.
    if (data.escalationsCheckedOn === today) return 0;
    const escalated = new Set(data.escalations.map((e) => escalationKey(e.userId, { kind: e.itemKind, id: e.itemId, due: e.due })));
    const due = escalationsDue(late, data.users.map(asPerson), escalated, site.deadlines);
    const at = now.toISOString();
    // The first check a data file ever has (a new portal, or one just upgraded) only takes note of
    // what is late already: a backlog reaches mentors and heads through their digests' list of late
    // people, not as a flood of notifications on the first morning.
    const firstCheck = data.escalationsCheckedOn === null;
    for (const { userId, item, readers } of due) {
      data.escalations.push({ userId, itemKind: item.kind, itemId: item.id, due: item.due, at });
      if (firstCheck) continue;
      for (const reader of readers) notifyIn(data, { userId: reader, kind: 'overdue', traineeId: userId, itemKind: item.kind, itemId: item.id, due: item.due });
    }
    const reminded = new Set(data.reviewReminders.map((r) => reviewReminderKey(r.docId, r.reviewBy)));
    const reviews = reviewsToRemind(reviewed, reminded, today, site.deadlines.reviewNoticeDays);
    for (const doc of reviews) {
      data.reviewReminders.push({ docId: doc.id, reviewBy: doc.reviewBy, at });
      if (firstCheck) continue;
      for (const reader of reviewReaders(doc.owner, data.users)) notifyIn(data, { userId: reader, kind: 'doc-review', docId: doc.id, reviewBy: doc.reviewBy });
    }
    data.escalationsCheckedOn = today;
    return due.length + reviews.length;
  });
}

/** Looks for late items every hour, and so at most once a day in effect (`escalateOverdue`), from the start on. */
export class EscalationScheduler extends Periodic<number> {
  constructor(store: Store, options: { everyMs?: number; log?: (line: string) => void } = {}) {
    const log = options.log ?? ((line: string) => console.error(line));
    const run = () =>
      escalateOverdue(store).catch((error: Error) => {
        log(`Salesbook: late items could not be reported (${error.message}); the next hour tries again.`);
        return 0;
      });
    super(run, options.everyMs ?? 3_600_000);
  }
}
