import { allCourses, allRoles, contentTitles, quizWithKey, siteSettings } from '../../content';
import { beforeAfter, portalStartedOn, rampCohorts, rampTime, teamBeforeAfter, type BeforeAfter } from '../../domain/effectiveness';
import { monthMetrics } from '../../domain/kpi';
import { courseState, type CourseState } from '../../domain/learning-path';
import { passValidity } from '../../domain/quiz-rules';
import { hasExpired, type Validity } from '../../domain/validity';
import { can } from '../../domain/permissions';
import { myLearningPath, type MyPath } from './learning';
import { skillsOf, type SkillItem } from './skills';
import type { PublicUser, StoreData } from '../store/data';
import type { Store } from '../store/store';
import { listPeople } from '../records/users';
import * as clock from '../clock';
import { DAY_MS } from '../../domain/calendar';
import { teamSummaries, type PersonSummary } from './team-index';
import { names } from '../../domain/team';

// The training-effectiveness tracker: every level of the Kirkpatrick model for one person and for
// the team, put together from the store and the content. Pure arithmetic lives in src/domain.

export interface TimelineEvent {
  at: string;
  kind: 'hired' | 'ack' | 'lesson' | 'quiz' | 'signoff' | 'feedback' | 'practice';
  /** Id of what the event is about (document, lesson, quiz, checklist item, course, dialogue). */
  subject: string;
  /** What the subject is called in the content: a document's, lesson's, quiz's or skill's title; null when the content no longer has it. */
  title: string | null;
  /** Extra figures: version, score, verdict, rating. */
  detail: Record<string, string | number | boolean | null>;
}

type Records = Pick<StoreData, 'acknowledgements' | 'lessonCompletions' | 'quizAttempts' | 'signoffs' | 'courseFeedback' | 'dialogueRuns' | 'kpiRecords' | 'signoffRequests'>;

async function recordsOf(store: Store, userIds: ReadonlySet<string>): Promise<Records> {
  return store.read((data) => ({
    acknowledgements: data.acknowledgements.filter((r) => userIds.has(r.userId)),
    lessonCompletions: data.lessonCompletions.filter((r) => userIds.has(r.userId)),
    quizAttempts: data.quizAttempts.filter((r) => userIds.has(r.userId)),
    signoffs: data.signoffs.filter((r) => userIds.has(r.userId)),
    signoffRequests: data.signoffRequests.filter((r) => userIds.has(r.userId)),
    courseFeedback: data.courseFeedback.filter((r) => userIds.has(r.userId)),
    dialogueRuns: data.dialogueRuns.filter((r) => userIds.has(r.userId)),
    kpiRecords: data.kpiRecords.filter((r) => userIds.has(r.userId)),
  }));
}

function timelineOf(person: PublicUser, r: Records, titles: Map<string, string>): TimelineEvent[] {
  const mine = <T extends { userId: string }>(list: T[]) => list.filter((x) => x.userId === person.id);
  const prefix = { hired: 'role', ack: 'doc', lesson: 'lesson', quiz: 'quiz', signoff: 'skill', feedback: 'course', practice: 'dialogue' } as const;
  const events: Omit<TimelineEvent, 'title'>[] = [
    { at: `${person.hired}T00:00:00.000Z`, kind: 'hired', subject: person.position, detail: {} },
    ...mine(r.acknowledgements).map((a) => ({ at: a.at, kind: 'ack' as const, subject: a.docId, detail: { version: a.version } })),
    ...mine(r.lessonCompletions).map((l) => ({ at: l.at, kind: 'lesson' as const, subject: l.lessonId, detail: {} })),
    ...mine(r.quizAttempts)
      .filter((q) => q.submittedAt)
      .map((q) => ({ at: q.submittedAt!, kind: 'quiz' as const, subject: q.quizId, detail: { score: q.score, passed: q.passed } })),
    ...mine(r.signoffs).map((s) => ({ at: s.at, kind: 'signoff' as const, subject: `${s.checklistId}/${s.itemId}`, detail: { verdict: s.verdict, rating: s.rating } })),
    ...mine(r.courseFeedback).map((f) => ({ at: f.at, kind: 'feedback' as const, subject: f.courseId, detail: { rating: f.rating } })),
    ...mine(r.dialogueRuns).map((d) => ({ at: d.at, kind: 'practice' as const, subject: d.dialogueId, detail: { score: d.score, maxScore: d.maxScore, ending: d.ending } })),
  ];
  return events
    .map((e) => ({ ...e, title: titles.get(`${prefix[e.kind]}:${e.subject}`) ?? null }))
    .sort((a, b) => b.at.localeCompare(a.at));
}

/**
 * The date of the pass that completed the last required sign-off, or null while any is missing. Ramp
 * time is the time to the first full certification: a pass that has expired since was reached all the same.
 */
function lastRequiredSignoff(skills: { items: SkillItem[] }[]): Date | null | 'none-required' {
  const items = skills.flatMap((s) => s.items);
  if (items.length === 0) return 'none-required';
  if (items.some((i) => i.state !== 'passed' && i.state !== 'expired')) return null;
  return new Date(items.map((i) => i.latest!.at).sort().at(-1)!);
}

