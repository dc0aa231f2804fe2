import { allChecklists, allCourses, allDocs, allQuizzesWithKeys, allRoles, checklistsOnPath, currentDocVersions, productionCalendar, requiredDocsFor, sectionChangesSince, siteSettings, type ChecklistEntry, type CourseEntry, type DocEntry } from '../../content';
import { ackStanding } from '../../domain/acknowledgement';
import { dayOf } from '../../domain/calendar';
import { zonedDay } from '../../domain/digest-schedule';
import type { OverdueItem } from '../../domain/deadlines';
import type { WorkingCalendar } from '../../domain/working-days';
import { servedContentGeneration } from '../../domain/memo';
import { majorSince, owedDocs } from '../../domain/coverage';
import { certifiedAt, trendPoints, versionsAt } from '../../domain/coverage-trend';
import { beforeAfter, portalStartedOn, rampTime, type BeforeAfter } from '../../domain/effectiveness';
import { courseState, lapsedOf, learningPath, pathStart, type CourseState } from '../../domain/learning-path';
import { quizPasses } from '../../domain/quiz-rules';
import { personItemStates, type ItemState, type SectionChangesOf } from '../../domain/signoffs';
import { skillKey } from '../../domain/skill-coverage';
import { renewalsOf, type Renewal } from '../../domain/validity';
import { publicUser, type PublicUser, type StoreData, type StoredUser } from '../store/data';
import type { Store } from '../store/store';
import { checklistOutline, finalQuizValidity, outlineOf } from './learning';

// The team pages show every person's training at once. Working that out person by person through
// the store's per-person reads scans every record once per person, which grows with the square of
// the department. Here each person's figures are worked out from their own records only, and kept
// until those records (or the content, or the day) change: after a change to the data, only the
// people it touched are worked out again. The work goes in slices, so other requests are answered
// in between.

/** One person's training, in figures: what every team page, the analytics, the coverage and the CSV need. */
export interface PersonSummary {
  person: PublicUser;
  docs: { done: number; total: number };
  /** What the person still has to confirm, the longest-owed first. */
  owed: { docId: string; state: 'outdated' | 'unconfirmed' | 'expired'; since: string }[];
  courses: { id: string; state: CourseState; completedAt: string | null }[];
  /** Documents and courses past their due date and not done, the latest first (`itemDue`). */
  overdue: OverdueItem[];
  /**
   * Sign-offs, final quiz passes and confirmations of the person's path that have expired or expire
   * within the notice days (`renewalsOf`), expired first; renewals past their due day are in `path`.
   */
  renewals: Renewal[];
  /** Steps of the path with a state, and how many are done; how many of them (renewals included) are late. */
  path: { done: number; total: number; overdue: number };
  /** The items of the person's checklists that hold a pass, out of how many. */
  skills: { passed: number; total: number };
  ramp: ReturnType<typeof rampTime>;
  /** The latest thing the person did: a confirmation, lesson, quiz, verdict, rating or practice run. */
  lastActivity: string | null;
  /** Skill keys (checklist/item) of every checklist the person holds a current pass in: not due for a recheck, not expired. */
  certified: string[];
  /** The critical items of the person's path's checklists, by skill key, with where the person stands. */
  criticalOnPath: { key: string; state: ItemState }[];
  /** The critical skills the person was certified in at each point of the coverage trend (`trendPoints`). */
  certifiedAt: string[][];
  /** Courses completed, and the sales figures around them. */
  trained: { courseId: string; title: string; completedAt: string; comparison: BeforeAfter }[];
  ratings: { courseId: string; rating: number }[];
  /** Quizzes with a graded attempt, and whether one passed. */
  quizzes: { quizId: string; passed: boolean }[];
  /** Answers by question: how often asked and how often not right. */
  answers: { quizId: string; questionId: string; asked: number; wrong: number }[];
}

