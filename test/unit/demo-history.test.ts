import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { requiredDocs } from '../../src/domain/acknowledgement';
import { addDemoHistory, type HistoryContent } from '../../src/server/demo/demo-history';
import { demoPeople, type SeedDoc } from '../../src/server/demo/demo-seed';
import type { StoreData } from '../../src/server/store/data';
import { checkedContent } from './checked-content';

// The demo company is made from "today": the same day gives the same company, and another day gives
// the same company moved in time. Made here from the demo content, as a first start makes it.
const content = checkedContent('content');
const hash = (text: string) => createHash('sha256').update(text).digest('hex');
const roles = content.roles.map((r) => ({ id: r.id, reportsTo: r.data.reportsTo, path: r.data.path }));
const docs = content.docs.map((d) => ({ id: d.id, ...d.data, contentHash: hash(d.body ?? '') })) satisfies SeedDoc[];
const history: HistoryContent = {
  roles: content.roles.map((r) => ({ id: r.id, path: r.data.path })),
  courses: content.courses.map((c) => ({ id: c.id, lessons: c.data.lessons, ...(c.data.quiz ? { quiz: c.data.quiz } : {}) })),
  quizzes: new Map(content.quizzes.map((q) => [q.id, q.data])),
  checklists: content.checklists.map((c) => ({ id: c.id, rating: c.data.rating, items: c.data.items })),
  docVersions: new Map(content.docs.map((d) => [d.id, d.data.version])),
  dialogues: content.dialogues.map((d) => ({ id: d.id, data: d.data })),
  requiredDocs: new Map(
    content.roles.map((r) => [
      r.id,
      requiredDocs(docs, r.id, r.data.path.docs).map((d) => ({ id: d.id, version: d.version, contentHash: d.contentHash, effective: d.effective })),
    ]),
  ),
};

function demoOn(today: string): StoreData {
  const data = demoPeople(roles, docs, 'password-hash', new Date(today));
  addDemoHistory(data, history, new Date(today));
  return data;
}

const DAY = 86_400_000;
const isoTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const isoMonth = /^\d{4}-\d{2}$/;

/**
 * Every place where `later` differs from `earlier`, unless it is a date or time exactly `days` later,
 * or a month exactly `months` later. Returns the places that were moved, and those that differ otherwise.
 */
function compareShifted(earlier: unknown, later: unknown, days: number, months: number, path = '$', found = { moved: [] as string[], other: [] as string[] }) {
  if (earlier === later) return found;
  if (typeof earlier === 'string' && typeof later === 'string') {
    const movedBy =
      isoTime.test(earlier) && isoTime.test(later)
        ? (Date.parse(later) - Date.parse(earlier)) / DAY
        : isoDate.test(earlier) && isoDate.test(later)
          ? (Date.parse(later) - Date.parse(earlier)) / DAY
          : isoMonth.test(earlier) && isoMonth.test(later)
            ? null
            : undefined;
    if (movedBy === days) found.moved.push(path);
    else if (movedBy === null) {
      const index = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7));
      (index(later) - index(earlier) === months ? found.moved : found.other).push(path);
    } else found.other.push(`${path}: ${earlier} → ${later}`);
    return found;
  }
  if (Array.isArray(earlier) && Array.isArray(later) && earlier.length === later.length) {
    earlier.forEach((item, i) => compareShifted(item, later[i], days, months, `${path}[${i}]`, found));
    return found;
  }
  if (earlier && later && typeof earlier === 'object' && typeof later === 'object' && !Array.isArray(earlier) && !Array.isArray(later)) {
    const keys = new Set([...Object.keys(earlier), ...Object.keys(later)]);
    for (const key of keys) compareShifted((earlier as Record<string, unknown>)[key], (later as Record<string, unknown>)[key], days, months, `${path}.${key}`, found);
    return found;
  }
  found.other.push(`${path}: ${JSON.stringify(earlier)?.slice(0, 80)} → ${JSON.stringify(later)?.slice(0, 80)}`);
  return found;
}

describe('the demo company on a date', () => {
  it('is the same company, record for record, when made twice on the same date', () => {
    const first = demoOn('2026-11-18T06:00:00Z');
    expect(first.quizAttempts.length).toBeGreaterThan(0);
    expect(first.signoffs.length).toBeGreaterThan(0);
    expect(demoOn('2026-11-18T06:00:00Z')).toEqual(first);
  });

  it('made a year later is the same company a year later: every difference is that shift', () => {
    // 18 November 2026 to 18 November 2027: 365 days and 12 months, no 29 February between.
    const { moved, other } = compareShifted(demoOn('2026-11-18T06:00:00Z'), demoOn('2027-11-18T06:00:00Z'), 365, 12);
    expect(other).toEqual([]);
    // Hiring days, KPI months, attempts, sign-offs and practice all moved.
    for (const part of ['users', 'kpiRecords', 'quizAttempts', 'signoffs', 'dialogueRuns']) {
      expect(moved.some((p) => p.startsWith(`$.${part}[`)), part).toBe(true);
    }
  });

  it('has nothing after the day it is made, on awkward days too', () => {
    for (const today of ['2026-12-01T00:00:00Z', '2026-12-31T23:59:00Z', '2028-02-29T12:00:00Z', '2027-03-31T06:00:00Z']) {
      const data = demoOn(today);
      const times = [
        ...data.acknowledgements.map((a) => a.at),
        ...data.quizAttempts.flatMap((a) => [a.startedAt, a.submittedAt ?? a.startedAt]),
        ...data.signoffs.map((s) => s.at),
        ...data.lessonCompletions.map((l) => l.at),
        ...data.dialogueRuns.map((r) => r.at),
      ];
      expect(times.length).toBeGreaterThan(0);
      expect(times.filter((t) => t > today), today).toEqual([]);
      expect(data.kpiRecords.filter((r) => r.month >= today.slice(0, 7)), today).toEqual([]);
    }
  });
});