export interface PersonRecord {
  person: PublicUser;
  path: MyPath;
  skills: Awaited<ReturnType<typeof skillsOf>>;
  timeline: TimelineEvent[];
  ratings: { courseId: string; rating: number; comment: string | null; at: string }[];
  /** Each quiz taken; `lapsed` when its latest pass has expired (`validForMonths`), so it is passed no longer. */
  quizzes: { quizId: string; title: string; attempts: number; best: number | null; latest: number | null; passed: boolean; validity: Validity | null; lapsed: boolean }[];
  signoffCounts: { passed: number; needsWork: number; recheck: number; expired: number; requested: number; total: number; verdicts: number };
  ramp: ReturnType<typeof rampTime>;
  kpis: ReturnType<typeof monthMetrics>[];
  /** Courses completed, with the month they were completed and the KPI comparison around it. */
  trained: { courseId: string; title: string; completedAt: string; comparison: BeforeAfter }[];
  beforeAfterMonths: number;
}

/** Everything about one person's training, for their own page, their mentor's and the heads'. */
export async function personRecord(store: Store, person: PublicUser, now = clock.now()): Promise<PersonRecord> {
  const [path, skills, records, site, courses, titles, portalStarted] = await Promise.all([
    myLearningPath(store, person, now),
    skillsOf(store, person, now),
    recordsOf(store, new Set([person.id])),
    siteSettings(),
    allCourses(),
    contentTitles(),
    store.read((data) => portalStartedOn(data.users, now.toISOString().slice(0, 10))),
  ]);
  const quizIds = [...new Set(records.quizAttempts.map((a) => a.quizId))];
  const quizzes = await Promise.all(
    quizIds.map(async (quizId) => {
      const graded = records.quizAttempts.filter((a) => a.quizId === quizId && a.score !== null).sort((a, b) => a.startedAt.localeCompare(b.startedAt));
      // Only the title and the term leave this function; the answer key stays on the server.
      const quiz = (await quizWithKey(quizId))?.data;
      const months = quiz?.validForMonths;
      const validity = passValidity(graded, months === undefined ? undefined : { months, timeZone: site.timeZone });
      const lapsed = validity !== null && hasExpired(validity, now);
      return {
        quizId,
        title: quiz?.title ?? quizId,
        attempts: graded.length,
        best: graded.length ? Math.max(...graded.map((a) => a.score!)) : null,
        latest: graded.at(-1)?.score ?? null,
        passed: graded.some((a) => a.passed) && !lapsed,
        validity,
        lapsed,
      };
    }),
  );
  const items = skills.flatMap((s) => s.items);
  const months = site.policies.beforeAfterMonths;
  const trained = path.path.items
    .filter((item) => item.kind === 'course' && item.progress.completedAt)
    .map((item) => {
      const completedAt = item.kind === 'course' ? item.progress.completedAt! : '';
      return {
        courseId: item.id,
        title: courses.find((c) => c.id === item.id)?.data.title ?? item.id,
        completedAt,
        comparison: beforeAfter(records.kpiRecords, new Date(completedAt), months),
      };
    });
  return {
    person,
    path,
    skills,
    timeline: timelineOf(person, records, titles),
    ratings: records.courseFeedback.map((f) => ({ courseId: f.courseId, rating: f.rating, comment: f.comment, at: f.at })),
    quizzes,
    signoffCounts: {
      passed: items.filter((i) => i.state === 'passed').length,
      needsWork: items.filter((i) => i.state === 'needs-work').length,
      recheck: items.filter((i) => i.state === 'recheck').length,
      expired: items.filter((i) => i.state === 'expired').length,
      requested: items.filter((i) => i.state === 'requested').length,
      total: items.length,
      verdicts: records.signoffs.length,
    },
    ramp: rampTime(new Date(`${person.hired}T00:00:00Z`), lastRequiredSignoff(skills), now, site.policies.rampTargetDays, portalStarted),
    kpis: [...records.kpiRecords].sort((a, b) => a.month.localeCompare(b.month)).map(monthMetrics),
    trained,
    beforeAfterMonths: months,
  };
}

/** The people a viewer may see on the team pages: heads everyone, mentors their trainees. */
export async function visiblePeople(store: Store, viewer: PublicUser): Promise<PublicUser[]> {
  return visibleAmong(await listPeople(store), viewer);
}

const visibleAmong = (everyone: PublicUser[], viewer: PublicUser) => everyone.filter((p) => p.id !== viewer.id && can(viewer, 'person.view', p));

/** One row of the team matrix. */
export interface TeamRow {
  person: PublicUser;
  docs: { done: number; total: number };
  /** What the person still has to confirm, the longest-owed first. */
  owed: PersonSummary['owed'];
  /** Documents and courses past their due date, the latest first. */
  overdue: PersonSummary['overdue'];
  courses: { id: string; state: CourseState }[];
  skills: { passed: number; total: number };
  /** Passes and confirmations that expired or expire soon (`PersonSummary.renewals`), expired first. */
  renewals: PersonSummary['renewals'];
  lastActivity: string | null;
  stalled: boolean;
  ramp: PersonRecord['ramp'];
  trained: PersonRecord['trained'];
}

