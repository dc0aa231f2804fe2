import { compareVersions, parseVersion } from './versions';
import { hasExpired, validityOf, type ExpiryClock, type Validity } from './validity';

/**
 * Where a person stands with one document: `expired` when they confirmed its current major version,
 * but longer ago than the document's `validForMonths`.
 */
export type AckState = 'confirmed' | 'outdated' | 'unconfirmed' | 'expired';

/**
 * A person's state for a document at `current` version, from the versions they confirmed.
 * With re-acknowledgement on major versions (the default), a confirmation of an earlier major
 * version no longer counts; a new minor version never asks again. Time is not looked at here:
 * `ackStanding` adds expiry.
 */
export function ackState(current: string, confirmed: readonly string[], reackOnMajor = true): Exclude<AckState, 'expired'> {
  if (confirmed.length === 0) return 'unconfirmed';
  if (!reackOnMajor) return 'confirmed';
  const latest = [...confirmed].sort(compareVersions).at(-1)!;
  return parseVersion(latest).major >= parseVersion(current).major ? 'confirmed' : 'outdated';
}

/** A confirmation as the rules need it: the version confirmed and when. */
export interface Confirmation {
  version: string;
  /** ISO instant. */
  at: string;
}

/** Where a person stands with a document, and until when the confirmation that counts holds (null: for good). */
export interface AckStanding {
  state: AckState;
  validity: Validity | null;
}

/**
 * A person's state for a document from their confirmations of it, with expiry: for a document with
 * `validForMonths`, the latest confirmation that counts (of the current major version, or of any with
 * `reackOnMajor` off) holds that many months (src/domain/validity.ts); after, the state is `expired`
 * and the person confirms again. Without `clock`, confirmations never expire.
 */
export function ackStanding(
  doc: { version: string; validForMonths?: number | undefined },
  confirmations: readonly Confirmation[],
  reackOnMajor = true,
  clock?: ExpiryClock,
): AckStanding {
  const state = ackState(doc.version, confirmations.map((c) => c.version), reackOnMajor);
  if (state !== 'confirmed' || doc.validForMonths === undefined || !clock) return { state, validity: null };
  const major = parseVersion(doc.version).major;
  const counting = confirmations.filter((c) => !reackOnMajor || parseVersion(c.version).major >= major);
  const latestAt = counting.reduce((latest, c) => (c.at > latest ? c.at : latest), counting[0]!.at);
  const validity = validityOf(latestAt, doc.validForMonths, clock.timeZone);
  return { state: hasExpired(validity, clock.now) ? 'expired' : 'confirmed', validity };
}

/** A document as the rules need it. */
export interface AckDoc {
  id: string;
  version: string;
  status: 'draft' | 'active' | 'archived';
  requiresAck: boolean;
  audience: 'all' | readonly string[];
  /** Months a confirmation of it holds; absent: until a new major version. */
  validForMonths?: number | undefined;
}

/**
 * Whether a document addresses a person in `position` as someone who must confirm it, whatever its
 * status: it is on the position's learning path, or it requires confirmation from its audience.
 */
export function asksToConfirm(doc: AckDoc, position: string, pathDocs: readonly string[]): boolean {
  return pathDocs.includes(doc.id) || (doc.requiresAck && (doc.audience === 'all' || doc.audience.includes(position)));
}

/**
 * The documents a person in `position` must confirm: active documents that require confirmation
 * from their audience, plus the documents on the position's learning path. Archived and draft
 * documents never ask.
 */
export function requiredDocs<D extends AckDoc>(docs: readonly D[], position: string, pathDocs: readonly string[]): D[] {
  return docs.filter((doc) => doc.status === 'active' && asksToConfirm(doc, position, pathDocs));
}

/**
 * Documents in the order to read them, as My path lists them and offers the next one: the path's own
 * documents in the path's order, then the others in the order given.
 */
export function inReadingOrder<D extends { id: string }>(docs: readonly D[], pathDocs: readonly string[]): D[] {
  const rank = (doc: D) => (pathDocs.includes(doc.id) ? pathDocs.indexOf(doc.id) : pathDocs.length);
  // A stable sort keeps the given order among the documents outside the path.
  return [...docs].sort((a, b) => rank(a) - rank(b));
}

/** A document the person still has to confirm, why, and for an expired confirmation, when it stopped holding. */
export interface Outstanding<D> {
  doc: D;
  state: Exclude<AckState, 'confirmed'>;
  validity: Validity | null;
}

/**
 * The required documents the person has not confirmed in their current major version, or whose
 * confirmation has expired (with `clock`, see `ackStanding`), in the given order.
 */
export function outstandingDocs<D extends AckDoc>(
  required: readonly D[],
  acks: readonly ({ docId: string } & Confirmation)[],
  reackOnMajor = true,
  clock?: ExpiryClock,
): Outstanding<D>[] {
  const out: Outstanding<D>[] = [];
  for (const doc of required) {
    const { state, validity } = ackStanding(doc, acks.filter((a) => a.docId === doc.id), reackOnMajor, clock);
    if (state !== 'confirmed') out.push({ doc, state, validity });
  }
  return out;
}
