import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/calendar';
import { workingCalendar } from '../../src/domain/working-days';
import { assignedOn, courseProgress, courseState, courseStepHref, courseTargetDate, lapsedOf, learningPath, lessonsRemaining, pathItemHref, pathStart, quizLock, type CourseOutline, type PathChecklist, type QuizGate } from '../../src/domain/learning-path';

const basics: CourseOutline = { id: 'basics', targetDays: 14, lessons: ['first-contact', 'crm'], quiz: 'basics-final' };
const reading: CourseOutline = { id: 'reading', targetDays: 30, lessons: ['one'] };
const done = (lessonId: string, day: string) => ({ lessonId, at: `${day}T10:00:00.000Z` });
const noPasses = new Map<string, string>();

describe('progress through a course', () => {
  it('counts lessons and the final quiz as steps, and points at the first lesson not done', () => {
    const progress = courseProgress(basics, [done('basics/crm', '2027-01-05')], noPasses);
    expect(progress).toMatchObject({ lessonsDone: 1, lessonsTotal: 2, steps: 3, stepsDone: 1, quizPassed: false, complete: false, completedAt: null });
    expect(progress.next).toEqual({ kind: 'lesson', lesson: 'first-contact' });
    expect(progress.doneLessons).toEqual(['crm']);
  });

  it('after every lesson, the quiz comes next; passing it completes the course at the latest step', () => {
    const completions = [done('basics/first-contact', '2027-01-04'), done('basics/crm', '2027-01-05')];
    expect(courseProgress(basics, completions, noPasses).next).toEqual({ kind: 'quiz', quiz: 'basics-final' });
    const passed = courseProgress(basics, completions, new Map([['basics-final', '2027-01-06T12:00:00.000Z']]));
    expect(passed).toMatchObject({ complete: true, stepsDone: 3, quizPassed: true, completedAt: '2027-01-06T12:00:00.000Z', next: null });
  });

  it('a quiz passed before the lessons are done does not complete the course', () => {
    expect(courseProgress(basics, [done('basics/crm', '2027-01-05')], new Map([['basics-final', '2027-01-01T00:00:00.000Z']]))).toMatchObject({
      complete: false,
      stepsDone: 2,
      next: { kind: 'lesson', lesson: 'first-contact' },
    });
  });

  it('a course without a quiz is complete when its lessons are', () => {
    expect(courseProgress(reading, [done('reading/one', '2027-02-01')], noPasses)).toMatchObject({ complete: true, quizPassed: null, steps: 1 });
  });

  it('ignores completions of other courses and of lessons no longer in the course', () => {
    const progress = courseProgress(basics, [done('other/crm', '2027-01-01'), done('basics/removed', '2027-01-01'), done('basicsx/crm', '2027-01-01')], noPasses);
    expect(progress.lessonsDone).toBe(0);
  });
});

describe('when an item entered a person’s path', () => {
  const person = { hired: '2019-03-11', createdAt: '2019-03-11T06:00:00.000Z' };

  it('the path begins at hiring, or later when the account was made or the position taken later', () => {
    expect(pathStart(person)).toBe('2019-03-11');
    // An account made for someone who had worked for years: nothing was asked of them in Salesbook before it.
    expect(pathStart({ ...person, createdAt: '2026-05-20T09:15:00.000Z' })).toBe('2026-05-20');
    // Moved to another position: its path is asked from that day.
    expect(pathStart({ ...person, positionSince: '2026-09-01' })).toBe('2026-09-01');
    expect(pathStart({ ...person, createdAt: '2026-05-20T09:15:00.000Z', positionSince: '2026-02-01' })).toBe('2026-05-20');
    // Hired on a day after the account was made, ahead of their first day.
    expect(pathStart({ hired: '2027-01-11', createdAt: '2027-01-05T12:00:00.000Z' })).toBe('2027-01-11');
  });

  it('an item is assigned on the later of the path’s start and its own start', () => {
    expect(assignedOn('2026-09-01')).toBe('2026-09-01');
    expect(assignedOn('2026-09-01', '2026-07-01')).toBe('2026-09-01');
    expect(assignedOn('2019-03-11', '2026-07-01')).toBe('2026-07-01');
  });

  it('a course is due its target days after it was assigned', () => {
    expect(courseTargetDate('2019-03-11', { targetDays: 14 })).toBe('2019-03-25');
    expect(courseTargetDate('2019-03-11', { targetDays: 14, since: '2026-07-01' })).toBe('2026-07-15');
    expect(courseTargetDate('2026-11-20', { targetDays: 14, since: '2026-07-01' })).toBe('2026-12-04');
  });
});

