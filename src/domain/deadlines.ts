import { addDays, daysBetween, startOfDay } from './calendar';
import type { WorkingCalendar } from './working-days';

// When each item on a person's path is due, and how late it is: one rule for My path, the team
// pages, the document health page and the escalations to mentors and heads. A document version is
// due a number of working days (by the production calendar) after it was assigned; a course its
// target days, in calendar days; a checklist's items its own target days, or the ramp-time target
// (policies.rampTargetDays), in calendar days.
// A sign-off or a quiz pass that has expired (validForMonths) is due again a number of working days
// (deadlines.renewWorkingDays) after the day it expired; a document whose confirmation expired is due
// like a new version, counted from that day.

/** How an item's due date is counted from the day it was assigned. */
export type DueRule = { workingDays: number } | { calendarDays: number };

/** An item's dates, and how late it is today. */
export interface ItemDue {
  /** The day the item entered the person's path, `YYYY-MM-DD`. */
  assigned: string;
  /** The last day it is on time, `YYYY-MM-DD`. */
  due: string;
  /** Not done and past its due day. */
  overdue: boolean;
  /** Calendar days past the due day; 0 unless overdue. */
  overdueDays: number;
  /** Working days past the due day, by the production calendar; 0 unless overdue. */
  overdueWorkingDays: number;
}

/**
 * The day an item entered a person's path: the day the path began, or the day the item itself went onto
 * learning paths (a course's `since`, a document version's effective date) when that came later.
 */
export function assignedOn(start: string, since?: string): string {
  return since !== undefined && since > start ? since : start;
}

/**
 * An item's assigned and due dates and how late it is on `today`. `start` is the day the person's path
 * began (`pathStart`), `since` the day the item went onto paths; the due day itself is still on time.
 */
export function itemDue(input: { start: string; since?: string | undefined; rule: DueRule; done: boolean; today: string; calendar: WorkingCalendar }): ItemDue {
  const assigned = assignedOn(input.start, input.since);
  const due = 'workingDays' in input.rule ? input.calendar.addWorkingDays(assigned, input.rule.workingDays) : addDays(assigned, input.rule.calendarDays);
  const overdue = !input.done && input.today > due;
  return {
    assigned,
    due,
    overdue,
    overdueDays: overdue ? daysBetween(new Date(startOfDay(due)), new Date(startOfDay(input.today))) : 0,
    overdueWorkingDays: overdue ? input.calendar.workingDaysBetween(due, input.today) : 0,
  };
}

/** One late item of one person, as the team pages and escalations name it. */
export interface OverdueItem {
  kind: 'doc' | 'course' | 'checklist';
  id: string;
  due: string;
  days: number;
  workingDays: number;
}

/** When late items are reported, in working days past the due day (site.yaml `deadlines`). */
export interface EscalationRule {
  /** To the person's mentor (or the heads, when the person has no active mentor). */
  escalateAfterDays: number;
  /** Further days on, to every head. */
  escalateToHeadsAfterDays: number;
}

/** A person as escalation needs them. */
export interface EscalationPerson {
  id: string;
  appRole: 'employee' | 'mentor' | 'head';
  mentorId: string | null;
  disabled: boolean;
}

/** Who hears first of a person's late item: their active mentor, else every active head but themselves. */
export function firstReaders(person: EscalationPerson, people: readonly EscalationPerson[]): string[] {
  const mentor = person.mentorId ? people.find((p) => p.id === person.mentorId && !p.disabled) : undefined;
  if (mentor) return [mentor.id];
  return people.filter((p) => p.appRole === 'head' && !p.disabled && p.id !== person.id).map((p) => p.id);
}

/** The key an escalation is remembered by: a new due date (a new major version) is a new item. */
export const escalationKey = (userId: string, item: Pick<OverdueItem, 'kind' | 'id' | 'due'>) => `${userId}/${item.kind}/${item.id}/${item.due}`;

/**
 * The late items to escalate now: items late by the rule's working days whose key is not among those
 * escalated already, each with who is told. Disabled people are left out.
 */
export function escalationsDue(
  late: readonly { person: EscalationPerson; items: readonly OverdueItem[] }[],
  people: readonly EscalationPerson[],
  escalated: ReadonlySet<string>,
  rule: EscalationRule,
): { userId: string; item: OverdueItem; readers: string[] }[] {
  return late.flatMap(({ person, items }) =>
    person.disabled
      ? []
      : items
          .filter((item) => item.workingDays >= rule.escalateAfterDays && !escalated.has(escalationKey(person.id, item)))
          .map((item) => ({ userId: person.id, item, readers: firstReaders(person, people) })),
  );
}

/**
 * What a reader's digest reports as late in their team: a mentor's own trainees once late by
 * `escalateAfterDays`; a head, besides, everyone late by both periods together, and the people
 * without an active mentor from the first period on.
 */
export function overdueInTeam<T extends { person: EscalationPerson; items: readonly OverdueItem[] }>(
  reader: EscalationPerson,
  late: readonly T[],
  people: readonly EscalationPerson[],
  rule: EscalationRule,
): { entry: T; items: OverdueItem[] }[] {
  const headsAfter = rule.escalateAfterDays + rule.escalateToHeadsAfterDays;
  return late.flatMap((entry) => {
    const { person } = entry;
    if (person.disabled || person.id === reader.id) return [];
    const first = firstReaders(person, people).includes(reader.id);
    const after = first ? rule.escalateAfterDays : reader.appRole === 'head' ? headsAfter : undefined;
    if (after === undefined) return [];
    const items = entry.items.filter((item) => item.workingDays >= after);
    return items.length > 0 ? [{ entry, items }] : [];
  });
}
