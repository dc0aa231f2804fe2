import { ackStanding, asksToConfirm, outstandingDocs, type AckDoc, type AckState } from './acknowledgement';
import { isReviewOverdue } from './review';
import type { ExpiryClock, Validity } from './validity';
import { compareVersions, parseVersion } from './versions';

/** A person as coverage needs them. */
export interface AudiencePerson {
  id: string;
  position: string;
  /** Hiring date, `YYYY-MM-DD`. */
  hired: string;
  disabled: boolean;
}

/** A confirmation as coverage needs it. */
export interface AckRecord {
  userId: string;
  docId: string;
  version: string;
  /** ISO time. */
  at: string;
}

/**
 * The people a document asks to confirm it — its path roles and, when it requires confirmation,
 * its audience — whatever the document's status, so that an archived document's sheet still shows
 * who read it. Disabled accounts are left out.
 */
export function docAudience<P extends AudiencePerson>(doc: AckDoc, people: readonly P[], pathDocsOf: (position: string) => readonly string[]): P[] {
  return people.filter((person) => !person.disabled && asksToConfirm(doc, person.position, pathDocsOf(person.position)));
}

/** Where one person stands with one document, the latest version they confirmed, and until when that holds. */
export interface Standing {
  state: AckState;
  latest?: { version: string; at: string };
  /** For a document whose confirmations expire: when the one that counts stops (or stopped) holding. */
  validity?: Validity;
}

/**
 * A person's standing with a document from their confirmations (of any document; others are ignored).
 * With `clock`, a confirmation of a document with `validForMonths` expires (`ackStanding`).
 */
export function standingOf(
  doc: Pick<AckDoc, 'id' | 'version' | 'validForMonths'>,
  acks: readonly Omit<AckRecord, 'userId'>[],
  reackOnMajor = true,
  clock?: ExpiryClock,
): Standing {
  const mine = acks.filter((a) => a.docId === doc.id).sort((a, b) => compareVersions(a.version, b.version) || a.at.localeCompare(b.at));
  const latest = mine.at(-1);
  const { state, validity } = ackStanding(doc, mine, reackOnMajor, clock);
  return {
    state,
    ...(latest && { latest: { version: latest.version, at: latest.at } }),
    ...(validity && { validity }),
  };
}

/** How many of a document's audience confirmed its current major version, and still hold that confirmation. */
export interface Coverage {
  audience: number;
  confirmed: number;
  /** Confirmed an earlier major version and must read again. */
  outdated: number;
  /** Confirmed the current major version longer ago than the document's `validForMonths`, and must confirm again. */
  expired: number;
  unconfirmed: number;
  /** confirmed / audience, 0 to 1; null when nobody is asked. */
  share: number | null;
}

export function docCoverage(
  doc: Pick<AckDoc, 'id' | 'version' | 'validForMonths'>,
  audience: readonly { id: string }[],
  acks: readonly AckRecord[],
  reackOnMajor = true,
  clock?: ExpiryClock,
): Coverage {
  const counts = { confirmed: 0, outdated: 0, expired: 0, unconfirmed: 0 };
  for (const person of audience) counts[standingOf(doc, acks.filter((a) => a.userId === person.id), reackOnMajor, clock).state]++;
  return { audience: audience.length, ...counts, share: audience.length === 0 ? null : counts.confirmed / audience.length };
}

/** A document with what the content health page needs. */
export interface HealthRow {
  status: AckDoc['status'];
  reviewBy: Date;
  title: string;
  coverage: Coverage;
}

/**
 * Orders the content health page: active documents past their review date first, then the other
 * active documents by review date, soonest first; then drafts; archived documents last.
 */
export function byReviewUrgency(today: Date) {
  const rank = (row: Pick<HealthRow, 'status' | 'reviewBy'>) =>
    row.status === 'archived' ? 3 : row.status === 'draft' ? 2 : isReviewOverdue(row.reviewBy, today) ? 0 : 1;
  return (a: Pick<HealthRow, 'status' | 'reviewBy' | 'title'>, b: Pick<HealthRow, 'status' | 'reviewBy' | 'title'>) =>
    rank(a) - rank(b) || a.reviewBy.getTime() - b.reviewBy.getTime() || a.title.localeCompare(b.title, 'ru');
}

/** The figures at the top of the content health page. Coverage counts active documents only. */
export function healthTotals(rows: readonly HealthRow[], today: Date) {
  const active = rows.filter((r) => r.status === 'active');
  const sum = (pick: (c: Coverage) => number) => active.reduce((total, r) => total + pick(r.coverage), 0);
  const asked = sum((c) => c.audience);
  const confirmed = sum((c) => c.confirmed);
  return {
    active: active.length,
    drafts: rows.filter((r) => r.status === 'draft').length,
    archived: rows.filter((r) => r.status === 'archived').length,
    overdue: active.filter((r) => isReviewOverdue(r.reviewBy, today)).length,
    /** Person-document pairs that must be confirmed. */
    asked,
    confirmed,
    outdated: sum((c) => c.outdated),
    expired: sum((c) => c.expired),
    unconfirmed: sum((c) => c.unconfirmed),
    /** Documents where someone has not confirmed the current major version. */
    incomplete: active.filter((r) => r.coverage.confirmed < r.coverage.audience).length,
    share: asked === 0 ? null : confirmed / asked,
  };
}

/** A document's dates as the outstanding list needs them. */
export interface DatedDoc extends AckDoc {
  effective: Date;
  changes: readonly { version: string; date: Date }[];
}

/**
 * When the document's current major version took effect: the earliest change-log date of that major
 * version, or the document's effective date when the log says nothing earlier.
 */
export function majorSince(doc: Pick<DatedDoc, 'version' | 'effective' | 'changes'>): Date {
  const major = parseVersion(doc.version).major;
  const dates = doc.changes.filter((c) => parseVersion(c.version).major === major).map((c) => c.date.getTime());
  return new Date(Math.min(doc.effective.getTime(), ...dates));
}

/** A document someone still has to confirm, and since when they have owed it. */
export interface Owed<D> {
  doc: D;
  state: Exclude<AckState, 'confirmed'>;
  since: Date;
}

/**
 * When a person's obligation to confirm a document began: the day its current major version took
 * effect (`majorSince`), the day their path began (`pathStart`) if that came later, and for an expired
 * confirmation the day it expired if that came later still.
 */
export function owedSince(doc: Pick<DatedDoc, 'version' | 'effective' | 'changes'>, start: string, validity: Pick<Validity, 'expiredOn'> | null): Date {
  const days = [majorSince(doc).getTime(), Date.parse(`${start}T00:00:00Z`), validity ? Date.parse(`${validity.expiredOn}T00:00:00Z`) : 0];
  return new Date(Math.max(...days));
}

/**
 * What a person still has to confirm, the longest-owed first (`owedSince`). With `clock`, a
 * confirmation that has expired is owed again.
 */
export function owedDocs<D extends DatedDoc>(
  required: readonly D[],
  acks: readonly Omit<AckRecord, 'userId'>[],
  start: string,
  reackOnMajor = true,
  clock?: ExpiryClock,
): Owed<D>[] {
  return outstandingDocs(required, acks, reackOnMajor, clock)
    .map(({ doc, state, validity }) => ({ doc, state, since: owedSince(doc, start, state === 'expired' ? validity : null) }))
    .sort((a, b) => a.since.getTime() - b.since.getTime());
}