it('adds days to a calendar day across months and years', () => {
  expect(addDays('2026-12-25', 14)).toBe('2027-01-08');
  expect(addDays('2027-02-20', 10)).toBe('2027-03-02');
});

describe('a learning path', () => {
  const input = {
    start: '2027-01-01',
    today: '2027-01-10',
    docs: [
      { id: 'lead-handling', done: true, since: '2026-06-01' },
      { id: 'motivation-statute', done: false, since: '2026-06-01' },
    ],
    confirmWorkingDays: 5,
    calendar: workingCalendar(),
    courses: [basics, reading],
    checklists: [{ id: 'trainee-skills', targetDays: 60, complete: false }] as PathChecklist[],
    completions: [],
    quizPasses: noPasses,
  };

  it('lists documents, then courses, then checklists, and the first step not done comes next', () => {
    const path = learningPath(input);
    expect(path.items.map((item) => `${item.kind}:${item.id}`)).toEqual(['doc:lead-handling', 'doc:motivation-statute', 'course:basics', 'course:reading', 'checklist:trainee-skills']);
    expect(path.next).toMatchObject({ kind: 'doc', id: 'motivation-statute' });
    expect(path).toMatchObject({ total: 4, done: 1, overdue: 0 });
  });

  it('gives each course its target date from the day the path began, and marks late ones overdue', () => {
    const path = learningPath({ ...input, today: '2027-01-16' });
    const courses = path.items.filter((item) => item.kind === 'course');
    expect(courses.map((c) => [c.id, c.targetDate, c.overdue])).toEqual([
      ['basics', '2027-01-15', true],
      ['reading', '2027-01-31', false],
    ]);
    // The statute, assigned on 1 January, was due five working days after the New Year holidays (15 January).
    expect(path.items.find((i) => i.id === 'motivation-statute')).toMatchObject({ due: { assigned: '2027-01-01', due: '2027-01-15', overdue: true, overdueDays: 1 } });
    expect(path.overdue).toBe(2);
    // On the target day itself it is not yet late.
    expect(learningPath({ ...input, today: '2027-01-15' }).overdue).toBe(0);
  });

  it('counts a course that went onto paths after the path began from that day, never from before it existed', () => {
    // Hired long ago; the course came years later.
    const later: CourseOutline = { ...basics, since: '2027-03-01' };
    const path = learningPath({ ...input, start: '2019-03-11', today: '2027-03-10', courses: [later, reading] });
    const courses = path.items.filter((item) => item.kind === 'course');
    expect(courses.map((c) => [c.id, c.targetDate, c.overdue])).toEqual([
      ['basics', '2027-03-15', false],
      ['reading', '2019-04-10', true],
    ]);
    // A course that was there before the person came counts from the start of their path.
    expect(learningPath({ ...input, courses: [{ ...basics, since: '2025-01-01' }] }).items.find((i) => i.id === 'basics')).toMatchObject({ targetDate: '2027-01-15' });
  });

  it('a completed course is never overdue', () => {
    const path = learningPath({ ...input, today: '2028-01-01', completions: [done('reading/one', '2027-12-01')] });
    expect(path.items.find((i) => i.id === 'reading')).toMatchObject({ done: true, overdue: false });
  });

  it('checklists come next only when everything else is done, until all their items are signed off', () => {
    const rest = {
      ...input,
      docs: [{ id: 'lead-handling', done: true, since: '2026-06-01' }],
      completions: [done('basics/first-contact', '2027-01-02'), done('basics/crm', '2027-01-03'), done('reading/one', '2027-01-03')],
      quizPasses: new Map([['basics-final', '2027-01-04T00:00:00.000Z']]),
    };
    const path = learningPath(rest);
    expect(path.next).toMatchObject({ kind: 'checklist', id: 'trainee-skills', done: null, complete: false });
    // A checklist is not one of the steps counted done: its items have states of their own.
    expect(path).toMatchObject({ total: 3, done: 3 });
    expect(learningPath({ ...rest, checklists: [{ id: 'trainee-skills', targetDays: 60, complete: true }] }).next).toBeNull();
  });

  it('gives a checklist a due date by its target days, marks it overdue until every item is signed off, and counts it late', () => {
    // Assigned on 1 January with 60 days: due 2 March (calendar days, like a course).
    const late = learningPath({ ...input, docs: [], courses: [], today: '2027-03-05' });
    expect(late.items[0]).toMatchObject({ kind: 'checklist', due: { assigned: '2027-01-01', due: '2027-03-02', overdue: true, overdueDays: 3 } });
    expect(late.overdue).toBe(1);
    const signed = learningPath({ ...input, docs: [], courses: [], today: '2027-03-05', checklists: [{ id: 'trainee-skills', targetDays: 60, complete: true }] });
    expect(signed.items[0]).toMatchObject({ due: { overdue: false, overdueDays: 0 } });
    expect(signed.overdue).toBe(0);
    // A checklist that went onto paths later (its `since`) counts from that day, not from the hiring.
    const added = learningPath({ ...input, docs: [], courses: [], start: '2019-03-11', today: '2027-03-05', checklists: [{ id: 'trainee-skills', targetDays: 30, since: '2027-02-15', complete: false }] });
    expect(added.items[0]).toMatchObject({ due: { assigned: '2027-02-15', due: '2027-03-17', overdue: false } });
  });

  it('an empty path has nothing next', () => {
    expect(learningPath({ ...input, docs: [], courses: [], checklists: [] })).toEqual({ items: [], next: null, total: 0, done: 0, overdue: 0 });
  });

  it('puts an expired sign-off or quiz pass back on the path from the day it expired, due by the renewal working days', () => {
    const everythingDone = {
      ...input,
      docs: [{ id: 'lead-handling', done: true, since: '2026-06-01' }],
      completions: [done('basics/first-contact', '2027-01-02'), done('basics/crm', '2027-01-03'), done('reading/one', '2027-01-03')],
      quizPasses: new Map([['basics-final', '2027-01-04T00:00:00.000Z']]),
      // Every skill was signed off once: the one that expired is a renewal of its own, not a late checklist.
      checklists: [{ id: 'trainee-skills', targetDays: 60, complete: true }],
    };
    const lapsed = lapsedOf([
      { kind: 'skill', id: 'trainee-skills/inbound-call', validUntil: '2028-03-03', expiredOn: '2028-03-04', stage: 'expired' },
      { kind: 'quiz', id: 'basics-final', validUntil: '2028-03-20', expiredOn: '2028-03-21', stage: 'soon' },
      { kind: 'doc', id: 'personal-data', validUntil: '2028-03-01', expiredOn: '2028-03-02', stage: 'expired' },
    ]);
    // A document is on the path already; what expires soon is not back yet.
    expect(lapsed).toEqual([{ of: 'skill', id: 'trainee-skills/inbound-call', expiredOn: '2028-03-04' }]);
    const path = learningPath({ ...everythingDone, today: '2028-03-10', lapsed, renewWorkingDays: 10 });
    expect(path.items.map((i) => `${i.kind}:${i.id}`)).toEqual(['doc:lead-handling', 'course:basics', 'course:reading', 'renewal:trainee-skills/inbound-call', 'checklist:trainee-skills']);
    // Expired on Saturday 4 March 2028: ten working days on, with 8 March a holiday, is Monday 20 March.
    expect(path.next).toMatchObject({ kind: 'renewal', of: 'skill', id: 'trainee-skills/inbound-call', done: false, due: { assigned: '2028-03-04', due: '2028-03-20', overdue: false } });
    expect(path).toMatchObject({ total: 4, done: 3, overdue: 0 });
    expect(learningPath({ ...everythingDone, today: '2028-03-20', lapsed, renewWorkingDays: 10 })).toMatchObject({ overdue: 0 });
    expect(learningPath({ ...everythingDone, today: '2028-03-21', lapsed, renewWorkingDays: 10 })).toMatchObject({ overdue: 1 });
    expect(pathItemHref(path.next!)).toBe('/checklists/trainee-skills/#item-trainee-skills-inbound-call');
    const due = { assigned: '2028-03-21', due: '2028-04-04', overdue: false, overdueDays: 0, overdueWorkingDays: 0 };
    expect(pathItemHref({ kind: 'renewal', of: 'quiz', id: 'basics-final', done: false, due })).toBe('/quizzes/basics-final/');
  });

  it('owes a document whose confirmation expired from the day it did, not from its version', () => {
    const path = learningPath({ ...input, today: '2028-03-10', docs: [{ id: 'personal-data', done: false, since: '2026-06-01', expiredOn: '2028-03-02' }], courses: [], checklists: [] });
    // Thursday 2 March 2028 plus five working days, with 8 March a holiday: Friday 10 March.
    expect(path.items[0]).toMatchObject({ kind: 'doc', due: { assigned: '2028-03-02', due: '2028-03-10', overdue: false } });
  });
});

