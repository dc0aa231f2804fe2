import { allChecklists, allRoles, checklistsOnPath, siteSettings } from '../../content';
import { dayOf } from '../../domain/calendar';
import { zonedDay } from '../../domain/digest-schedule';
import { coverageTrend, trendPoints } from '../../domain/coverage-trend';
import { coverageBySkill, coverForRoles, criticalSkills, skillKey, type CoveragePerson, type CriticalSkill } from '../../domain/skill-coverage';
import type { Store } from '../store/store';
import * as clock from '../clock';
import { perStore } from '../memo';
import { teamSummaries, type PersonSummary } from './team-index';

/** A person whose pass of a critical skill has expired, or expires within the notice days. */
export interface ExpiringHolder {
  name: string;
  stage: 'soon' | 'expired';
  /** The last day the pass holds (`soon`) or the day it expired (`expired`). */
  day: string;
}

/** Every critical skill of the content, each with its own minimum. */
export async function contentCriticalSkills(): Promise<CriticalSkill[]> {
  const [checklists, site] = await Promise.all([allChecklists(), siteSettings()]);
  return criticalSkills(checklists.map((c) => ({ id: c.id, title: c.data.title, items: c.data.items })), site.policies.minCertifiedPerSkill);
}

/** Every role with its duties and the critical skills (skill keys) its path's checklists ask for. */
export async function rolesWithSkills() {
  return Promise.all(
    (await allRoles()).map(async (role) => ({
      id: role.id,
      title: role.data.title,
      duties: role.data.duties,
      skills: (await checklistsOnPath(role.id)).flatMap((c) => c.data.items.filter((i) => i.critical).map((i) => skillKey(c.id, i.id))),
    })),
  );
}

const asCoveragePerson = ({ person, certified }: PersonSummary): CoveragePerson => ({
  id: person.id,
  login: person.login,
  name: person.name,
  position: person.position,
  disabled: person.disabled,
  certified: new Set(certified),
});

// The sums over everyone's summaries, kept until the data, the content or the day (in UTC or the site's time zone) changes.
const keptCoverage = perStore<Awaited<ReturnType<typeof computeCoverage>>>();

/**
 * Every critical skill of the content (each checklist item on its own), with who holds it now and
 * how many held it at each month end of the last year; and who can cover each role. Who is certified
 * comes from the summaries kept per person; so do the passes that expired or expire soon
 * (`expiring`, by skill key).
 */
export async function departmentCoverage(store: Store, now = clock.now()) {
  // The day in UTC and in the site's time zone: passes expire at midnight there.
  const { timeZone } = await siteSettings();
  return keptCoverage(store, `${dayOf(now)}/${zonedDay(now.getTime(), timeZone)}`, () => computeCoverage(store, now));
}

async function computeCoverage(store: Store, now: Date) {
  const [critical, roles, site, summaries] = await Promise.all([contentCriticalSkills(), rolesWithSkills(), siteSettings(), teamSummaries(store, now)]);
  const people = [...summaries.values()];
  const coverage = people.map(asCoveragePerson);
  const points = trendPoints(now);
  // The passes of critical skills that expired or expire soon, by skill key, which the head sees beside the count.
  const expiring = new Map<string, ExpiringHolder[]>();
  for (const { person, renewals } of people) {
    if (person.disabled) continue;
    for (const r of renewals) {
      if (r.kind !== 'skill') continue;
      const holder = { name: person.name, stage: r.stage, day: r.stage === 'expired' ? r.expiredOn : r.validUntil };
      expiring.set(r.id, [...(expiring.get(r.id) ?? []), holder]);
    }
  }
  return {
    siteMinimum: site.policies.minCertifiedPerSkill,
    skills: coverageBySkill(critical, coverage),
    cover: coverForRoles(roles, coverage),
    skillTitles: new Map(critical.map((s) => [s.key, s.title])),
    trend: { points, ...coverageTrend(critical, people.map(({ person, certifiedAt }) => ({ disabled: person.disabled, certifiedAt })), points.length) },
    expiring,
  };
}