/** The content every summary is worked out against, read once per computation. */
interface SummaryContent {
  roles: Map<string, { docs: DocEntry[]; courses: CourseEntry[]; checklists: ChecklistEntry[] }>;
  checklists: { id: string; items: ChecklistEntry['data']['items']; observations: number; retryAfterDays: number; validForMonths: number | undefined }[];
  /** The same checklists with their critical items only, those that have any: what the coverage trend reads. */
  criticalChecklists: { id: string; items: ChecklistEntry['data']['items']; observations: number; retryAfterDays: number; validForMonths: number | undefined }[];
  /** The points of the coverage trend, each with the documents' versions of its time. */
  trend: { before: string; versions: ReadonlyMap<string, string> }[];
  currentVersions: Map<string, string>;
  /** The site's time zone, in which observations' days are counted. */
  timeZone: string;
  /** How documents' sections changed since a version (`sectionChangesSince`), for items tied to sections. */
  sectionChanges: SectionChangesOf;
  courseTitles: Map<string, string>;
  /** The months each quiz's passes hold, for the quizzes that set them. */
  quizMonths: Map<string, number>;
  reackOnMajor: boolean;
  confirmWorkingDays: number;
  renewWorkingDays: number;
  calendar: WorkingCalendar;
  rampTargetDays: number;
  beforeAfterMonths: number;
  expiryNoticeDays: number;
  /** The day the portal's first account was made: people hired before it have no ramp to measure. */
  portalStarted: string;
}

async function summaryContent(positions: ReadonlySet<string>, now: Date, portalStarted: string): Promise<SummaryContent> {
  const [roleEntries, checklists, currentVersions, courses, site, docs, quizzes] = await Promise.all([allRoles(), allChecklists(), currentDocVersions(), allCourses(), siteSettings(), allDocs(), allQuizzesWithKeys()]);
  const histories = docs.map((doc) => ({ id: doc.id, ...doc.data }));
  const roles = new Map<string, { docs: DocEntry[]; courses: CourseEntry[]; checklists: ChecklistEntry[] }>();
  for (const position of positions) {
    const role = roleEntries.find((r) => r.id === position);
    const pathDocs = role?.data.path.docs ?? [];
    const rank = (doc: DocEntry) => (pathDocs.includes(doc.id) ? pathDocs.indexOf(doc.id) : pathDocs.length);
    roles.set(position, {
      docs: [...(await requiredDocsFor(position))].sort((a, b) => rank(a) - rank(b)),
      courses: (role?.data.path.courses ?? []).map((id) => courses.find((c) => c.id === id)).filter((c): c is CourseEntry => c !== undefined),
      checklists: await checklistsOnPath(position),
    });
  }
  return {
    roles,
    checklists: checklists.map((c) => ({ id: c.id, items: c.data.items, observations: c.data.observations, retryAfterDays: c.data.retryAfterDays, validForMonths: c.data.validForMonths })),
    criticalChecklists: checklists
      .map((c) => ({ id: c.id, items: c.data.items.filter((i) => i.critical), observations: c.data.observations, retryAfterDays: c.data.retryAfterDays, validForMonths: c.data.validForMonths }))
      .filter((c) => c.items.length > 0),
    // The month under way is read with the versions served now, as today's coverage is.
    trend: trendPoints(now).map((point) => ({ before: point.before, versions: point.current ? currentVersions : versionsAt(histories, point.before) })),
    currentVersions,
    timeZone: site.timeZone,
    sectionChanges: sectionChangesSince,
    courseTitles: new Map(courses.map((c) => [c.id, c.data.title])),
    // Only the months leave the quizzes' data here; their answer keys are not kept.
    quizMonths: new Map([...quizzes].flatMap(([id, quiz]) => (quiz.validForMonths === undefined ? [] : [[id, quiz.validForMonths] as const]))),
    reackOnMajor: site.policies.reackOnMajor,
    confirmWorkingDays: site.deadlines.confirmWorkingDays,
    renewWorkingDays: site.deadlines.renewWorkingDays,
    calendar: productionCalendar(),
    rampTargetDays: site.policies.rampTargetDays,
    beforeAfterMonths: site.policies.beforeAfterMonths,
    expiryNoticeDays: site.policies.expiryNoticeDays,
    portalStarted,
  };
}

/** A person's own records, picked out of the data. */
type OwnRecords = { [K in 'acknowledgements' | 'lessonCompletions' | 'quizAttempts' | 'signoffs' | 'signoffRequests' | 'courseFeedback' | 'dialogueRuns' | 'kpiRecords']: StoreData[K][number][] };
const COLLECTIONS = ['acknowledgements', 'lessonCompletions', 'quizAttempts', 'signoffs', 'signoffRequests', 'courseFeedback', 'dialogueRuns', 'kpiRecords'] as const;

const latest = (times: Iterable<string | null>) => {
  let last: string | null = null;
  for (const at of times) if (at !== null && (last === null || at > last)) last = at;
  return last;
};

