/**
 * A critical skill: one item of one checklist. Two checklists may hold items with the same id or the
 * same `skill` phrase that ask for different things (a discount within a trainee's authority, an
 * annual contract), so a skill is always the checklist and the item together.
 */
export interface CriticalSkill {
  /** `checklist/item`: see `skillKey`. */
  key: string;
  checklistId: string;
  itemId: string;
  /** The item's title. */
  title: string;
  /** The title of the checklist it is on. */
  checklist: string;
  /** The fewest people who must hold it: the item's `minCertified`, or the site's minimum. */
  minimum: number;
}

/** The identity of a skill: its checklist and its item. */
export const skillKey = (checklistId: string, itemId: string): string => `${checklistId}/${itemId}`;

/** A checklist as the critical skills need it. */
export interface SkillChecklist {
  id: string;
  title: string;
  items: readonly { id: string; title: string; critical: boolean; minCertified?: number }[];
}

/**
 * Every critical item of the checklists, in checklist and item order, each with its own minimum:
 * `minCertified` where the item sets one, else the site's `policies.minCertifiedPerSkill`.
 */
export function criticalSkills(checklists: readonly SkillChecklist[], siteMinimum: number): CriticalSkill[] {
  return checklists.flatMap((checklist) =>
    checklist.items
      .filter((item) => item.critical)
      .map((item) => ({
        key: skillKey(checklist.id, item.id),
        checklistId: checklist.id,
        itemId: item.id,
        title: item.title,
        checklist: checklist.title,
        minimum: item.minCertified ?? siteMinimum,
      })),
  );
}

export interface CoveragePerson {
  id: string;
  login: string;
  name: string;
  position: string;
  disabled: boolean;
  /** Skill keys (`skillKey`) the person is certified in now: passed, not due for a recheck. */
  certified: ReadonlySet<string>;
}

export interface SkillCoverage extends CriticalSkill {
  /** People certified now, disabled people left out. */
  people: { id: string; login: string; name: string }[];
  /** Fewer certified people than the skill's minimum. */
  belowMinimum: boolean;
  /** Exactly one person carries the skill: the department depends on them. */
  single: boolean;
}

/** "Brick wall" coverage: for every critical skill, who holds it now, and where the department is thin. */
export function coverageBySkill(skills: readonly CriticalSkill[], people: readonly CoveragePerson[]): SkillCoverage[] {
  const active = people.filter((p) => !p.disabled);
  return skills.map((skill) => {
    const holders = active.filter((p) => p.certified.has(skill.key)).map((p) => ({ id: p.id, login: p.login, name: p.name }));
    return { ...skill, people: holders, belowMinimum: holders.length < skill.minimum, single: holders.length === 1 };
  });
}

/**
 * Who can cover whom: for each role, the people outside it who hold every critical skill the role's
 * checklists require (skill keys), and the skills nobody outside the role holds.
 */
export function coverForRoles(
  roles: readonly { id: string; title: string; skills: readonly string[] }[],
  people: readonly CoveragePerson[],
): { role: string; title: string; skills: string[]; canCover: { id: string; name: string; position: string }[]; uncovered: string[] }[] {
  const active = people.filter((p) => !p.disabled);
  return roles
    .filter((role) => role.skills.length > 0)
    .map((role) => {
      const outside = active.filter((p) => p.position !== role.id);
      return {
        role: role.id,
        title: role.title,
        skills: [...role.skills],
        canCover: outside.filter((p) => role.skills.every((s) => p.certified.has(s))).map((p) => ({ id: p.id, name: p.name, position: p.position })),
        uncovered: role.skills.filter((s) => !outside.some((p) => p.certified.has(s))),
      };
    });
}
