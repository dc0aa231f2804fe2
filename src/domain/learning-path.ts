import { addDays } from './calendar';
import { assignedOn, itemDue, type ItemDue } from './deadlines';
import { docHref } from './doc-links';
import { notificationHref } from './notifications';
import type { Renewal } from './validity';
import type { WorkingCalendar } from './working-days';

export { assignedOn };
// A person's learning path and their progress through courses, from plain data: no content
// queries, no store. My path, the course pages and the trainee tracker all read it from here.

/** A course as progress needs it. */
export interface CourseOutline {
  id: string;
  /** Days from the day the course was assigned by which it should be finished. */
  targetDays: number;
  /** The day the course went onto learning paths (`YYYY-MM-DD`), when its content says. */
  since?: string;
  /** Lesson slugs in order (the part of a lesson id after `<course>/`). */
  lessons: readonly string[];
  /** The final quiz, if the course has one. */
  quiz?: string;
}

/** A lesson marked done: `lessonId` is `<course>/<lesson>`. */
export interface Completion {
  lessonId: string;
  at: string;
}

/** What to do next in a course. */
export type CourseStep = { kind: 'lesson'; lesson: string } | { kind: 'quiz'; quiz: string };

/** Where a person stands with a course, as every page names it. */
export type CourseState = 'complete' | 'overdue' | 'inProgress' | 'notStarted';

/** A course's state: complete, else overdue past its target date, else begun, else not started. */
export function courseState(progress: Pick<CourseProgress, 'complete' | 'stepsDone'>, overdue: boolean): CourseState {
  if (progress.complete) return 'complete';
  if (overdue) return 'overdue';
  return progress.stepsDone > 0 ? 'inProgress' : 'notStarted';
}

export interface CourseProgress {
  courseId: string;
  lessonsDone: number;
  lessonsTotal: number;
  /** Slugs of the lessons marked done. */
  doneLessons: string[];
  /** Whether the final quiz is passed; null when the course has none. */
  quizPassed: boolean | null;
  /** Lessons plus the final quiz. */
  steps: number;
  stepsDone: number;
  /** Every lesson done and the final quiz, if any, passed. */
  complete: boolean;
  /** When the last step was done; null until complete. */
  completedAt: string | null;
  /** The first lesson not done yet, else the quiz; null when complete. */
  next: CourseStep | null;
}

/**
 * Progress through one course. A course is complete when every lesson is marked done and its final
 * quiz is passed; a lesson's own quiz is a self-check and does not hold the course back.
 */
export function courseProgress(course: CourseOutline, completions: readonly Completion[], quizPasses: ReadonlyMap<string, string>): CourseProgress {
  const doneAt = new Map<string, string>();
  for (const c of completions) {
    const slug = c.lessonId.startsWith(`${course.id}/`) ? c.lessonId.slice(course.id.length + 1) : undefined;
    if (slug !== undefined && course.lessons.includes(slug) && (!doneAt.has(slug) || c.at < doneAt.get(slug)!)) doneAt.set(slug, c.at);
  }
  const doneLessons = course.lessons.filter((slug) => doneAt.has(slug));
  const passedAt = course.quiz ? quizPasses.get(course.quiz) : undefined;
  const quizPassed = course.quiz ? passedAt !== undefined : null;
  const steps = course.lessons.length + (course.quiz ? 1 : 0);
  const stepsDone = doneLessons.length + (quizPassed ? 1 : 0);
  const complete = stepsDone === steps;
  const firstUndone = course.lessons.find((slug) => !doneAt.has(slug));
  const next: CourseStep | null = firstUndone
    ? { kind: 'lesson', lesson: firstUndone }
    : course.quiz && !quizPassed
      ? { kind: 'quiz', quiz: course.quiz }
      : null;
  const times = [...doneAt.values(), ...(passedAt ? [passedAt] : [])].sort();
  return {
    courseId: course.id,
    lessonsDone: doneLessons.length,
    lessonsTotal: course.lessons.length,
    doneLessons,
    quizPassed,
    steps,
    stepsDone,
    complete,
    completedAt: complete ? (times.at(-1) ?? null) : null,
    next,
  };
}


/** A course whose final quiz opens only once its lessons are done. */
export interface QuizGate {
  courseId: string;
  /** Lesson slugs in the course's order. */
  lessons: readonly string[];
}

/** What keeps a final quiz shut for a person: a course and its lessons not done yet, in order. */
export interface QuizLock {
  courseId: string;
  remaining: string[];
}