/** One person's summary from their own records: the same rules the person page applies (views/tracker.ts). */
export function summarize(user: StoredUser, records: OwnRecords, content: SummaryContent, now: Date): PersonSummary {
  const role = content.roles.get(user.position) ?? { docs: [], courses: [], checklists: [] };
  const expiry = { now, timeZone: content.timeZone };
  const owed = owedDocs(
    role.docs.map((doc) => ({ id: doc.id, ...doc.data })),
    records.acknowledgements,
    pathStart(user),
    content.reackOnMajor,
    expiry,
  );
  const items = personItemStates({
    userId: user.id,
    checklists: content.checklists,
    requests: records.signoffRequests,
    signoffs: records.signoffs,
    currentVersions: content.currentVersions,
    timeZone: content.timeZone,
    sectionChanges: content.sectionChanges,
    expiry,
  });
  // A skill whose pass expired was signed off all the same: renewing it is a step of its own (`lapsed`).
  const passed = new Set(items.filter((i) => i.state === 'passed' || i.state === 'expired').map((i) => skillKey(i.checklistId, i.item.id)));
  const onPath = new Set(role.checklists.map((c) => c.id));
  const pathItems = items.filter((i) => onPath.has(i.checklistId));
  const standings = new Map(role.docs.map((doc) => [doc.id, ackStanding(doc.data, records.acknowledgements.filter((a) => a.docId === doc.id), content.reackOnMajor, expiry)]));
  const renewals = renewalsOf(
    {
      skills: pathItems,
      quizzes: finalQuizValidity(role.courses, records.quizAttempts, (id) => content.quizMonths.get(id), content.timeZone),
      docs: role.docs.map((doc) => ({ id: doc.id, ...standings.get(doc.id)! })),
    },
    expiry,
    content.expiryNoticeDays,
  );
  const path = learningPath({
    start: pathStart(user),
    today: now.toISOString().slice(0, 10),
    docs: role.docs.map((doc) => {
      const standing = standings.get(doc.id)!;
      return { id: doc.id, done: standing.state === 'confirmed', since: dayOf(majorSince(doc.data)), expiredOn: standing.state === 'expired' ? standing.validity?.expiredOn : undefined };
    }),
    confirmWorkingDays: content.confirmWorkingDays,
    lapsed: lapsedOf(renewals),
    renewWorkingDays: content.renewWorkingDays,
    calendar: content.calendar,
    courses: role.courses.map(outlineOf),
    checklists: role.checklists.map((c) => checklistOutline(c, content.rampTargetDays, passed)),
    completions: records.lessonCompletions,
    quizPasses: quizPasses(records.quizAttempts),
  });
  // Ramp time is the time to the first full certification: a pass that expired since was reached all the same.
  const reached = (state: string) => state === 'passed' || state === 'expired';
  const lastRequired =
    pathItems.length === 0 ? ('none-required' as const) : pathItems.some((i) => !reached(i.state)) ? null : new Date(latest(pathItems.map((i) => i.latest!.at))!);
  const courses = path.items.flatMap((item) => (item.kind === 'course' ? [{ id: item.id, state: courseState(item.progress, item.overdue), completedAt: item.progress.completedAt }] : []));
  const answers = new Map<string, { quizId: string; questionId: string; asked: number; wrong: number }>();
  for (const attempt of records.quizAttempts) {
    for (const result of attempt.results) {
      const key = `${attempt.quizId}/${result.id}`;
      const entry = answers.get(key) ?? { quizId: attempt.quizId, questionId: result.id, asked: 0, wrong: 0 };
      entry.asked += 1;
      if (result.outcome !== 'right') entry.wrong += 1;
      answers.set(key, entry);
    }
  }
  const graded = new Map<string, boolean>();
  for (const attempt of records.quizAttempts) if (attempt.score !== null) graded.set(attempt.quizId, (graded.get(attempt.quizId) ?? false) || attempt.passed === true);
  return {
    person: publicUser(user),
    docs: { done: role.docs.length - owed.length, total: role.docs.length },
    owed: owed.map(({ doc, state, since }) => ({ docId: doc.id, state, since: since.toISOString() })),
    courses: courses.map((c) => ({ id: c.id, state: c.state, completedAt: c.completedAt ?? null })),
    overdue: path.items
      .flatMap((item) => (item.kind !== 'renewal' && item.due.overdue ? [{ kind: item.kind, id: item.id, due: item.due.due, days: item.due.overdueDays, workingDays: item.due.overdueWorkingDays }] : []))
      .sort((a, b) => b.days - a.days),
    renewals,
    path: { done: path.done, total: path.total, overdue: path.overdue },
    skills: { passed: pathItems.filter((i) => i.state === 'passed').length, total: pathItems.length },
    ramp: rampTime(new Date(`${user.hired}T00:00:00Z`), lastRequired, now, content.rampTargetDays, content.portalStarted),
    lastActivity: latest([
      ...records.acknowledgements.map((r) => r.at),
      ...records.lessonCompletions.map((r) => r.at),
      ...records.quizAttempts.map((r) => r.submittedAt),
      ...records.signoffs.map((r) => r.at),
      ...records.courseFeedback.map((r) => r.at),
      ...records.dialogueRuns.map((r) => r.at),
    ]),
    certified: items.filter((i) => i.state === 'passed').map((i) => skillKey(i.checklistId, i.item.id)),
    criticalOnPath: pathItems.filter((i) => i.item.critical).map((i) => ({ key: skillKey(i.checklistId, i.item.id), state: i.state })),
    certifiedAt: certifiedAt({ userId: user.id, checklists: content.criticalChecklists, requests: records.signoffRequests, signoffs: records.signoffs, points: content.trend, timeZone: content.timeZone }),
    trained: courses
      .filter((c) => c.completedAt)
      .map((c) => ({
        courseId: c.id,
        title: content.courseTitles.get(c.id) ?? c.id,
        completedAt: c.completedAt!,
        comparison: beforeAfter(records.kpiRecords, new Date(c.completedAt!), content.beforeAfterMonths),
      })),
    ratings: records.courseFeedback.map((f) => ({ courseId: f.courseId, rating: f.rating })),
    quizzes: [...graded].map(([quizId, passed]) => ({ quizId, passed })),
    answers: [...answers.values()],
  };
}

