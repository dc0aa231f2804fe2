import { describe, expect, it } from 'vitest';
import { escalationKey, escalationsDue, firstReaders, itemDue, overdueInTeam, type EscalationPerson, type OverdueItem } from '../../src/domain/deadlines';
import { workingCalendar } from '../../src/domain/working-days';

// The dates here are the production calendar's own facts, not "today": each case names its today.
const calendar = workingCalendar();
const confirm = (start: string, since: string, today: string, done = false) => itemDue({ start, since, rule: { workingDays: 5 }, done, today, calendar });

describe('when an item on a path is due', () => {
  it('a document version is due five working days after it took effect, over a weekend', () => {
    // Thursday 12 November 2026: Friday, then Monday to Thursday of the next week.
    expect(confirm('2026-01-01', '2026-11-12', '2026-11-19')).toEqual({ assigned: '2026-11-12', due: '2026-11-19', overdue: false, overdueDays: 0, overdueWorkingDays: 0 });
    // Taking effect on a Saturday, the count starts on Monday.
    expect(confirm('2026-01-01', '2026-11-14', '2026-11-14').due).toBe('2026-11-20');
  });

  it('a version taking effect on 30 December is due after the New Year holidays', () => {
    // 31 December 2025 and 1–11 January 2026 are days off: 12–16 January are the five working days.
    expect(confirm('2025-01-01', '2025-12-30', '2026-01-16')).toMatchObject({ assigned: '2025-12-30', due: '2026-01-16', overdue: false });
    expect(confirm('2025-01-01', '2025-12-30', '2026-01-19')).toMatchObject({ overdue: true, overdueDays: 3, overdueWorkingDays: 1 });
  });

  it('skips a public holiday in the week', () => {
    // Friday 6 March 2026; Monday 9 March is the day off for 8 March.
    expect(confirm('2026-01-01', '2026-03-06', '2026-03-06').due).toBe('2026-03-16');
  });

  it('counts from the day the path began when that came later than the version', () => {
    expect(confirm('2026-11-16', '2026-06-01', '2026-11-16')).toMatchObject({ assigned: '2026-11-16', due: '2026-11-23' });
  });

  it('a course counts calendar days; nothing done is ever overdue', () => {
    expect(itemDue({ start: '2026-12-25', rule: { calendarDays: 14 }, done: false, today: '2027-01-10', calendar })).toMatchObject({ due: '2027-01-08', overdue: true, overdueDays: 2 });
    expect(confirm('2025-01-01', '2025-12-30', '2027-01-01', true)).toMatchObject({ overdue: false, overdueDays: 0, overdueWorkingDays: 0 });
  });

  it('counts days overdue in working days for escalation, over holidays', () => {
    // Due Wednesday 29 April 2026; 1 May is a day off, so Monday 4 May is only the second working day past it.
    const late = confirm('2026-01-01', '2026-04-22', '2026-05-04');
    expect(late).toMatchObject({ due: '2026-04-29', overdueDays: 5, overdueWorkingDays: 2 });
  });
});

describe('reporting late items', () => {
  const head: EscalationPerson = { id: 'h', appRole: 'head', mentorId: null, disabled: false };
  const mentor: EscalationPerson = { id: 'm', appRole: 'mentor', mentorId: null, disabled: false };
  const anna: EscalationPerson = { id: 'a', appRole: 'employee', mentorId: 'm', disabled: false };
  const boris: EscalationPerson = { id: 'b', appRole: 'employee', mentorId: null, disabled: false };
  const gone: EscalationPerson = { id: 'g', appRole: 'employee', mentorId: 'm', disabled: true };
  const people = [head, mentor, anna, boris, gone];
  const rule = { escalateAfterDays: 3, escalateToHeadsAfterDays: 3 };
  const item = (id: string, workingDays: number): OverdueItem => ({ kind: 'doc', id, due: '2026-04-29', days: workingDays + 2, workingDays });

  it('go to the mentor, or to the heads for a person without an active mentor', () => {
    expect(firstReaders(anna, people)).toEqual(['m']);
    expect(firstReaders(boris, people)).toEqual(['h']);
    expect(firstReaders({ ...anna, mentorId: 'g' }, people)).toEqual(['h']);
  });

  it('pick the items late long enough, each once, and leave disabled people out', () => {
    const late = [
      { person: anna, items: [item('sales-rules', 3), item('pricing', 2)] },
      { person: boris, items: [item('sales-rules', 10)] },
      { person: gone, items: [item('sales-rules', 10)] },
    ];
    const first = escalationsDue(late, people, new Set(), rule);
    expect(first.map((e) => [e.userId, e.item.id, e.readers])).toEqual([
      ['a', 'sales-rules', ['m']],
      ['b', 'sales-rules', ['h']],
    ]);
    const reported = new Set(first.map((e) => escalationKey(e.userId, e.item)));
    expect(escalationsDue(late, people, reported, rule)).toEqual([]);
    // A new major version is due on another day: a new item.
    expect(escalationsDue([{ person: anna, items: [{ ...item('sales-rules', 4), due: '2026-06-01' }] }], people, reported, rule)).toHaveLength(1);
  });

  it('a digest shows a mentor their trainees, and a head everyone late for both periods', () => {
    const late = [
      { person: anna, items: [item('sales-rules', 3), item('pricing', 6)] },
      { person: boris, items: [item('pricing', 3)] },
    ];
    expect(overdueInTeam(mentor, late, people, rule).map((e) => [e.entry.person.id, e.items.map((i) => i.id)])).toEqual([['a', ['sales-rules', 'pricing']]]);
    expect(overdueInTeam(head, late, people, rule).map((e) => [e.entry.person.id, e.items.map((i) => i.id)])).toEqual([
      ['a', ['pricing']],
      ['b', ['pricing']],
    ]);
    expect(overdueInTeam(anna, late, people, rule)).toEqual([]);
  });
});