/** Whom the team pages show a viewer: a head everyone, themself included; a mentor their trainees. */
const onTeamOf = (viewer: PublicUser, person: PublicUser) => can(viewer, 'person.view', person) && (can(viewer, 'team.viewAll') || person.id !== viewer.id);

/** A matrix row from a person's summary; stalled: no activity for two weeks while the path or the ramp is unfinished. */
function rowOf(summary: PersonSummary, now: Date): TeamRow {
  const since = summary.lastActivity ?? `${summary.person.hired}T00:00:00.000Z`;
  return {
    person: summary.person,
    docs: summary.docs,
    owed: summary.owed,
    overdue: summary.overdue,
    courses: summary.courses.map(({ id, state }) => ({ id, state })),
    skills: summary.skills,
    renewals: summary.renewals,
    lastActivity: summary.lastActivity,
    stalled: !summary.person.disabled && !(summary.ramp.done !== false && summary.path.done === summary.path.total) && now.getTime() - Date.parse(since) > 14 * DAY_MS,
    ramp: summary.ramp,
    trained: summary.trained,
  };
}

/** The matrix: one row per person the viewer may see, from the summaries kept per person (views/team-index.ts). */
export async function teamRows(store: Store, viewer: PublicUser, now = clock.now()): Promise<TeamRow[]> {
  const summaries = await teamSummaries(store, now);
  return [...summaries.values()]
    .filter((s) => onTeamOf(viewer, s.person))
    .sort((a, b) => names.compare(a.person.name, b.person.name))
    .map((s) => rowOf(s, now));
}

/** The team page: the matrix of people × path stages, and the figures that judge the training. */
export async function teamOverview(store: Store, viewer: PublicUser, now = clock.now()) {
  const summaries = await teamSummaries(store, now);
  const everyone = [...summaries.values()].map((s) => s.person);
  const visible = [...summaries.values()].filter((s) => onTeamOf(viewer, s.person)).sort((a, b) => names.compare(a.person.name, b.person.name));
  const rows = visible.map((s) => rowOf(s, now));
  const [courses, roles] = await Promise.all([allCourses(), allRoles()]);
  const courseStats = courses.map((course) => {
    const ratings = visible.flatMap((s) => s.ratings.filter((r) => r.courseId === course.id).map((r) => r.rating));
    const quizId = course.data.quiz;
    const taken = quizId ? visible.flatMap((s) => s.quizzes.filter((q) => q.quizId === quizId)) : [];
    const passers = taken.filter((q) => q.passed).length;
    const comparisons = rows.flatMap((row) => row.trained.filter((t) => t.courseId === course.id).map((t) => t.comparison));
    return {
      course,
      ratings: { average: ratings.length ? ratings.reduce((a, b) => a + b, 0) / ratings.length : null, count: ratings.length },
      passRate: taken.length ? (passers / taken.length) * 100 : null,
      takers: taken.length,
      team: teamBeforeAfter(comparisons),
    };
  });
  // Questions answered wrong most often: they point to a weak lesson or document.
  const misses = new Map<string, { quizId: string; questionId: string; wrong: number; asked: number }>();
  for (const summary of visible) {
    for (const answer of summary.answers) {
      const key = `${answer.quizId}/${answer.questionId}`;
      const entry = misses.get(key) ?? { quizId: answer.quizId, questionId: answer.questionId, wrong: 0, asked: 0 };
      entry.asked += answer.asked;
      entry.wrong += answer.wrong;
      misses.set(key, entry);
    }
  }
  const topMisses = await Promise.all(
    [...misses.values()]
      .filter((m) => m.wrong > 0)
      .sort((a, b) => b.wrong - a.wrong || b.wrong / b.asked - a.wrong / a.asked)
      .slice(0, 10)
      .map(async (m) => {
        const question = (await quizWithKey(m.quizId))?.data.questions.find((q) => q.id === m.questionId);
        // The question's wording and the section it tests; never its answer.
        return { ...m, text: question?.text ?? m.questionId, doc: question?.doc ?? null };
      }),
  );
  const mentorNames = new Map(everyone.map((p) => [p.id, p.name]));
  const portalStarted = portalStartedOn(everyone, now.toISOString().slice(0, 10));
  const mentorOf = (row: TeamRow) => (row.person.mentorId ? (mentorNames.get(row.person.mentorId) ?? '—') : '—');
  const cohortPeople = rows.map((row) => ({ hired: row.person.hired, ramp: row.ramp, row }));
  return {
    rows,
    courses,
    roles,
    portalStarted,
    byCohort: rampCohorts(cohortPeople, portalStarted),
    byMentor: rampCohorts(cohortPeople, portalStarted, (p) => mentorOf(p.row)).cohorts,
    courseStats,
    topMisses,
  };
}