/** Where each collection stood at the last pass: its records, in order. */
type Seen = Map<string, readonly object[]>;

/**
 * The people whose records changed since the last pass, and everyone there is. Stored records are
 * frozen, and a change puts a new record in place of the one it changes, so a record's identity says
 * whether it changed: comparing each place with the record seen there last time is one cheap pass.
 * Keeping those frozen records between passes exposes nothing a select could not already see.
 */
function changedPeople(data: Readonly<StoreData>, seen: Seen): { changed: Set<string>; everyone: string[]; seen: Seen } {
  const changed = new Set<string>();
  const next: Seen = new Map();
  const compare = <R extends { userId?: string; id?: string }>(name: string, records: readonly R[], owner: (record: R) => string) => {
    const before = (seen.get(name) ?? []) as readonly R[];
    for (let i = 0; i < Math.max(records.length, before.length); i++) {
      const now = records[i];
      const then = before[i];
      if (now === then) continue;
      if (now) changed.add(owner(now));
      if (then) changed.add(owner(then));
    }
    next.set(name, records.slice());
  };
  compare('users', data.users, (u) => u.id);
  for (const name of COLLECTIONS) compare(name, data[name] as readonly { userId: string }[], (r) => r.userId);
  return { changed, everyone: data.users.map((u) => u.id), seen: next };
}

const emptyRecords = (): OwnRecords => ({ acknowledgements: [], lessonCompletions: [], quizAttempts: [], signoffs: [], signoffRequests: [], courseFeedback: [], dialogueRuns: [], kpiRecords: [] });

/** Where each of the given people's records are in the data: positions only, so a select returns little. */
function placesOf(data: Readonly<StoreData>, ids: ReadonlySet<string>): Map<string, Record<(typeof COLLECTIONS)[number], number[]>> {
  const out = new Map<string, Record<(typeof COLLECTIONS)[number], number[]>>();
  for (const id of ids) out.set(id, { acknowledgements: [], lessonCompletions: [], quizAttempts: [], signoffs: [], signoffRequests: [], courseFeedback: [], dialogueRuns: [], kpiRecords: [] });
  for (const name of COLLECTIONS) data[name].forEach((record, i) => out.get(record.userId)?.[name].push(i));
  return out;
}

/**
 * The records of the given people, each person's apart: from the places found earlier, or by a scan
 * of everything when the data moved since (a place that holds someone else's record).
 */
