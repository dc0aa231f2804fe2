import { parseDocLink } from './doc-links';
import { sectionReopening, type SectionComparison, type SectionReopening } from './section-changes';
import { parseVersion } from './versions';
import { addDays, DAY_MS } from './calendar';
import { zonedDay } from './digest-schedule';
import type { WorkingCalendar } from './working-days';
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
 * - `partly-observed`: the latest verdict is a pass, but fewer days with a pass than the item's
 *   `observations` since the latest "needs work";
 * - `needs-work`: the latest verdict asks for more practice;
 * - `recheck`: the latest verdict is a pass, but a related document has had a new major version since
 *   (for an item tied to sections of it, one that changed those sections: `recheckCauses`);
 * - `expired`: the latest verdict is a pass, but the months it holds (`validForMonths`) have run out.
 */
export type ItemState = 'not-requested' | 'requested' | 'passed' | 'partly-observed' | 'needs-work' | 'recheck' | 'expired';

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

/** How an item is signed off: the checklist's settings, or the item's own in their place. */
export interface SignoffRules {
  /** Passing observations on different days before the item is passed. */
  observations: number;
  /** Working days after "needs work" before the person may ask again; 0: at once. */
  retryAfterDays: number;
}

/** A checklist item as the rules need it: its documents are links, `doc-id` or `doc-id#section`. */
export interface ItemLike extends Partial<SignoffRules> {
  id: string;
  docs: readonly string[];
  /** Months a pass holds; the checklist's when absent. */
  validForMonths?: number | undefined;
}

export interface ChecklistLike<I extends ItemLike = ItemLike> extends Partial<SignoffRules> {
  id: string;
  items: readonly I[];
  /** Months a pass of its items holds, for items that set none. */
  validForMonths?: number | undefined;
}

/** An item's rules: its own settings, else its checklist's, else one observation and no wait. */
export const signoffRules = (checklist: Partial<SignoffRules>, item: Partial<SignoffRules>): SignoffRules => ({
  observations: item.observations ?? checklist.observations ?? 1,
  retryAfterDays: item.retryAfterDays ?? checklist.retryAfterDays ?? 0,
});

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

/**
 * How the sections of a document changed from a version a verdict was judged against to its current
 * version; undefined when the text of that version is not kept.
 */
export type SectionChangesOf = (docId: string, judgedVersion: string) => SectionComparison | undefined;

/** Why a pass must be judged again. */
export interface RecheckCause {
  docId: string;
  /** The document's version now. */
  version: string;
  /**
   * The section whose change reopened the item. Absent when the item is judged against the whole
   * document, or when the judged version's text is not kept: then any new major version reopens it.
   */
  section?: SectionReopening;
}

/**
 * Why a pass judged against `judged` versions must be judged again now. A document with a new major
 * version reopens an item that links it whole; an item that links only sections of it (`doc#anchor`)
 * is reopened by those sections alone, when one of them changed, was renamed or removed, or was not
 * there when the verdict was given. Without `sectionChanges`, or without the judged version's text,
 * every new major version reopens the item, section links or not.
 */
export function recheckCauses(
  links: readonly string[],
  judged: Readonly<Record<string, string>>,
  current: ReadonlyMap<string, string>,
  sectionChanges?: SectionChangesOf,
): RecheckCause[] {
  return outdatedDocs(judged, current).flatMap((docId): RecheckCause[] => {
    const version = current.get(docId)!;
    const whole = [{ docId, version }];
    const anchors = links.map(parseDocLink).filter((link) => link.docId === docId);
    if (!sectionChanges || anchors.length === 0 || anchors.some((link) => link.section === undefined)) return whole;
    const comparison = sectionChanges(docId, judged[docId]!);
    if (!comparison) return whole;
    return [...new Set(anchors.map((link) => link.section!))].flatMap((anchor) => {
      const section = sectionReopening(comparison, anchor);
      return section ? [{ docId, version, section }] : [];
    });
  });
}

const byTime = <T extends { at: string }>(records: readonly T[]): T[] =>
  // A stable sort keeps the order of entries written in the same millisecond.
  [...records].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));