/** The lessons of a course a person has not marked done yet, in the course's order. */
export function lessonsRemaining(gate: QuizGate, completions: readonly Completion[]): string[] {
  const done = new Set(completions.map((c) => c.lessonId));
  return gate.lessons.filter((slug) => !done.has(`${gate.courseId}/${slug}`));
}

/**
 * Whether a final quiz is shut for a person, and by what. A quiz that no gated course ends with is
 * open; one that ends several opens when the lessons of any of them are done (a quiz shared by two
 * courses asks for one course's lessons, not both), and is otherwise shut by the course closest to done.
 */
export function quizLock(gates: readonly QuizGate[], completions: readonly Completion[]): QuizLock | null {
  let closest: QuizLock | null = null;
  for (const gate of gates) {
    const remaining = lessonsRemaining(gate, completions);
    if (remaining.length === 0) return null;
    if (!closest || remaining.length < closest.remaining.length) closest = { courseId: gate.courseId, remaining };
  }
  return closest;
}


/**
 * A step of a learning path, each with an assigned and a due date (`itemDue`). A checklist is not
 * counted among the steps done (`done: null`: mentors' sign-offs give each of its items a state of
 * its own); it is late when its items are not all signed off by its due date (`complete`). A renewal
 * is a skill's sign-off or a quiz's pass that has expired (src/domain/validity.ts): it is back on the
 * path from the day it expired until it is passed again.
 */
export type PathItem =
  | { kind: 'doc'; id: string; done: boolean; due: ItemDue }
  | { kind: 'course'; id: string; done: boolean; progress: CourseProgress; targetDate: string; overdue: boolean; due: ItemDue }
  | { kind: 'renewal'; of: 'skill' | 'quiz'; id: string; done: false; due: ItemDue }
  | { kind: 'checklist'; id: string; done: null; complete: boolean; due: ItemDue };

/** A checklist of a path as its due date needs it. */
export interface PathChecklist {
  id: string;
  /** Days after it is assigned by which every item should be signed off. */
  targetDays: number;
  /** The day it went onto learning paths, if later than people's start. */
  since?: string | undefined;
  /** Whether every item holds a pass. */
  complete: boolean;
}

/** A skill's sign-off or a quiz's pass that has expired: `id` is the quiz, or `checklist/item` for a skill. */
export interface Lapsed {
  of: 'skill' | 'quiz';
  id: string;
  /** The day it stopped holding, `YYYY-MM-DD` (`Validity.expiredOn`): the day it is assigned again. */
  expiredOn: string;
}

export interface LearningPath {
  /** Documents, then courses, then renewals, then checklists, each in the role's order. */
  items: PathItem[];
  /** The first step not done; checklists come next only when everything before them is done, until all their items are signed off. */
  next: PathItem | null;
  /** Steps with a state (documents and courses), and how many of them are done. */
  total: number;
  done: number;
  /** Documents, courses, renewals and checklists past their due date and not done. */
  overdue: number;
}

export interface PathInput {
  /** The day the person's path began (`pathStart`), `YYYY-MM-DD`. */
  start: string;
  /** Today, `YYYY-MM-DD`. */
  today: string;
  /**
   * The documents the person must confirm, in order, whether each is confirmed in its current version,
   * the day its current major version took effect (`majorSince`), and for a confirmation that has
   * expired, the day it did: the document is assigned again on the later of the two.
   */
  docs: readonly { id: string; done: boolean; since: string; expiredOn?: string | undefined }[];
  /** Working days after it is assigned by which a document version is to be confirmed (site.yaml `deadlines`). */
  confirmWorkingDays: number;
  /** Expired sign-offs and quiz passes to renew, in the order to list them; none when absent. */
  lapsed?: readonly Lapsed[];
  /** Working days after it expired by which a sign-off or a quiz pass is to be renewed (site.yaml `deadlines`). */
  renewWorkingDays?: number;
  /** The production calendar the working days are counted by. */
  calendar: WorkingCalendar;
  /** The courses of the person's role, in order. */
  courses: readonly CourseOutline[];
  /** The checklists of the role, in order. */
  checklists: readonly PathChecklist[];
  completions: readonly Completion[];
  /** When each quiz was first passed. */
  quizPasses: ReadonlyMap<string, string>;
}