describe('a course’s state', () => {
  it('is complete before anything else, then overdue, then begun or not', () => {
    expect(courseState({ complete: true, stepsDone: 3 }, true)).toBe('complete');
    expect(courseState({ complete: false, stepsDone: 1 }, true)).toBe('overdue');
    expect(courseState({ complete: false, stepsDone: 0 }, true)).toBe('overdue');
    expect(courseState({ complete: false, stepsDone: 2 }, false)).toBe('inProgress');
    expect(courseState({ complete: false, stepsDone: 0 }, false)).toBe('notStarted');
  });
});

describe('where the next step is', () => {
  it('is the lesson, the final quiz or the course page inside a course', () => {
    expect(courseStepHref('basics', { kind: 'lesson', lesson: 'crm' })).toBe('/courses/basics/crm/');
    expect(courseStepHref('basics', { kind: 'quiz', quiz: 'basics-final' })).toBe('/quizzes/basics-final/');
    expect(courseStepHref('basics', null)).toBe('/courses/basics/');
  });

  it('is the document, the course’s next step or the checklist on a path', () => {
    const due = { assigned: '2026-11-02', due: '2026-11-16', overdue: false, overdueDays: 0, overdueWorkingDays: 0 };
    expect(pathItemHref({ kind: 'doc', id: 'lead-handling', done: false, due })).toBe('/docs/lead-handling/');
    expect(pathItemHref({ kind: 'checklist', id: 'trainee-skills', done: null, complete: false, due })).toBe('/checklists/trainee-skills/');
    const outline: CourseOutline = { id: 'basics', targetDays: 14, lessons: ['first-contact', 'crm'], quiz: 'basics-final' };
    const progress = courseProgress(outline, [{ lessonId: 'basics/first-contact', at: '2026-11-04T10:00:00.000Z' }], new Map());
    expect(pathItemHref({ kind: 'course', id: 'basics', done: false, progress, targetDate: '2026-11-16', overdue: false, due })).toBe('/courses/basics/crm/');
  });
});

