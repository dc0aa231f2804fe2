import { addDays, addMonths, daysBetween, startOfDay } from './calendar';
import { zonedDay, zonedInstant } from './digest-schedule';

// How long a pass or a confirmation holds when the content gives it `validForMonths` (a checklist
// item or its checklist, a quiz, a document), counted by calendar months in the site's time zone:
//
// - the day of the pass is the calendar day its instant falls on in the site's time zone;
// - it holds through the same day of the month `months` later, or through that month's last day when
//   the month is shorter (passed on 31 January, one month: through 28 February, 29 in a leap year);
// - it expires at the end of that day: from midnight in the site's time zone it no longer counts.
//
// A pass made at 01:00 on 1 February in Yekaterinburg is a 1 February pass, though it is still
// 31 January in UTC. Renewing opens once it has expired; `expiryNoticeDays` before, people are told.

/** When a pass or confirmation stops holding. */
export interface Validity {
  /** The last day it holds, `YYYY-MM-DD`, in the site's time zone. */
  validUntil: string;
  /** The day it no longer holds, the day after `validUntil`: an expired item is assigned again on it. */
  expiredOn: string;
  /** The instant it stops holding: midnight at the start of `expiredOn` in the site's time zone. */
  expiresAt: string;
}

/** The moment and the site's time zone, as every rule about expiry needs them. */
export interface ExpiryClock {
  now: Date;
  timeZone: string;
}

/** How long a pass or confirmation made at `at` (an ISO instant) holds, when it holds `months` months. */
export function validityOf(at: string, months: number, timeZone: string): Validity {
  const validUntil = addMonths(zonedDay(Date.parse(at), timeZone), months);
  const expiredOn = addDays(validUntil, 1);
  return { validUntil, expiredOn, expiresAt: new Date(zonedInstant(expiredOn, '00:00', timeZone)).toISOString() };
}

/** Whether it has stopped holding at `now`. */
export function hasExpired(validity: Pick<Validity, 'expiresAt'>, now: Date): boolean {
  return now.getTime() >= Date.parse(validity.expiresAt);
}

/**
 * Days from today (in the site's time zone) to the day it no longer holds: 1 on its last day, 30 a
 * month before; 0 or less once it has expired.
 */
export function daysLeft(validity: Pick<Validity, 'expiredOn'>, clock: ExpiryClock): number {
  const today = zonedDay(clock.now.getTime(), clock.timeZone);
  return daysBetween(new Date(startOfDay(today)), new Date(startOfDay(validity.expiredOn)));
}

/** Where a pass with a validity stands: holding, expiring within the notice days, or expired. */
export type ExpiryStage = 'valid' | 'soon' | 'expired';

/** The stage of a validity at the clock's moment; `noticeDays` is site.yaml `policies.expiryNoticeDays`. */
export function expiryStage(validity: Validity, clock: ExpiryClock, noticeDays: number): ExpiryStage {
  if (hasExpired(validity, clock.now)) return 'expired';
  return daysLeft(validity, clock) <= noticeDays ? 'soon' : 'valid';
}

/** How many months a checklist item's pass holds: the item's own setting, else its checklist's; undefined for good. */
export function itemValidMonths(item: { validForMonths?: number | undefined }, checklist: { validForMonths?: number | undefined }): number | undefined {
  return item.validForMonths ?? checklist.validForMonths;
}

/** A pass or confirmation of a person's that expires soon or has expired, as My path, the digest and notifications name it. */
export interface Renewal {
  kind: 'skill' | 'quiz' | 'doc';
  /** The document or quiz id, or `checklist/item` for a skill. */
  id: string;
  validUntil: string;
  expiredOn: string;
  stage: Exclude<ExpiryStage, 'valid'>;
}

/** The key a notice about a renewal is remembered by: a new pass (a later `validUntil`) is told about afresh. */
export const renewalKey = (userId: string, renewal: Pick<Renewal, 'kind' | 'id' | 'validUntil' | 'stage'>) =>
  `${userId}/${renewal.kind}/${renewal.id}/${renewal.validUntil}/${renewal.stage}`;

/**
 * The renewals to tell people about now: each stage of each pass once (a person told "expires soon" is
 * told again when it has expired), never what `told` already holds. A pass that expired without the
 * "soon" notice having gone out (the notice days were shorter then, or the server was down) gets only
 * the "expired" one.
 */
export function renewalNotices<R extends Pick<Renewal, 'kind' | 'id' | 'validUntil' | 'stage'>>(
  people: readonly { userId: string; renewals: readonly R[] }[],
  told: ReadonlySet<string>,
): { userId: string; renewal: R }[] {
  return people.flatMap(({ userId, renewals }) => renewals.filter((r) => !told.has(renewalKey(userId, r))).map((renewal) => ({ userId, renewal })));
}

/**
 * What a person has to renew, or soon will, expired first and then the soonest to expire: their
 * sign-offs (`validity` of the latest pass; one that expires soon only while it is a plain pass, not
 * one already waiting for a recheck or a new verdict), the passes of their quizzes, and their
 * confirmations of documents (one that expires soon only while it is confirmed). Anything without a
 * validity holds for good and is left out.
 */
export function renewalsOf(
  held: {
    skills: readonly { checklistId: string; item: { id: string }; state: string; validity: Validity | null }[];
    quizzes: readonly { id: string; validity: Validity | null }[];
    docs: readonly { id: string; state: string; validity: Validity | null }[];
  },
  clock: ExpiryClock,
  noticeDays: number,
): Renewal[] {
  const all = [
    ...held.skills.map((s) => ({ kind: 'skill' as const, id: `${s.checklistId}/${s.item.id}`, validity: s.validity, current: s.state === 'passed' })),
    ...held.quizzes.map((q) => ({ kind: 'quiz' as const, id: q.id, validity: q.validity, current: true })),
    ...held.docs.map((d) => ({ kind: 'doc' as const, id: d.id, validity: d.validity, current: d.state === 'confirmed' })),
  ];
  const renewals: Renewal[] = [];
  for (const { kind, id, validity, current } of all) {
    if (!validity) continue;
    const stage = expiryStage(validity, clock, noticeDays);
    if (stage === 'expired' || (stage === 'soon' && current)) renewals.push({ kind, id, validUntil: validity.validUntil, expiredOn: validity.expiredOn, stage });
  }
  const rank = (r: Renewal) => (r.stage === 'expired' ? 0 : 1);
  return renewals.sort((a, b) => rank(a) - rank(b) || a.validUntil.localeCompare(b.validUntil));
}