/** A person as the start of their path needs them. */
export interface PathPerson {
  /** Hiring date, `YYYY-MM-DD`. */
  hired: string;
  /** When their account was made, an ISO instant: nothing was assigned to them in Salesbook before it. */
  createdAt: string;
  /** The day they took their current position, when it changed after hiring. */
  positionSince?: string | undefined;
}

/**
 * The day a person's path began: their hiring date, or a later day when their account was made or they
 * took their current position, since nothing on the path was asked of them before.
 */
export function pathStart(person: PathPerson): string {
  return [person.hired, person.createdAt.slice(0, 10), person.positionSince ?? person.hired].reduce((a, b) => (b > a ? b : a));
}

/** When a course is due: its target days counted from the day it entered the person's path. */
export function courseTargetDate(start: string, course: Pick<CourseOutline, 'targetDays' | 'since'>): string {
  return addDays(assignedOn(start, course.since), course.targetDays);
}

/** A person's learning path: what is done, what is late, and what comes next. */
export function learningPath(input: PathInput): LearningPath {
  const courses: PathItem[] = input.courses.map((course) => {
    const progress = courseProgress(course, input.completions, input.quizPasses);
    const due = itemDue({ start: input.start, since: course.since, rule: { calendarDays: course.targetDays }, done: progress.complete, today: input.today, calendar: input.calendar });
    return { kind: 'course', id: course.id, done: progress.complete, progress, targetDate: courseTargetDate(input.start, course), overdue: due.overdue, due };
  });
  const docRule = { workingDays: input.confirmWorkingDays };
  const renewRule = { workingDays: input.renewWorkingDays ?? input.confirmWorkingDays };
  const later = (a: string, b: string | undefined) => (b !== undefined && b > a ? b : a);
  const items: PathItem[] = [
    ...input.docs.map((doc): PathItem => ({
      kind: 'doc',
      id: doc.id,
      done: doc.done,
      due: itemDue({ start: input.start, since: later(doc.since, doc.expiredOn), rule: docRule, done: doc.done, today: input.today, calendar: input.calendar }),
    })),
    ...courses,
    ...(input.lapsed ?? []).map((lapsed): PathItem => ({
      kind: 'renewal',
      of: lapsed.of,
      id: lapsed.id,
      done: false,
      due: itemDue({ start: input.start, since: lapsed.expiredOn, rule: renewRule, done: false, today: input.today, calendar: input.calendar }),
    })),
    ...input.checklists.map((list): PathItem => ({
      kind: 'checklist',
      id: list.id,
      done: null,
      complete: list.complete,
      due: itemDue({ start: input.start, since: list.since, rule: { calendarDays: list.targetDays }, done: list.complete, today: input.today, calendar: input.calendar }),
    })),
  ];
  const tracked = items.filter((item) => item.done !== null);
  return {
    items,
    next: items.find((item) => (item.kind === 'checklist' ? !item.complete : !item.done)) ?? null,
    total: tracked.length,
    done: tracked.filter((item) => item.done).length,
    overdue: items.filter((item) => item.due.overdue).length,
  };
}

/** Where a course's next step is: the lesson, the final quiz, or the course page when nothing is left. */
export function courseStepHref(courseId: string, step: CourseStep | null): string {
  if (step?.kind === 'quiz') return `/quizzes/${step.quiz}/`;
  if (step?.kind === 'lesson') return `/courses/${courseId}/${step.lesson}/`;
  return `/courses/${courseId}/`;
}

/** The expired sign-offs and quiz passes among a person's renewals, as the path takes them (documents are on it already). */
export function lapsedOf(renewals: readonly Renewal[]): Lapsed[] {
  return renewals.flatMap((r) => (r.stage === 'expired' && r.kind !== 'doc' ? [{ of: r.kind, id: r.id, expiredOn: r.expiredOn }] : []));
}

/** Where a renewal is done: the skill's card on its checklist, or the quiz. */
export function renewalHref(renewal: Pick<Lapsed, 'of' | 'id'>): string {
  return notificationHref({ kind: 'expiry', itemKind: renewal.of, itemId: renewal.id });
}

/** Where a step of a learning path is done: the document, the course's next step, the renewal, or the checklist. */
export function pathItemHref(item: PathItem): string {
  if (item.kind === 'doc') return docHref(item.id);
  if (item.kind === 'checklist') return `/checklists/${item.id}/`;
  if (item.kind === 'renewal') return renewalHref(item);
  return courseStepHref(item.id, item.progress.next);
}