/** How far an item is towards its pass, in days with a passing verdict. */
export interface Observations {
  /** Days with a pass since the latest "needs work" (or since the first verdict), in the site's time zone. */
  done: number;
  /** Days with a pass the item needs. */
  required: number;
  /** The latest of those days, `YYYY-MM-DD`; null with none. */
  lastDay: string | null;
}

/** How many observations an item needs, and the time zone its days are counted in. */
export interface ObservationRule {
  required: number;
  timeZone: string;
}

/**
 * The observations in a history (oldest first): a "needs work" starts the count again, and passes on
 * the same day, in the site's time zone, count once.
 */
export function observationsOf(verdicts: readonly SignoffLike[], rule: ObservationRule): Observations {
  const since = verdicts.findLastIndex((s) => s.verdict === 'needs-work');
  const days = verdicts.slice(since + 1).map((s) => zonedDay(Date.parse(s.at), rule.timeZone));
  return { done: new Set(days).size, required: rule.required, lastDay: days.at(-1) ?? null };
}

/** Where one person stands with one item. */
export interface ItemStatus<R extends RequestLike = RequestLike, S extends SignoffLike = SignoffLike> {
  state: ItemState;
  /** The request waiting for a mentor, if any. */
  pending: R | undefined;
  /** The latest verdict, if any. */
  latest: S | undefined;
  /** Every verdict, newest first. */
  history: S[];
  /** For a pass: the documents that reopened it (see `recheck`); empty otherwise. */
  outdated: string[];
  /** The passing observations counted towards the pass. */
  observations: Observations;
  /** For a pass: why it must be judged again, document by document and section by section; empty otherwise. */
  recheck: RecheckCause[];
  /** When the newest pass stops holding, for an item whose passes expire; null otherwise. */
  validity: Validity | null;
}

/** What deciding a recheck by section needs: the item's links, and how the documents' sections changed. */
export interface SectionRecheck {
  links: readonly string[];
  sectionChanges: SectionChangesOf;
}

/**
 * One item's state from its own records (one person, one item; any order). A request waits while no
 * verdict answered it and none came after it; the latest verdict decides everything else, and a pass
 * holds once the item has its `rule.required` days with a pass (one, unless the checklist says more).
 * Without `sections`, a pass is reopened by any new major version of its documents (`recheckCauses`).
 * With `expiry`, a pass older than the item's months is `expired`.
 */
export function itemStatus<R extends RequestLike, S extends SignoffLike>(
  requests: readonly R[],
  signoffs: readonly S[],
  currentVersions: ReadonlyMap<string, string>,
  rule: ObservationRule = { required: 1, timeZone: 'UTC' },
  sections?: SectionRecheck,
  expiry?: ItemExpiry,
): ItemStatus<R, S> {
  const verdicts = byTime(signoffs);
  const latest = verdicts.at(-1);
  const answered = new Set(verdicts.map((s) => s.requestId).filter((id) => id !== null));
  const lastRequest = byTime(requests).at(-1);
  const pending = lastRequest && !answered.has(lastRequest.id) && (!latest || lastRequest.at >= latest.at) ? lastRequest : undefined;
  const recheck = latest?.verdict === 'passed' ? recheckCauses(sections?.links ?? [], latest.docVersions, currentVersions, sections?.sectionChanges) : [];
  const outdated = [...new Set(recheck.map((cause) => cause.docId))];
  const observations = observationsOf(verdicts, rule);
  const lastPass = verdicts.findLast((s) => s.verdict === 'passed');
  const validity = lastPass && expiry?.months !== undefined ? validityOf(lastPass.at, expiry.months, expiry.timeZone) : null;
  const state: ItemState = pending
    ? 'requested'
    : !latest
      ? 'not-requested'
      : latest.verdict === 'needs-work'
        ? 'needs-work'
        : observations.done < observations.required
          ? 'partly-observed'
          : outdated.length > 0
            ? 'recheck'
            : validity && expiry && hasExpired(validity, expiry.now)
              ? 'expired'
              : 'passed';
  return { state, pending, latest, history: verdicts.reverse(), outdated, observations, recheck, validity };
}

