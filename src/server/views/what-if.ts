import { findGone, whatIf, type GoneProblem, type WhatIfPerson, type WhatIfResult } from '../../domain/what-if';
import { names } from '../../domain/team';
import type { Store } from '../store/store';
import * as clock from '../clock';
import { contentCriticalSkills, rolesWithSkills } from './skill-coverage';
import { teamSummaries } from './team-index';

/** Someone a head may pick as leaving: the people whose access is not disabled, by name. */
export interface Choice {
  login: string;
  name: string;
  position: string;
}

export interface WhatIfView {
  /** Everyone who may be picked. */
  choices: Choice[];
  /** The logins asked for, as read from the address. */
  asked: string[];
  /** Why the people asked for cannot be taken out; nothing is computed then. */
  problems: GoneProblem[];
  /** What the department would lose; null when nobody was asked for or the request was refused. */
  result: WhatIfResult | null;
}

/**
 * "What if these people left": the people named by `logins`, taken out of the department at once.
 * Worked out from the summaries kept per person, so it is as quick with a thousand people as the
 * coverage page.
 */
export async function whatIfFor(store: Store, logins: readonly string[], now = clock.now()): Promise<WhatIfView> {
  const [skills, roles, summaries] = await Promise.all([contentCriticalSkills(), rolesWithSkills(), teamSummaries(store, now)]);
  const people: WhatIfPerson[] = [...summaries.values()].map(({ person, certified, criticalOnPath }) => ({
    id: person.id,
    login: person.login,
    name: person.name,
    position: person.position,
    appRole: person.appRole,
    mentorId: person.mentorId,
    disabled: person.disabled,
    certified: new Set(certified),
    onPath: new Map(criticalOnPath.map((item) => [item.key, item.state])),
  }));
  const choices = people
    .filter((p) => !p.disabled)
    .map(({ login, name, position }) => ({ login, name, position }))
    .sort((a, b) => names.compare(a.name, b.name) || a.login.localeCompare(b.login));
  const { gone, problems } = findGone(logins, people);
  const result = gone.length === 0 ? null : whatIf({ skills, people, roles, goneIds: gone.map((p) => p.id) });
  return { choices, asked: [...logins], problems, result };
}
