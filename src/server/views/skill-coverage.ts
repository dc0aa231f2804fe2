import { allChecklists, allRoles, checklistsOnPath, siteSettings } from '../../content';
import { coverageBySkill, coverForRoles, skillKey, type CoveragePerson, type CriticalSkill } from '../../domain/skill-coverage';
import type { Store } from '../store/store';
import * as clock from '../clock';
import { teamSummaries } from './team-index';

/** A person whose pass of a critical skill has expired, or expires within the notice days. */
export interface ExpiringHolder {
  name: string;
  stage: 'soon' | 'expired';
  /** The last day the pass holds (`soon`) or the day it expired (`expired`). */
  day: string;
}

/**
 * Every critical skill of the content (each checklist item on its own), with who holds it now, and
 * who can cover each role. Who is certified comes from the summaries kept per person; so do the
 * passes that expired or expire soon (`expiring`, by skill key), which the head sees beside the count.
 */
export async function departmentCoverage(store: Store, now = clock.now()) {
  const [checklists, roles, site, summaries] = await Promise.all([allChecklists(), allRoles(), siteSettings(), teamSummaries(store, now)]);
  const critical: CriticalSkill[] = checklists.flatMap((checklist) =>
    checklist.data.items.filter((item) => item.critical).map((item) => ({ key: skillKey(checklist.id, item.id), title: item.title, checklist: checklist.data.title })),
  );
  const people: CoveragePerson[] = [...summaries.values()].map(({ person, certified }) => ({
    id: person.id,
    name: person.name,
    position: person.position,
    disabled: person.disabled,
    certified: new Set(certified),
  }));
  const minimum = site.policies.minCertifiedPerSkill;
  const roleSkills = await Promise.all(
    roles.map(async (role) => ({
      id: role.id,
      title: role.data.title,
      skills: (await checklistsOnPath(role.id)).flatMap((c) => c.data.items.filter((i) => i.critical).map((i) => skillKey(c.id, i.id))),
    })),
  );
  const expiring = new Map<string, ExpiringHolder[]>();
  for (const { person, renewals } of summaries.values()) {
    if (person.disabled) continue;
    for (const r of renewals) {
      if (r.kind !== 'skill') continue;
      const holder = { name: person.name, stage: r.stage, day: r.stage === 'expired' ? r.expiredOn : r.validUntil };
      expiring.set(r.id, [...(expiring.get(r.id) ?? []), holder]);
    }
  }
  return {
    minimum,
    skills: coverageBySkill(critical, people, minimum),
    cover: coverForRoles(roleSkills, people),
    skillTitles: new Map(critical.map((s) => [s.key, s.title])),
    expiring,
  };
}
