import { parseDocLink } from './doc-links';
import { parseVersion } from './versions';
import { DAY_MS } from './calendar';
import { hasExpired, itemValidMonths, validityOf, type ExpiryClock, type Validity } from './validity';

// Where a person stands with each practical skill, from the requests and verdicts kept for it.
// Pure: the store, the content and the clock are the caller's.

/** What a mentor decided about one observed skill. */
export type Verdict = 'passed' | 'needs-work';

/**
 * The state of one checklist item for one person:
 * - `not-requested`: nobody has judged it and no request waits;
 * - `requested`: a request waits for a mentor (whatever was decided before);
 * - `passed`: the latest verdict is a pass, judged against the documents' current major versions;
 * - `needs-work`: the latest verdict asks for more practice;
 * - `recheck`: the latest verdict is a pass, but a related document has had a new major version since;
 * - `expired`: the latest verdict is a pass, but the months it holds (`validForMonths`) have run out.
 */
export type ItemState = 'not-requested' | 'requested' | 'passed' | 'needs-work' | 'recheck' | 'expired';

/** A request as the rules need it. */
export interface RequestLike {
  id: string;
  userId: string;
  checklistId: string;
  itemId: string;
  at: string;
}

/** A verdict as the rules need it. */
export interface SignoffLike {
  userId: string;
  checklistId: string;
  itemId: string;
  verdict: Verdict;
  at: string;
  /** The versions of the item's documents the verdict was judged against, by document id. */
  docVersions: Readonly<Record<string, string>>;
  /** The request the verdict answered. */
  requestId: string | null;
}

/** A checklist item as the rules need it: its documents are links, `doc-id` or `doc-id#section`. */
export interface ItemLike {
  id: string;
  docs: readonly string[];
  /** Months a pass holds; the checklist's when absent. */
  validForMonths?: number | undefined;
}

export interface ChecklistLike<I extends ItemLike = ItemLike> {
  id: string;
  items: readonly I[];
  /** Months a pass of its items holds, for items that set none. */
  validForMonths?: number | undefined;
}

/** What deciding expiry needs: the months a pass holds (undefined: for good), the moment and the site's time zone. */
export type ItemExpiry = ExpiryClock & { months: number | undefined };

/** The document a link such as `crm-entry#deal-stages` points to. */
export const linkedDocId = (link: string): string => parseDocLink(link).docId;

/** The distinct documents an item is judged against, in the order the item lists them. */
export function itemDocIds(item: ItemLike): string[] {
  return [...new Set(item.docs.map(linkedDocId))];
}

/**
 * The documents that have had a new major version since a verdict was judged against them.
 * A document the verdict did not record, or that no longer exists, does not count.
 */
export function outdatedDocs(judged: Readonly<Record<string, string>>, current: ReadonlyMap<string, string>): string[] {
  return Object.entries(judged)
    .filter(([docId, version]) => {
      const now = current.get(docId);
      return now !== undefined && parseVersion(now).major > parseVersion(version).major;
    })
    .map(([docId]) => docId);
}

const byTime = <T extends { at: string }>(records: readonly T[]): T[] =>
  // A stable sort keeps the order of entries written in the same millisecond.
  [...records].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));

/** Where one person stands with one item. */
export interface ItemStatus<R extends RequestLike = RequestLike, S extends SignoffLike = SignoffLike> {
  state: ItemState;
  /** The request waiting for a mentor, if any. */
  pending: R | undefined;
  /** The latest verdict, if any. */
  latest: S | undefined;
  /** Every verdict, newest first. */
  history: S[];
  /** For a pass: the documents with a new major version since; empty otherwise. */
  outdated: string[];
  /** When the newest pass stops holding, for an item whose passes expire; null otherwise. */
  validity: Validity | null;
}

/**
 * One item's state from its own records (one person, one item; any order). A request waits while no
 * verdict answered it and none came after it; the latest verdict decides everything else. With
 * `expiry`, a pass older than the item's months is `expired`.
 */
export function itemStatus<R extends RequestLike, S extends SignoffLike>(
  requests: readonly R[],
  signoffs: readonly S[],
  currentVersions: ReadonlyMap<string, string>,
  expiry?: ItemExpiry,
): ItemStatus<R, S> {
  const verdicts = byTime(signoffs);
  const latest = verdicts.at(-1);
  const answered = new Set(verdicts.map((s) => s.requestId).filter((id) => id !== null));
  const lastRequest = byTime(requests).at(-1);
  const pending = lastRequest && !answered.has(lastRequest.id) && (!latest || lastRequest.at >= latest.at) ? lastRequest : undefined;
  const outdated = latest?.verdict === 'passed' ? outdatedDocs(latest.docVersions, currentVersions) : [];
  const lastPass = verdicts.findLast((s) => s.verdict === 'passed');
  const validity = lastPass && expiry?.months !== undefined ? validityOf(lastPass.at, expiry.months, expiry.timeZone) : null;
  const state: ItemState = pending
    ? 'requested'
    : !latest
      ? 'not-requested'
      : latest.verdict === 'needs-work'
        ? 'needs-work'
        : outdated.length > 0
          ? 'recheck'
          : validity && expiry && hasExpired(validity, expiry.now)
            ? 'expired'
            : 'passed';
  return { state, pending, latest, history: verdicts.reverse(), outdated, validity };
}

