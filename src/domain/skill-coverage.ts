/** A critical skill as the checklists define it: one id, possibly on several checklists. */
export interface CriticalSkill {
  skill: string;
  title: string;
}

export interface CoveragePerson {
  id: string;
  name: string;
  position: string;
  disabled: boolean;
  /** Skill ids the person is certified in now: passed, not due for a recheck. */
  certified: ReadonlySet<string>;
}

export interface SkillCoverage {
  skill: string;
  title: string;
  /** People certified now, disabled people left out. */
  people: { id: string; name: string }[];
  /** Fewer certified people than the site's minimum. */
  belowMinimum: boolean;
  /** Exactly one person carries the skill: the department depends on them. */
  single: boolean;
}

/** "Brick wall" coverage: for every critical skill, who holds it now, and where the department is thin. */
export function coverageBySkill(skills: readonly CriticalSkill[], people: readonly CoveragePerson[], minimum: number): SkillCoverage[] {
  const active = people.filter((p) => !p.disabled);
  return skills.map(({ skill, title }) => {
    const holders = active.filter((p) => p.certified.has(skill)).map((p) => ({ id: p.id, name: p.name }));
    return { skill, title, people: holders, belowMinimum: holders.length < minimum, single: holders.length === 1 };
  });
}

/**
 * Who can cover whom: for each role, the people outside it who hold every critical skill the role's
 * checklists require, and the skills nobody outside the role holds.
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
