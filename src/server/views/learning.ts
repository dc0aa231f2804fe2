import { allCourses, checklistsOnPath, courseWithLessons, currentDocVersions, lessonSlug, productionCalendar, quizGates, requiredDocsFor, roleById, siteSettings, type ChecklistEntry, type CourseEntry, type DocEntry } from '../../content';
import { majorSince } from '../../domain/coverage';
import { addDays, dayOf } from '../../domain/calendar';
import { courseProgress, courseTargetDate, learningPath, pathStart, quizLock, type CourseOutline, type CourseProgress, type LearningPath, type PathChecklist, type QuizLock } from '../../domain/learning-path';
import { personItemStates } from '../../domain/signoffs';
import { skillKey } from '../../domain/skill-coverage';
import { signoffRecordsOf } from '../records/signoffs';
import { quizPasses } from '../../domain/quiz-rules';
import { completionsOf } from '../records/lessons';
import { documentsToConfirm } from './my-path';
import { quizAttemptsOf } from '../records/quizzes';
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
 * and whether the person holds a pass on every item (`passed`: the item ids they do).
 */
export const checklistOutline = (checklist: ChecklistEntry, rampTargetDays: number, passed: ReadonlySet<string>): PathChecklist => ({
  id: checklist.id,
  targetDays: checklist.data.targetDays ?? rampTargetDays,
  ...(checklist.data.since ? { since: dayOf(checklist.data.since) } : {}),
  complete: checklist.data.items.every((item) => passed.has(skillKey(checklist.id, item.id))),
});

/** What progress needs from the store: lessons done and quizzes passed. */
async function progressData(store: Store, userId: string) {
  const [completions, attempts] = await Promise.all([completionsOf(store, userId), quizAttemptsOf(store, userId)]);
  return { completions, passes: quizPasses(attempts) };
}

export interface MyPath {
  path: LearningPath;
  docs: Map<string, DocEntry>;
  courses: Map<string, CourseEntry>;
  checklists: Map<string, { id: string; title: string }>;
}

/**
 * The path of the person's position: the documents they must confirm (the role's own first, in its
 * order, then the others that ask them), the role's courses, then its checklists.
 */
export async function myLearningPath(store: Store, user: PublicUser, now = clock.now()): Promise<MyPath> {
  const [role, docs, outstanding, courses, progress, site] = await Promise.all([
    roleById(user.position),
    requiredDocsFor(user.position),
    documentsToConfirm(store, user),
    allCourses(),
    progressData(store, user.id),
    siteSettings(),
  ]);
  // `docs` come in the order to read them (requiredDocs), the order My path lists them in.
  const pending = new Set(outstanding.map(({ doc }) => doc.id));
  const pathCourses = (role?.data.path.courses ?? []).map((id) => courses.find((c) => c.id === id)).filter((c): c is CourseEntry => c !== undefined);
  const [checklists, signoffs, currentVersions] = await Promise.all([checklistsOnPath(user.position), signoffRecordsOf(store, user.id), currentDocVersions()]);
  const items = personItemStates({
    userId: user.id,
    checklists: checklists.map((c) => ({ id: c.id, items: c.data.items, observations: c.data.observations, retryAfterDays: c.data.retryAfterDays })),
    ...signoffs,
    currentVersions,
    timeZone: site.timeZone,
  });
  const passed = new Set(items.filter((i) => i.state === 'passed').map((i) => skillKey(i.checklistId, i.item.id)));
  const path = learningPath({
    start: pathStart(user),
    today: today(now),
    docs: docs.map((doc) => ({ id: doc.id, done: !pending.has(doc.id), since: dayOf(majorSince(doc.data)) })),
    confirmWorkingDays: site.deadlines.confirmWorkingDays,
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
  };
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
