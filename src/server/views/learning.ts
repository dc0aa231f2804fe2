import { allCourses, checklistsOnPath, courseWithLessons, lessonSlug, productionCalendar, quizGates, quizWithKey, requiredDocsFor, roleById, siteSettings, type ChecklistEntry, type CourseEntry, type DocEntry } from '../../content';
import { ackStanding } from '../../domain/acknowledgement';
import { majorSince } from '../../domain/coverage';
import { dayOf } from '../../domain/calendar';
import { courseProgress, courseTargetDate, lapsedOf, learningPath, pathStart, quizLock, type CourseOutline, type CourseProgress, type LearningPath, type PathChecklist, type QuizLock } from '../../domain/learning-path';
import { skillKey } from '../../domain/skill-coverage';
import { passValidity, quizPasses, type AttemptTimes } from '../../domain/quiz-rules';
import { renewalsOf, type ExpiryClock, type Renewal, type Validity } from '../../domain/validity';
import { acknowledgementsOf } from '../records/acknowledgements';
import { completionsOf } from '../records/lessons';
import { quizAttemptsOf } from '../records/quizzes';
import { skillsOf, type SkillChecklist } from './skills';
import type { ItemDue } from '../../domain/deadlines';
import type { PublicUser } from '../store/data';
import type { Store } from '../store/store';
import * as clock from '../clock';

// A person's learning path and course progress: content and store put together for the pure
// logic in src/domain/learning-path.ts.

export const outlineOf = (course: CourseEntry): CourseOutline => ({
  id: course.id,
  targetDays: course.data.targetDays,
  lessons: course.data.lessons,
  ...(course.data.since ? { since: dayOf(course.data.since) } : {}),
  ...(course.data.quiz ? { quiz: course.data.quiz } : {}),
});

const today = (now: Date) => now.toISOString().slice(0, 10);

/**
 * A checklist as a path's due dates need it: its own target days or the ramp-time target, its `since`,
 * and whether every item was signed off (`passed`: the item keys that hold a pass, or held one that expired).
 */
export const checklistOutline = (checklist: ChecklistEntry, rampTargetDays: number, passed: ReadonlySet<string>): PathChecklist => ({
  id: checklist.id,
  targetDays: checklist.data.targetDays ?? rampTargetDays,
  ...(checklist.data.since ? { since: dayOf(checklist.data.since) } : {}),
  complete: checklist.data.items.every((item) => passed.has(skillKey(checklist.id, item.id))),
});

/** What progress needs from the store: lessons done, quizzes passed, and the attempts they were passed in. */
async function progressData(store: Store, userId: string) {
  const [completions, attempts] = await Promise.all([completionsOf(store, userId), quizAttemptsOf(store, userId)]);
  return { completions, passes: quizPasses(attempts), attempts };
}

/**
 * When the pass of each final quiz of the given courses stops holding, for the quizzes with
 * `validForMonths` (`months` gives them); a quiz two courses share is listed once.
 */
export function finalQuizValidity(
  courses: readonly CourseEntry[],
  attempts: readonly (AttemptTimes & { quizId: string })[],
  months: (quizId: string) => number | undefined,
  timeZone: string,
): { id: string; validity: Validity | null }[] {
  const ids = [...new Set(courses.flatMap((c) => (c.data.quiz ? [c.data.quiz] : [])))];
  return ids.map((id) => {
    const valid = months(id);
    return { id, validity: passValidity(attempts.filter((a) => a.quizId === id), valid === undefined ? undefined : { months: valid, timeZone }) };
  });
}

export interface MyPath {
  path: LearningPath;
  docs: Map<string, DocEntry>;
  courses: Map<string, CourseEntry>;
  checklists: Map<string, { id: string; title: string }>;
  /** What the person has to renew or soon will: expired and expiring sign-offs, quiz passes and confirmations. */
  renewals: Renewal[];
  /** The same, ready to list: each with its title in the content and, once expired, its due date on the path. */
  renewalItems: { renewal: Renewal; title: string; due: ItemDue | undefined }[];
}

/**
 * The path of the person's position: the documents they must confirm (the role's own first, in its
 * order, then the others that ask them), the role's courses, the sign-offs and final quizzes whose
 * passes expired, then its checklists.
 */
