import { randomUUID } from 'node:crypto';
import { canRequest, itemDocIds, itemStatus, verdictProblem, type ItemExpiry, type ItemLike, type Verdict, type VerdictProblem } from '../../domain/signoffs';
import { can } from '../../domain/permissions';
import type { Signoff, SignoffRequest, StoreData } from '../store/data';
import type { Store } from '../store/store';
import type { AuditOf } from '../store/audit';
import * as clock from '../clock';
import { notifyIn, requestReadersIn } from './notifications';

// Requests and verdicts in the store. Every rule is checked inside the change itself, against the
// data as it is at that moment: a mentor reassigned a millisecond earlier can no longer sign off.
// The same change tells the mentor of a request and the person of a verdict.

export class SignoffError extends Error {
  constructor(readonly code: 'not-found' | 'forbidden' | 'already-requested' | 'already-passed' | VerdictProblem) {
    super(code);
  }
}

/** The requests and verdicts of one person, oldest first. */
export async function signoffRecordsOf(store: Store, userId: string): Promise<{ requests: SignoffRequest[]; signoffs: Signoff[] }> {
  return store.read((data) => ({
    requests: data.signoffRequests.filter((r) => r.userId === userId),
    signoffs: data.signoffs.filter((s) => s.userId === userId),
  }));
}

/** The requests and verdicts of everyone, for queues. */
export async function allSignoffRecords(store: Store): Promise<{ requests: SignoffRequest[]; signoffs: Signoff[] }> {
  return store.read((data) => ({ requests: data.signoffRequests, signoffs: data.signoffs }));
}

function statusIn(data: StoreData, userId: string, checklistId: string, itemId: string, currentVersions: ReadonlyMap<string, string>, expiry?: ItemExpiry) {
  const mine = (r: { userId: string; checklistId: string; itemId: string }) => r.userId === userId && r.checklistId === checklistId && r.itemId === itemId;
  return itemStatus(data.signoffRequests.filter(mine), data.signoffs.filter(mine), currentVersions, expiry);
}

export interface RequestInput {
  userId: string;
  checklistId: string;
  itemId: string;
  note: string;
  currentVersions: ReadonlyMap<string, string>;
  /** How long the item's passes hold (`itemValidMonths`) and the site's time zone: a pass that has expired no longer stops a request. */
  validity?: { months: number | undefined; timeZone: string };
}

/** A person asks for a sign-off of one item: not while a request waits, nor while a pass holds (an expired one does not). */
export async function requestSignoff(store: Store, input: RequestInput, audit?: AuditOf<SignoffRequest>): Promise<SignoffRequest> {
  return store.mutate((data) => {
    const person = data.users.find((u) => u.id === input.userId);
    if (!person || person.disabled) throw new SignoffError('not-found');
    const expiry = input.validity && { ...input.validity, now: clock.now() };
    const { state } = statusIn(data, person.id, input.checklistId, input.itemId, input.currentVersions, expiry);
    if (!canRequest(state)) throw new SignoffError(state === 'requested' ? 'already-requested' : 'already-passed');
    const request: SignoffRequest = {
      id: randomUUID(),
      userId: person.id,
      checklistId: input.checklistId,
      itemId: input.itemId,
      note: input.note,
      at: clock.now().toISOString(),
    };
    data.signoffRequests.push(request);
    for (const userId of requestReadersIn(data, person.id)) {
      notifyIn(data, { userId, kind: 'signoff-request', requestId: request.id, traineeId: person.id, checklistId: request.checklistId, itemId: request.itemId });
    }
    return request;
  }, audit);
}

export interface DecideInput {
  /** Who judges: their current record decides whether they may. */
  actorId: string;
  userId: string;
  checklistId: string;
  item: ItemLike;
  /** Whether the checklist asks for a rating. */
  ratingAsked: boolean;
  verdict: Verdict;
  rating?: number | null;
  comment?: string;
  currentVersions: ReadonlyMap<string, string>;
}

/**
 * Records a verdict: only the person's mentor now, or a head, and never on oneself. It keeps who judged,
 * when, and the versions of the item's documents at that moment, and answers the waiting request if any.
 * Earlier verdicts stay as they are.
 */
export async function decideSignoff(store: Store, input: DecideInput, audit?: AuditOf<Signoff>): Promise<Signoff> {
  return store.mutate((data) => {
    const person = data.users.find((u) => u.id === input.userId);
    if (!person || person.disabled) throw new SignoffError('not-found');
    const actor = data.users.find((u) => u.id === input.actorId);
    if (!can(actor, 'signoff.decide', person)) throw new SignoffError('forbidden');
    const problem = verdictProblem(input, input.ratingAsked);
    if (problem) throw new SignoffError(problem);
    const { pending } = statusIn(data, person.id, input.checklistId, input.item.id, input.currentVersions);
    const docVersions = Object.fromEntries(
      itemDocIds(input.item).flatMap((docId) => {
        const version = input.currentVersions.get(docId);
        return version === undefined ? [] : [[docId, version]];
      }),
    );
    const signoff: Signoff = {
      id: randomUUID(),
      userId: person.id,
      checklistId: input.checklistId,
      itemId: input.item.id,
      verdict: input.verdict,
      rating: input.ratingAsked ? (input.rating ?? null) : null,
      comment: input.comment?.trim() ?? '',
      signedBy: actor!.id,
      at: clock.now().toISOString(),
      docVersions,
      requestId: pending?.id ?? null,
    };
    data.signoffs.push(signoff);
    notifyIn(data, { userId: person.id, kind: 'signoff-verdict', signoffId: signoff.id, checklistId: signoff.checklistId, itemId: signoff.itemId, verdict: signoff.verdict, actorId: signoff.signedBy });
    return signoff;
  }, audit);
}