describe('a final quiz shut until the course’s lessons are done', () => {
  const gate: QuizGate = { courseId: 'basics', lessons: ['first-contact', 'crm'] };
  const other: QuizGate = { courseId: 'refresher', lessons: ['crm'] };

  it('names the lessons left in the course’s order, and opens when none is', () => {
    expect(quizLock([gate], [])).toEqual({ courseId: 'basics', remaining: ['first-contact', 'crm'] });
    expect(quizLock([gate], [done('basics/crm', '2027-01-02')])).toEqual({ courseId: 'basics', remaining: ['first-contact'] });
    expect(quizLock([gate], [done('basics/crm', '2027-01-02'), done('basics/first-contact', '2027-01-03')])).toBeNull();
  });

  it('counts only the lessons of that course: the same slug in another course is another lesson', () => {
    expect(lessonsRemaining(gate, [done('refresher/crm', '2027-01-02')])).toEqual(['first-contact', 'crm']);
  });

  it('is open without a gate: a self-check, or a course that opens its quiz at once', () => {
    expect(quizLock([], [])).toBeNull();
  });

  it('ends several courses: open once one of them is done, else shut by the one closest to done', () => {
    expect(quizLock([gate, other], [])).toEqual({ courseId: 'refresher', remaining: ['crm'] });
    expect(quizLock([gate, other], [done('basics/first-contact', '2027-01-02'), done('basics/crm', '2027-01-03')])).toBeNull();
  });
});
