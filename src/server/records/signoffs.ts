import { randomUUID } from 'node:crypto';
import { itemDocIds, itemStatus, requestRefusal, sameDayPass, verdictProblem, type ItemExpiry, type ItemLike, type SectionChangesOf, type SectionRecheck, type SignoffRules, type Verdict, type VerdictProblem } from '../../domain/signoffs';
import { zonedDay } from '../../domain/digest-schedule';
import type { WorkingCalendar } from '../../domain/working-days';
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
  constructor(
    readonly code: 'not-found' | 'forbidden' | 'already-requested' | 'already-passed' | 'retry-wait' | 'same-day' | 'same-day-pass' | VerdictProblem,
    /** For a refusal that passes with time: the first day (`YYYY-MM-DD`, site's time zone) it is taken. */
    readonly from?: string,
  ) {
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

/** What the rules of an item need to know besides its records: the item's settings and the site's days. */
interface ItemRulesInput {
  /** How the item is signed off (`signoffRules`). */
  rules: SignoffRules;
  /** The site's time zone: the days of observations and of "today". */
  timeZone: string;
  /** How long the item's passes hold (`itemValidMonths`) and the site's time zone: a pass that has expired no longer stops a request. */
  validity?: { months: number | undefined; timeZone: string };
}

function statusIn(data: StoreData, userId: string, checklistId: string, itemId: string, currentVersions: ReadonlyMap<string, string>, input: ItemRulesInput, sections?: SectionRecheck) {
  const mine = (r: { userId: string; checklistId: string; itemId: string }) => r.userId === userId && r.checklistId === checklistId && r.itemId === itemId;
  const expiry: ItemExpiry | undefined = input.validity && { ...input.validity, now: clock.now() };
  return itemStatus(data.signoffRequests.filter(mine), data.signoffs.filter(mine), currentVersions, { required: input.rules.observations, timeZone: input.timeZone }, sections, expiry);
}

export interface RequestInput extends ItemRulesInput {
  userId: string;
  checklistId: string;
  itemId: string;
  note: string;
  currentVersions: ReadonlyMap<string, string>;
  /** The production calendar the wait after "needs work" is counted by. */
  calendar: Pick<WorkingCalendar, 'addWorkingDays'>;
  /** The item's document links and how the documents' sections changed: a pass on unchanged sections holds. */
  links?: readonly string[];
  sectionChanges?: SectionChangesOf;
}

/**
 * A person asks for a sign-off of one item: not while a request waits, nor while a pass holds, nor
 * before the wait after "needs work" is over, nor on the day of an observation that counted.
 */
export async function requestSignoff(store: Store, input: RequestInput, audit?: AuditOf<SignoffRequest>): Promise<SignoffRequest> {
  return store.mutate((data) => {
    const person = data.users.find((u) => u.id === input.userId);
    if (!person || person.disabled) throw new SignoffError('not-found');
    const status = statusIn(data, person.id, input.checklistId, input.itemId, input.currentVersions, input, input.sectionChanges && { links: input.links ?? [], sectionChanges: input.sectionChanges });
    const today = zonedDay(clock.nowMs(), input.timeZone);
    const refusal = requestRefusal(status, { today, timeZone: input.timeZone, retryAfterDays: input.rules.retryAfterDays, calendar: input.calendar });
    if (refusal) throw new SignoffError(refusal.reason, 'from' in refusal ? refusal.from : undefined);
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

export interface DecideInput extends ItemRulesInput {
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
 * A pass on the day of an observation that counted, while the item needs more, is refused: observations
 * are on different days. Earlier verdicts stay as they are.
 */
export async function decideSignoff(store: Store, input: DecideInput, audit?: AuditOf<Signoff>): Promise<Signoff> {
  return store.mutate((data) => {
    const person = data.users.find((u) => u.id === input.userId);
    if (!person || person.disabled) throw new SignoffError('not-found');
    const actor = data.users.find((u) => u.id === input.actorId);
    if (!can(actor, 'signoff.decide', person)) throw new SignoffError('forbidden');
    const problem = verdictProblem(input, input.ratingAsked);
    if (problem) throw new SignoffError(problem);
    const { pending, observations } = statusIn(data, person.id, input.checklistId, input.item.id, input.currentVersions, input);
    const nextDay = input.verdict === 'passed' ? sameDayPass(observations, zonedDay(clock.nowMs(), input.timeZone)) : null;
    if (nextDay) throw new SignoffError('same-day-pass', nextDay);
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
