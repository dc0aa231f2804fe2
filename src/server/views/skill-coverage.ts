import { allChecklists, allRoles, checklistsOnPath, currentDocVersions, siteSettings } from '../../content';
import { coverageBySkill, coverForRoles, type CoveragePerson } from '../../domain/skill-coverage';
import { personItemStates } from '../../domain/signoffs';
import { allSignoffRecords } from '../records/signoffs';
import type { Store } from '../store/store';

/** Every critical skill of the content, with who holds it now, and who can cover each role. */
export async function departmentCoverage(store: Store) {
  const [checklists, roles, records, currentVersions, site, users] = await Promise.all([
    allChecklists(),
    allRoles(),
    allSignoffRecords(store),
    currentDocVersions(),
    siteSettings(),
    store.read((data) => data.users.map((u) => ({ id: u.id, name: u.name, position: u.position, disabled: u.disabled }))),
  ]);
  const asChecklists = checklists.map((c) => ({ id: c.id, items: c.data.items }));
  // A skill id may sit on several checklists: its title is the first item's.
  const critical = new Map<string, string>();
  for (const checklist of checklists) for (const item of checklist.data.items) if (item.critical && !critical.has(item.skill)) critical.set(item.skill, item.title);
  const people: CoveragePerson[] = users.map((user) => {
    const items = personItemStates({ userId: user.id, checklists: asChecklists, ...records, currentVersions });
    return { ...user, certified: new Set(items.filter((i) => i.state === 'passed').map((i) => i.item.skill)) };
  });
  const minimum = site.policies.minCertifiedPerSkill;
  const skills = coverageBySkill([...critical].map(([skill, title]) => ({ skill, title })), people, minimum);
  const roleSkills = await Promise.all(
    roles.map(async (role) => ({
      id: role.id,
      title: role.data.title,
      skills: [...new Set((await checklistsOnPath(role.id)).flatMap((c) => c.data.items.filter((i) => i.critical).map((i) => i.skill)))],
    })),
  );
  return { minimum, skills, cover: coverForRoles(roleSkills, people), skillTitles: critical };
}