/**
 * Why a request would be refused now. `retry-wait` and `same-day` pass with time: `from` is the first
 * day (`YYYY-MM-DD`, site's time zone) a request is taken.
 */
export type RequestRefusal = { reason: 'already-requested' | 'already-passed' } | { reason: 'retry-wait' | 'same-day'; from: string };

/** What deciding on a request needs besides the item's state. */
export interface RequestContext {
  /** Today in the site's time zone, `YYYY-MM-DD`. */
  today: string;
  timeZone: string;
  retryAfterDays: number;
  calendar: Pick<WorkingCalendar, 'addWorkingDays'>;
}

/**
 * Whether a person may ask for a sign-off now, or why not: not while one waits or a pass holds; after
 * "needs work" not before `retryAfterDays` working days have passed (from the day that many working
 * days after the verdict's day); between observations not on the day of the latest pass.
 */
export function requestRefusal(status: Pick<ItemStatus, 'state' | 'latest' | 'observations'>, context: RequestContext): RequestRefusal | null {
  if (status.state === 'requested') return { reason: 'already-requested' };
  if (status.state === 'passed') return { reason: 'already-passed' };
  if (status.state === 'needs-work' && status.latest && context.retryAfterDays > 0) {
    const from = context.calendar.addWorkingDays(zonedDay(Date.parse(status.latest.at), context.timeZone), context.retryAfterDays);
    if (context.today < from) return { reason: 'retry-wait', from };
  }
  if (status.state === 'partly-observed' && status.observations.lastDay !== null) {
    const from = addDays(status.observations.lastDay, 1);
    if (context.today < from) return { reason: 'same-day', from };
  }
  return null;
}

/**
 * Whether a pass given `today` would count as another observation: not when the item still needs
 * observations and one was passed today already. Returns the first day the next pass counts, or null
 * when nothing stands in the way. A "needs work" is never held back.
 */
export function sameDayPass(observations: Observations, today: string): string | null {
  const counting = observations.done > 0 && observations.done < observations.required;
  return counting && observations.lastDay === today ? addDays(today, 1) : null;
}

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
  /** How the item is signed off (`signoffRules`). */
  rules: SignoffRules;
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
  /** The site's time zone, in which observations' days are counted. */
  timeZone: string;
  /** How the documents' sections changed, to reopen items tied to sections by those sections alone. */
  sectionChanges?: SectionChangesOf;
  /** The moment and the site's time zone, to tell a pass whose months have run out. */
  expiry?: ExpiryClock;
}): PersonItem<I, R, S>[] {
  const requests = input.requests.filter((r) => r.userId === input.userId);
  const signoffs = input.signoffs.filter((s) => s.userId === input.userId);
  return input.checklists.flatMap((checklist) =>
    checklist.items.map((item) => {
      const mine = sameItem(checklist.id, item.id);
      const rules = signoffRules(checklist, item);
      const sections = input.sectionChanges && { links: item.docs, sectionChanges: input.sectionChanges };
      const expiry = input.expiry && { ...input.expiry, months: itemValidMonths(item, checklist) };
      const status = itemStatus(requests.filter(mine), signoffs.filter(mine), input.currentVersions, { required: rules.observations, timeZone: input.timeZone }, sections, expiry);
      return { checklistId: checklist.id, item, rules, ...status };
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
export function mentorNotes<S extends SignoffLike & { comment: string }, E extends PersonItem<ItemLike, RequestLike, S>>(
  items: readonly E[],
  now: Date,
  days = RECENT_COMMENT_DAYS,
): (E & { latest: S })[] {
  const since = new Date(now.getTime() - days * DAY_MS).toISOString();
  return items
    .filter((entry): entry is E & { latest: S } => {
      if (!entry.latest) return false;
      if (entry.state === 'needs-work') return true;
      const passing = entry.state === 'passed' || entry.state === 'partly-observed' || entry.state === 'recheck';
      return passing && entry.latest.comment.trim() !== '' && entry.latest.at >= since;
    })
    .sort((a, b) => (a.latest.at < b.latest.at ? 1 : a.latest.at > b.latest.at ? -1 : 0));
}