function recordsOf(data: Readonly<StoreData>, ids: ReadonlySet<string>, places?: Map<string, Record<(typeof COLLECTIONS)[number], number[]>>): Map<string, OwnRecords> {
  const out = new Map<string, OwnRecords>();
  for (const id of ids) out.set(id, emptyRecords());
  if (places) {
    let moved = false;
    for (const id of ids) {
      const where = places.get(id);
      if (!where) continue;
      for (const name of COLLECTIONS) {
        for (const i of where[name]) {
          const record = data[name][i];
          if (record?.userId !== id) moved = true;
          else (out.get(id)![name] as (typeof record)[]).push(record);
        }
      }
    }
    if (!moved) return out;
    for (const id of ids) out.set(id, emptyRecords());
  }
  for (const name of COLLECTIONS) {
    for (const record of data[name]) (out.get(record.userId)?.[name] as (typeof record)[] | undefined)?.push(record);
  }
  return out;
}

/** People worked out in one slice, between which other requests are answered. */
const SLICE = 10;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

interface Kept {
  /** Store generation, content served and day the summaries were last brought up to date for. */
  at: string;
  summaries: Map<string, { context: string; summary: PersonSummary }>;
  /** The records as the last pass saw them. */
  seen: Seen;
  working?: { at: string; done: Promise<Map<string, PersonSummary>> };
}

const keptByStore = new WeakMap<Store, Kept>();

/**
 * Every person's summary, by id, as of `now`. Kept per store until its data, the content served or
 * the day changes; then only the people whose records changed are worked out again, a slice at a
 * time. Requests that come while it is worked out share the same work.
 */
export async function teamSummaries(store: Store, now: Date): Promise<Map<string, PersonSummary>> {
  const kept: Kept = keptByStore.get(store) ?? { at: '', summaries: new Map(), seen: new Map() };
  keptByStore.set(store, kept);
  // Due dates turn with the day in UTC, expiry at midnight in the site's time zone: either is a new day.
  const timeZone = (await siteSettings()).timeZone;
  const context = `${servedContentGeneration()}/${now.toISOString().slice(0, 10)}/${zonedDay(now.getTime(), timeZone)}`;
  const at = `${store.generation}/${context}`;
  if (kept.working?.at === at) return kept.working.done;
  // One pass at a time: a pass asked for while another runs starts where that one ends, with only what changed since.
  const previous = kept.working?.done.catch(() => undefined) ?? Promise.resolve(undefined);
  const done = previous.then(() => bringUpToDate(store, kept, context, now));
  kept.working = { at, done };
  done.catch(() => {
    if (kept.working?.done === done) kept.working = undefined;
  });
  return done;
}

async function bringUpToDate(store: Store, kept: Kept, context: string, now: Date): Promise<Map<string, PersonSummary>> {
  // A select runs on the live data and gives back only what it returns: who changed, then
  // summaries, never copies of the records themselves.
  let everyone: string[] = [];
  let positions: string[] = [];
  let portalStarted = '';
  await store.read((data) => {
    const pass = changedPeople(data, kept.seen);
    kept.seen = pass.seen;
    everyone = pass.everyone;
    positions = [...new Set(data.users.map((u) => u.position))];
    portalStarted = portalStartedOn(data.users, dayOf(now));
    for (const id of pass.changed) kept.summaries.delete(id);
    return null;
  });
  // Who has a ramp depends on when the portal started: a summary made before another start is stale.
  const made = `${context}/${portalStarted}`;
  const stale = everyone.filter((id) => kept.summaries.get(id)?.context !== made);
  if (stale.length > 0) {
    const content = await summaryContent(new Set(positions), now, portalStarted);
    // Many people: find their records once, so that each slice reads only its own.
    const places = stale.length > SLICE ? await store.read((data) => placesOf(data, new Set(stale))) : undefined;
    for (let i = 0; i < stale.length; i += SLICE) {
      const slice = new Set(stale.slice(i, i + SLICE));
      const summaries = await store.read((data) => {
        const records = recordsOf(data, slice, places);
        return data.users.filter((u) => slice.has(u.id)).map((u) => summarize(u, records.get(u.id)!, content, now));
      });
      for (const summary of summaries) kept.summaries.set(summary.person.id, { context: made, summary });
      await nextTurn();
    }
  }
  const present = new Set(everyone);
  for (const id of kept.summaries.keys()) if (!present.has(id)) kept.summaries.delete(id);
  return new Map(everyone.flatMap((id) => {
    const known = kept.summaries.get(id);
    return known ? [[id, known.summary] as const] : [];
  }));
}
