import { compareVersions, parseVersion } from './versions';

/** Where a person stands with one document. */
export type AckState = 'confirmed' | 'outdated' | 'unconfirmed';

/**
 * A person's state for a document at `current` version, from the versions they confirmed.
 * With re-acknowledgement on major versions (the default), a confirmation of an earlier major
 * version no longer counts; a new minor version never asks again.
 */
export function ackState(current: string, confirmed: readonly string[], reackOnMajor = true): AckState {
  if (confirmed.length === 0) return 'unconfirmed';
  if (!reackOnMajor) return 'confirmed';
  const latest = [...confirmed].sort(compareVersions).at(-1)!;
  return parseVersion(latest).major >= parseVersion(current).major ? 'confirmed' : 'outdated';
}

/** A document as the rules need it. */
export interface AckDoc {
  id: string;
  version: string;
  status: 'draft' | 'active' | 'archived';
  requiresAck: boolean;
  audience: 'all' | readonly string[];
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

/** The required documents the person has not confirmed in their current major version, in the given order. */
export function outstandingDocs<D extends AckDoc>(
  required: readonly D[],
  acks: readonly { docId: string; version: string }[],
  reackOnMajor = true,
): { doc: D; state: Exclude<AckState, 'confirmed'> }[] {
  const out: { doc: D; state: Exclude<AckState, 'confirmed'> }[] = [];
  for (const doc of required) {
    const state = ackState(doc.version, acks.filter((a) => a.docId === doc.id).map((a) => a.version), reackOnMajor);
    if (state !== 'confirmed') out.push({ doc, state });
  }
  return out;
}