/** Whether a person may ask for a sign-off of an item in this state: not while one waits or a pass holds (an expired one does not). */
export const canRequest = (state: ItemState): boolean => state !== 'requested' && state !== 'passed';

/** What is missing from a verdict before it can be kept. */
export type VerdictProblem = 'comment-required' | 'rating-required';

/**
 * Whether a verdict is complete: "needs work" always says why, and where the checklist asks for a
 * rating, every verdict carries one from 1 to 5.
 */
export function verdictProblem(input: { verdict: Verdict; rating?: number | null; comment?: string }, ratingAsked: boolean): VerdictProblem | null {
  if (input.verdict === 'needs-work' && !input.comment?.trim()) return 'comment-required';
  if (ratingAsked && (input.rating == null || !Number.isInteger(input.rating) || input.rating < 1 || input.rating > 5)) return 'rating-required';
  return null;
}

/** One item of one checklist, with where the person stands. */
export interface PersonItem<I extends ItemLike, R extends RequestLike, S extends SignoffLike> extends ItemStatus<R, S> {
  checklistId: string;
  item: I;
}

const sameItem = (checklistId: string, itemId: string) => (record: { checklistId: string; itemId: string }) =>
  record.checklistId === checklistId && record.itemId === itemId;

/**
 * For one person, every item of the given checklists (their learning path's) with its current state,
 * in checklist and item order. Records of other people, or of items no longer in the content, are ignored.
 * This is the one place that says whether a skill is certified: a later coverage report counts `passed`
 * (never `recheck` or `expired`) per skill. With `expiry`, each item's passes hold the months it or its
 * checklist sets (`validForMonths`).
 */
export function personItemStates<I extends ItemLike, R extends RequestLike, S extends SignoffLike>(input: {
  userId: string;
  checklists: readonly ChecklistLike<I>[];
  requests: readonly R[];
  signoffs: readonly S[];
  currentVersions: ReadonlyMap<string, string>;
  expiry?: ExpiryClock;
}): PersonItem<I, R, S>[] {
  const requests = input.requests.filter((r) => r.userId === input.userId);
  const signoffs = input.signoffs.filter((s) => s.userId === input.userId);
  return input.checklists.flatMap((checklist) =>
    checklist.items.map((item) => {
      const mine = sameItem(checklist.id, item.id);
      const expiry = input.expiry && { ...input.expiry, months: itemValidMonths(item, checklist) };
      return { checklistId: checklist.id, item, ...itemStatus(requests.filter(mine), signoffs.filter(mine), input.currentVersions, expiry) };
    }),
  );
}

/** How many items hold a pass, out of how many. */
export function passedCount(items: readonly { state: ItemState }[]): { passed: number; total: number } {
  return { passed: items.filter((i) => i.state === 'passed').length, total: items.length };
}

/** A person as the queue needs them. */
export interface QueuePerson {
  id: string;
  mentorId: string | null;
  disabled: boolean;
}

/**
 * The waiting requests of active people, oldest first, each with its person. `pending` is the list of
 * waiting requests (see `itemStatus`); requests of people not in `people` are left out.
 */
export function waitingRequests<R extends RequestLike, P extends QueuePerson>(pending: readonly R[], people: readonly P[]): { request: R; person: P }[] {
  const byId = new Map(people.map((p) => [p.id, p]));
  return byTime(pending)
    .map((request) => ({ request, person: byId.get(request.userId) }))
    .filter((row): row is { request: R; person: P } => row.person !== undefined && !row.person.disabled);
}

/**
 * A mentor's queue: the waiting requests of the people whose mentor is `mentorId` now, oldest first.
 * Requests belong to the person, so reassigning their mentor moves the requests with them.
 */
export function queueOf<R extends RequestLike, P extends QueuePerson>(pending: readonly R[], people: readonly P[], mentorId: string): { request: R; person: P }[] {
  return waitingRequests(pending, people).filter((row) => row.person.mentorId === mentorId);
}

/** How long a mentor's comment on a pass stays new on the person's My path, in days. */
export const RECENT_COMMENT_DAYS = 14;

/**
 * What a person should read from their mentor on My path, newest first: every item whose latest verdict
 * asks for more work (until they ask again), and any other item whose latest verdict carries a comment
 * given in the last `days` days before `now`.
 */
export function mentorNotes<I extends ItemLike, R extends RequestLike, S extends SignoffLike & { comment: string }>(
  items: readonly PersonItem<I, R, S>[],
  now: Date,
  days = RECENT_COMMENT_DAYS,
): (PersonItem<I, R, S> & { latest: S })[] {
  const since = new Date(now.getTime() - days * DAY_MS).toISOString();
  return items
    .filter((entry): entry is PersonItem<I, R, S> & { latest: S } => {
      if (!entry.latest) return false;
      if (entry.state === 'needs-work') return true;
      return (entry.state === 'passed' || entry.state === 'recheck') && entry.latest.comment.trim() !== '' && entry.latest.at >= since;
    })
    .sort((a, b) => (a.latest.at < b.latest.at ? 1 : a.latest.at > b.latest.at ? -1 : 0));
}
