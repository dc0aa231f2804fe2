import { describe, expect, it } from 'vitest';
import { monthOf } from '../../src/domain/calendar';
import { certifiedAt, coverageTrend, trendPoints, versionAt, versionsAt, type DocHistory } from '../../src/domain/coverage-trend';
import type { SignoffLike } from '../../src/domain/signoffs';
import { criticalSkills } from '../../src/domain/skill-coverage';

// Dates are counted from the suite's clock, so the trend reads the same on any day it runs.
const now = new Date(process.env.SALESBOOK_CLOCK!);
/** The middle of the month `back` months before now. */
const midMonth = (back: number) => `${monthOf(now, -back)}-15T10:00:00.000Z`;
const dayOfMonth = (back: number, day = '01') => new Date(`${monthOf(now, -back)}-${day}T00:00:00Z`);

describe('the points of the trend', () => {
  it('are the ends of the eleven months before this one, oldest first, and now', () => {
    const points = trendPoints(now);
    expect(points).toHaveLength(12);
    expect(points.map((p) => p.month)).toEqual(Array.from({ length: 12 }, (_, i) => monthOf(now, i - 11)));
    // A month's point counts everything before the first moment of the next month.
    expect(points[0]).toEqual({ month: monthOf(now, -11), before: `${monthOf(now, -10)}-01T00:00:00.000Z`, current: false });
    expect(points[10]!.before).toBe(`${monthOf(now)}-01T00:00:00.000Z`);
    expect(points[11]).toEqual({ month: monthOf(now), before: new Date(now.getTime() + 1).toISOString(), current: true });
    expect(points.filter((p) => p.current)).toHaveLength(1);
  });

  it('take as many months as asked', () => {
    expect(trendPoints(now, 3).map((p) => p.month)).toEqual([monthOf(now, -2), monthOf(now, -1), monthOf(now)]);
  });
});

describe('a document’s version at a past moment', () => {
  // The log in any order; the current version took effect last.
  const doc: DocHistory = {
    id: 'inbound-leads',
    version: '2.1',
    effective: dayOfMonth(2),
    changes: [
      { version: '2.0', date: dayOfMonth(6) },
      { version: '1.0', date: dayOfMonth(10) },
    ],
  };

  it('is the highest version that had taken effect by then, as the change log and the effective date say', () => {
    expect(versionAt(doc, dayOfMonth(8).toISOString())).toBe('1.0');
    expect(versionAt(doc, dayOfMonth(4).toISOString())).toBe('2.0');
    expect(versionAt(doc, dayOfMonth(1).toISOString())).toBe('2.1');
    // A version takes effect at the start of its day: the instant itself is not before it.
    expect(versionAt(doc, dayOfMonth(6).toISOString())).toBe('1.0');
    expect(versionAt(doc, new Date(dayOfMonth(6).getTime() + 1).toISOString())).toBe('2.0');
  });

  it('is unknown before the log begins, and such a document is left out of the versions of that time', () => {
    expect(versionAt(doc, dayOfMonth(11).toISOString())).toBeUndefined();
    const other: DocHistory = { id: 'crm-entry', version: '1.0', effective: dayOfMonth(12), changes: [] };
    expect(versionsAt([doc, other], dayOfMonth(11).toISOString())).toEqual(new Map([['crm-entry', '1.0']]));
    expect(versionsAt([doc, other], dayOfMonth(1).toISOString())).toEqual(new Map([['inbound-leads', '2.1'], ['crm-entry', '1.0']]));
  });
});