export async function myLearningPath(store: Store, user: PublicUser, now = clock.now()): Promise<MyPath> {
  const [role, docs, acks, courses, progress, site, skills] = await Promise.all([
    roleById(user.position),
    requiredDocsFor(user.position),
    acknowledgementsOf(store, user.id),
    allCourses(),
    progressData(store, user.id),
    siteSettings(),
    skillsOf(store, user, now),
  ]);
  const expiry: ExpiryClock = { now, timeZone: site.timeZone };
  // `docs` come in the order to read them (requiredDocs), the order My path lists them in.
  const standings = new Map(docs.map((doc) => [doc.id, ackStanding(doc.data, acks.filter((a) => a.docId === doc.id), site.policies.reackOnMajor, expiry)]));
  const pathCourses = (role?.data.path.courses ?? []).map((id) => courses.find((c) => c.id === id)).filter((c): c is CourseEntry => c !== undefined);
  const quizMonths = new Map(await Promise.all(pathCourses.flatMap((c) => (c.data.quiz ? [c.data.quiz] : [])).map(async (id) => [id, (await quizWithKey(id))?.data.validForMonths] as const)));
  const renewals = renewalsOf(
    {
      skills: skills.flatMap((s) => s.items),
      quizzes: finalQuizValidity(pathCourses, progress.attempts, (id) => quizMonths.get(id), site.timeZone),
      docs: docs.map((doc) => ({ id: doc.id, ...standings.get(doc.id)! })),
    },
    expiry,
    site.policies.expiryNoticeDays,
  );
  const checklists = await checklistsOnPath(user.position);
  // A skill whose pass expired was signed off all the same: renewing it is a step of its own (`lapsed`).
  const passed = new Set(skills.flatMap((s) => s.items).filter((i) => i.state === 'passed' || i.state === 'expired').map((i) => skillKey(i.checklistId, i.item.id)));
  const path = learningPath({
    start: pathStart(user),
    today: today(now),
    docs: docs.map((doc) => {
      const standing = standings.get(doc.id)!;
      return { id: doc.id, done: standing.state === 'confirmed', since: dayOf(majorSince(doc.data)), expiredOn: standing.state === 'expired' ? standing.validity?.expiredOn : undefined };
    }),
    confirmWorkingDays: site.deadlines.confirmWorkingDays,
    lapsed: lapsedOf(renewals),
    renewWorkingDays: site.deadlines.renewWorkingDays,
    calendar: productionCalendar(),
    courses: pathCourses.map(outlineOf),
    checklists: checklists.map((c) => checklistOutline(c, site.policies.rampTargetDays, passed)),
    completions: progress.completions,
    quizPasses: progress.passes,
  });
  return {
    path,
    docs: new Map(docs.map((d) => [d.id, d])),
    courses: new Map(pathCourses.map((c) => [c.id, c])),
    checklists: new Map(checklists.map((c) => [c.id, { id: c.id, title: c.data.title }])),
    renewals,
    renewalItems: await Promise.all(
      renewals.map(async (renewal) => ({
        renewal,
        title: await renewalTitle(renewal, skills, docs),
        due: dueOfRenewal(path, renewal),
      })),
    ),
  };
}

/** When an expired renewal is due: its own item on the path, or for a document, the document's. */
function dueOfRenewal(path: LearningPath, renewal: Renewal): ItemDue | undefined {
  for (const item of path.items) {
    if (item.kind === 'doc' && renewal.kind === 'doc' && item.id === renewal.id) return item.due;
    if (item.kind === 'renewal' && item.of === renewal.kind && item.id === renewal.id) return item.due;
  }
  return undefined;
}

/** What a renewal is about, by its title in the content (a quiz's title only, never its key). */
async function renewalTitle(renewal: Renewal, skills: readonly SkillChecklist[], docs: readonly DocEntry[]): Promise<string> {
  if (renewal.kind === 'doc') return docs.find((d) => d.id === renewal.id)?.data.title ?? renewal.id;
  if (renewal.kind === 'quiz') return (await quizWithKey(renewal.id))?.data.title ?? renewal.id;
  return skills.flatMap((s) => s.items).find((i) => `${i.checklistId}/${i.item.id}` === renewal.id)?.item.title ?? renewal.id;
}

export interface MyCourse {
  progress: CourseProgress;
  /** Lesson slug → when it was marked done. */
  doneAt: Map<string, string>;
  /** When the course is due (`courseTargetDate`), when it is on the person's path. */
  targetDate: string | null;
  overdue: boolean;
}

/** A person's progress through one course. */
export async function myCourse(store: Store, user: PublicUser, course: CourseEntry, now = clock.now()): Promise<MyCourse> {
  const [role, data] = await Promise.all([roleById(user.position), progressData(store, user.id)]);
  const progress = courseProgress(outlineOf(course), data.completions, data.passes);
  const onPath = role?.data.path.courses.includes(course.id) ?? false;
  const targetDate = onPath ? courseTargetDate(pathStart(user), outlineOf(course)) : null;
  const doneAt = new Map(
    data.completions.filter((c) => c.lessonId.startsWith(`${course.id}/`)).map((c) => [c.lessonId.slice(course.id.length + 1), c.at]),
  );
  return { progress, doneAt, targetDate, overdue: targetDate !== null && !progress.complete && today(now) > targetDate };
}

/** What keeps a final quiz shut, ready to show: the course, and each lesson left with its address. */
export interface QuizLockView {
  course: { id: string; title: string; href: string };
  lessons: { title: string; href: string }[];
}

/** A lock with the titles and addresses of its course and lessons. */
export async function describeLock(lock: QuizLock): Promise<QuizLockView> {
  const found = await courseWithLessons(lock.courseId);
  const title = (slug: string) => found?.lessons.find((l) => lessonSlug(l) === slug)?.data.title ?? slug;
  return {
    course: { id: lock.courseId, title: found?.course.data.title ?? lock.courseId, href: `/courses/${lock.courseId}/` },
    lessons: lock.remaining.map((slug) => ({ title: title(slug), href: `/courses/${lock.courseId}/${slug}/` })),
  };
}

/** Whether a quiz is shut for the person by the lessons of a course that ends with it; null when it is open. */
export async function quizLockFor(store: Store, userId: string, quizId: string): Promise<QuizLockView | null> {
  const [gates, completions] = await Promise.all([quizGates(quizId), completionsOf(store, userId)]);
  const lock = quizLock(gates, completions);
  return lock && describeLock(lock);
}
