import { monthOf } from './calendar';
import { personItemStates, type ChecklistLike, type ItemLike, type RequestLike, type SignoffLike } from './signoffs';
import { skillKey, type CriticalSkill } from './skill-coverage';
import { compareVersions } from './versions';

// How many people held each critical skill at each month end of the last year: the sign-off records
// as they stood then, read by the same rule as today's coverage (`personItemStates`, certified =
// `passed`). Pure: the records, the content and the clock are the caller's.
//
// What is known only approximately, and how it is taken:
// - A document's version at a past moment comes from its change log (`changes`, each with the date it
//   took effect) and its current version's `effective` date. Where the log says nothing about that
//   moment, the document is left out, so it makes no pass of that time due for a recheck.
// - Checklists, their items and which items are critical are the content's today.
// - Only people whose access is not disabled are counted, in every month: the data does not keep when
//   someone's access ended.

/** One moment the trend is read at. */
export interface TrendPoint {
  /** The month, `YYYY-MM`. */
  month: string;
  /** Records made before this instant (ISO) count. */
  before: string;
  /** The month under way, read as it stands now rather than at its end. */
  current: boolean;
}

/** The ends of the `months - 1` months before the current one, oldest first, and now: `months` points. */
export function trendPoints(now: Date, months = 12): TrendPoint[] {
  const points: TrendPoint[] = [];
  for (let back = months - 1; back >= 1; back--) {
    points.push({ month: monthOf(now, -back), before: `${monthOf(now, -back + 1)}-01T00:00:00.000Z`, current: false });
  }
  points.push({ month: monthOf(now), before: new Date(now.getTime() + 1).toISOString(), current: true });
  return points;
}

/** A document as its history needs it. */
export interface DocHistory {
  id: string;
  version: string;
  /** When the current version took effect. */
  effective: Date;
  changes: readonly { version: string; date: Date }[];
}

/**
 * The version of a document in effect before an instant, as far as its change log and its current
 * version's date tell: the highest version that had taken effect by then; undefined when none had.
 */
export function versionAt(doc: DocHistory, before: string): string | undefined {
  const limit = Date.parse(before);
  let found: string | undefined;
  for (const entry of [...doc.changes, { version: doc.version, date: doc.effective }]) {
    if (entry.date.getTime() < limit && (found === undefined || compareVersions(entry.version, found) > 0)) found = entry.version;
  }
  return found;
}

/** Every document's version before an instant, for those whose history reaches back that far. */
export function versionsAt(docs: readonly DocHistory[], before: string): Map<string, string> {
  const versions = new Map<string, string>();
  for (const doc of docs) {
    const version = versionAt(doc, before);
    if (version !== undefined) versions.set(doc.id, version);
  }
  return versions;
}

/**
 * For one person, the skill keys (`checklist/item`) they were certified in at each point: their
 * requests and verdicts made before it, judged against the documents' versions of that time (a pass
 * whose months had run out by then does not count).
 */
export function certifiedAt<I extends ItemLike>(input: {
  userId: string;
  checklists: readonly ChecklistLike<I>[];
  requests: readonly RequestLike[];
  signoffs: readonly SignoffLike[];
  points: readonly { before: string; versions: ReadonlyMap<string, string> }[];
  /** The site's time zone, in which observations' days are counted. */
  timeZone: string;
}): string[][] {
  return input.points.map(({ before, versions }) => {
    const signoffs = input.signoffs.filter((s) => s.at < before);
    // Nothing judged yet: nothing certified, whatever was asked for.
    if (signoffs.length === 0) return [];
    return personItemStates({ userId: input.userId, checklists: input.checklists, requests: input.requests.filter((r) => r.at < before), signoffs, currentVersions: versions, timeZone: input.timeZone, expiry: { now: new Date(before), timeZone: input.timeZone } })
      .filter((item) => item.state === 'passed')
      .map((item) => skillKey(item.checklistId, item.item.id));
  });
}

/** One skill's certified people at each point, and whether that was below its minimum. */
export interface SkillTrend {
  skill: CriticalSkill;
  counts: number[];
  below: boolean[];
}

/**
 * Certified people per critical skill at each of `points` points, from each person's certified skills
 * at those points (`certifiedAt`); disabled people are left out. `belowMinimum` counts, per point, the
 * skills held by fewer people than their minimum.
 */
export function coverageTrend(skills: readonly CriticalSkill[], people: readonly { disabled: boolean; certifiedAt: readonly (readonly string[])[] }[], points: number): { skills: SkillTrend[]; belowMinimum: number[] } {
  const counts = new Map(skills.map((skill) => [skill.key, new Array<number>(points).fill(0)]));
  for (const person of people) {
    if (person.disabled) continue;
    person.certifiedAt.slice(0, points).forEach((keys, i) => {
      for (const key of keys) {
        const row = counts.get(key);
        if (row) row[i]! += 1;
      }
    });
  }
  const trends = skills.map((skill) => {
    const row = counts.get(skill.key)!;
    return { skill, counts: row, below: row.map((count) => count < skill.minimum) };
  });
  return { skills: trends, belowMinimum: Array.from({ length: points }, (_, i) => trends.filter((t) => t.below[i]).length) };
}