describe('who was certified at each point', () => {
  const checklists = [{ id: 'trainee', items: [{ id: 'inbound-call', docs: ['inbound-leads#первый-контакт'] }, { id: 'discount', docs: [] }] }];
  // Version 1.0 a year back, 2.0 (a new major version) from two months back.
  const doc: DocHistory = { id: 'inbound-leads', version: '2.0', effective: dayOfMonth(2), changes: [{ version: '1.0', date: dayOfMonth(14) }] };
  const points = trendPoints(now).map((p) => ({ before: p.before, versions: versionsAt([doc], p.before) }));
  const verdict = (itemId: string, verdict: SignoffLike['verdict'], at: string, docVersions: Record<string, string> = {}): SignoffLike => ({
    userId: 'anna',
    checklistId: 'trainee',
    itemId,
    verdict,
    at,
    docVersions,
    requestId: null,
  });
  const held = (series: string[][], key: string) => series.map((keys) => keys.includes(key));

  it('counts a pass from the month it was given until a new major version of its document asks for a recheck', () => {
    const series = certifiedAt({ userId: 'anna', checklists, requests: [], signoffs: [verdict('inbound-call', 'passed', midMonth(5), { 'inbound-leads': '1.0' })], points, timeZone: 'Europe/Moscow' });
    // Points are months -11 … -1 and now: held at the ends of months -5, -4 and -3, then due for a recheck.
    expect(held(series, 'trainee/inbound-call')).toEqual([false, false, false, false, false, false, true, true, true, false, false, false]);
  });

  it('follows a "needs work" and the pass after it, and a request waiting now that takes the pass out of today’s count', () => {
    const signoffs = [
      verdict('discount', 'needs-work', midMonth(9)),
      verdict('discount', 'passed', midMonth(7)),
      verdict('inbound-call', 'passed', midMonth(1), { 'inbound-leads': '2.0' }),
    ];
    const requests = [{ id: 'r1', userId: 'anna', checklistId: 'trainee', itemId: 'discount', at: now.toISOString() }];
    const series = certifiedAt({ userId: 'anna', checklists, requests, signoffs, points, timeZone: 'Europe/Moscow' });
    expect(held(series, 'trainee/discount')).toEqual([false, false, false, false, true, true, true, true, true, true, true, false]);
    expect(held(series, 'trainee/inbound-call')).toEqual([...new Array(10).fill(false), true, true]);
  });

  it('is nothing for someone never judged, whatever they asked for', () => {
    const requests = [{ id: 'r1', userId: 'anna', checklistId: 'trainee', itemId: 'discount', at: midMonth(3) }];
    expect(certifiedAt({ userId: 'anna', checklists, requests, signoffs: [], points, timeZone: 'Europe/Moscow' })).toEqual(new Array(12).fill([]));
  });

  it('counts only the person’s own verdicts', () => {
    const someoneElse = { ...verdict('discount', 'passed', midMonth(3)), userId: 'boris' };
    expect(certifiedAt({ userId: 'anna', checklists, requests: [], signoffs: [someoneElse], points, timeZone: 'Europe/Moscow' }).flat()).toEqual([]);
  });
});

describe('the trend of the department', () => {
  const skills = criticalSkills(
    [
      {
        id: 'trainee',
        title: 'Навыки стажёра',
        items: [
          { id: 'inbound-call', title: 'Входящий звонок', critical: true },
          { id: 'discount', title: 'Торг о скидке', critical: true, minCertified: 1 },
        ],
      },
    ],
    2,
  );

  it('counts people per skill at each point against each skill’s minimum, leaving out disabled people and skills no longer critical', () => {
    const trend = coverageTrend(
      skills,
      [
        { disabled: false, certifiedAt: [[], ['trainee/inbound-call'], ['trainee/inbound-call', 'trainee/discount']] },
        { disabled: false, certifiedAt: [[], [], ['trainee/inbound-call', 'trainee/crm-card']] },
        { disabled: true, certifiedAt: [['trainee/inbound-call'], ['trainee/inbound-call'], ['trainee/inbound-call']] },
      ],
      3,
    );
    expect(trend.skills.map((s) => [s.skill.key, s.counts, s.below])).toEqual([
      ['trainee/inbound-call', [0, 1, 2], [true, true, false]],
      ['trainee/discount', [0, 0, 1], [true, true, false]],
    ]);
    expect(trend.belowMinimum).toEqual([2, 2, 0]);
  });
});
