import type { AppRole } from './permissions';
import type { ItemState } from './signoffs';
import type { CriticalSkill } from './skill-coverage';
import { names } from './team';

// "What if these people leave": a department must survive losing two to four people at once, the head
// included. Given who would go, what the department would lose — skills below their minimum, roles
// left empty, trainees left without a mentor — and who could be trained to close each gap, by whom.
// Pure: the people, their skills and the content are the caller's.

/** The most people a head may take out at once: the "two to four bricks" of a department's wall. */
export const MAX_GONE = 4;

export const WHAT_IF_PATH = '/team/coverage/what-if/';

/** The address of "what if" these people left: one `gone` listing their logins, a link to share. */
export function whatIfHref(logins: readonly string[]): string {
  return logins.length === 0 ? WHAT_IF_PATH : `${WHAT_IF_PATH}?gone=${logins.map(encodeURIComponent).join(',')}`;
}

/** A person as "what if" needs them. */
export interface WhatIfPerson {
  id: string;
  login: string;
  name: string;
  position: string;
  appRole: AppRole;
  mentorId: string | null;
  disabled: boolean;
  /** Skill keys (`skillKey`) the person is certified in now. */
  certified: ReadonlySet<string>;
  /** Where the person stands with each critical item of their path's checklists, by skill key. */
  onPath: ReadonlyMap<string, ItemState>;
}

/** A role of the org structure as "what if" needs it. */
export interface WhatIfRole {
  id: string;
  title: string;
  duties: readonly string[];
  /** The critical skills (skill keys) its path's checklists ask for. */
  skills: readonly string[];
}

/** Why the people asked for cannot be taken out. */
export type GoneProblem =
  | { kind: 'too-many'; count: number }
  | { kind: 'unknown'; logins: string[] }
  /** Their access is disabled already: they have left. */
  | { kind: 'left'; logins: string[] };

/** Logins from the address: `?gone=a,b` or `?gone=a&gone=b`, in order, without repeats or blanks. */
export function goneLogins(values: readonly string[]): string[] {
  const logins = values.flatMap((value) => value.split(/[\s,]+/)).map((login) => login.trim().toLowerCase()).filter(Boolean);
  return [...new Set(logins)];
}

/** A login as it may be echoed back in a message: at most as long as a login can be. */
const shown = (login: string) => (login.length > 40 ? `${login.slice(0, 40)}…` : login);

/**
 * The people the logins name, or every reason they cannot be taken out: more than `MAX_GONE`, a login
 * nobody has, a person who has left already. Nobody at all is not a problem: nothing is computed.
 */
export function findGone<P extends Pick<WhatIfPerson, 'login' | 'disabled'>>(logins: readonly string[], people: readonly P[]): { gone: P[]; problems: GoneProblem[] } {
  const byLogin = new Map(people.map((p) => [p.login, p]));
  const problems: GoneProblem[] = [];
  if (logins.length > MAX_GONE) problems.push({ kind: 'too-many', count: logins.length });
  const unknown = logins.filter((login) => !byLogin.has(login));
  if (unknown.length > 0) problems.push({ kind: 'unknown', logins: unknown.slice(0, 10).map(shown) });
  const left = logins.filter((login) => byLogin.get(login)?.disabled);
  if (left.length > 0) problems.push({ kind: 'left', logins: left });
  return { gone: problems.length > 0 ? [] : logins.map((login) => byLogin.get(login)!), problems };
}

/**
 * How close someone is to holding a skill, smallest first; null for a pass, which holds it already.
 * A waiting request is one observation away; a pass due for a recheck has been seen once and needs
 * seeing against the new version; any other state that is under way (a sign-off in part, a lapsed
 * pass) comes next; then "needs work"; then an item nobody has asked for yet.
 */
export function closeness(state: ItemState): number | null {
  switch (state) {
    case 'passed':
      return null;
    case 'requested':
      return 0;
    case 'recheck':
      return 1;
    case 'needs-work':
      return 3;
    case 'not-requested':
      return 4;
    default:
      return 2;
  }
}

/** A critical skill the departure touches: how many hold it before and after. */
export interface SkillLoss {
  skill: CriticalSkill;
  before: number;
  after: number;
  /** Nobody would hold it. */
  zero: boolean;
  /** Fewer would hold it than its minimum. */
  below: boolean;
  /** The people leaving who hold it. */
  leaving: WhatIfPerson[];
}

/** Someone who stays and could come to hold a skill. */
export interface Candidate {
  person: WhatIfPerson;
  state: ItemState;
}

/** One training that would close a gap: who learns which item, observed by whom. */
export interface Training {
  person: WhatIfPerson;
  state: ItemState;
  /** A certified holder of the skill who stays; null when nobody who stays holds it. */
  mentor: WhatIfPerson | null;
  /** The mentor is the one the person already has. */
  ownMentor: boolean;
}

/** A skill that would fall below its minimum, and how to bring it back. */
export interface Gap {
  loss: SkillLoss;
  /** People to train to reach the minimum again. */
  needed: number;
  /** Everyone who stays and has the item on their path, closest first. */
  candidates: Candidate[];
  /** The closest `needed` candidates (or all there are), each with a mentor. */
  training: Training[];
  /** Certified holders who stay. */
  holders: WhatIfPerson[];
}

/** A role whose every holder would leave. */
export interface EmptyRole {
  role: WhatIfRole;
  leaving: WhatIfPerson[];
  /**
   * People who stay, in other positions, certified in every critical skill of the role's path; null
   * when the role's path asks for none, so there is nothing to compare.
   */
  canCover: WhatIfPerson[] | null;
}

export interface WhatIfResult {
  gone: WhatIfPerson[];
  /** Every critical skill someone leaving holds: those falling to zero first, then below their minimum. */
  losses: SkillLoss[];
  /** The skills that would fall below their minimum, in the same order, with whom to train. */
  gaps: Gap[];
  roles: EmptyRole[];
  /** Mentors leaving, and their trainees who stay. */
  orphans: { mentor: WhatIfPerson; trainees: WhatIfPerson[] }[];
  /** People with a head's rights in the portal who stay. */
  headsLeft: number;
}

const byName = (a: { name: string; login: string }, b: { name: string; login: string }) => names.compare(a.name, b.name) || a.login.localeCompare(b.login);

/** Who may be asked to observe: a person's own mentor first, then those with the rights to judge, then the least busy. */
function pickMentor(person: WhatIfPerson, holders: readonly WhatIfPerson[], load: Map<string, number>): WhatIfPerson | null {
  const own = holders.find((h) => h.id === person.mentorId);
  if (own) return own;
  // A mentor or a head may record the verdict; anyone else only observes.
  const cannotJudge = (h: WhatIfPerson) => (h.appRole === 'employee' ? 1 : 0);
  return [...holders].sort((a, b) => cannotJudge(a) - cannotJudge(b) || (load.get(a.id) ?? 0) - (load.get(b.id) ?? 0) || byName(a, b))[0] ?? null;
}

/**
 * What the department would lose if `goneIds` left at once, and how to close each gap. Disabled
 * people count nowhere: they are gone already.
 */
export function whatIf(input: { skills: readonly CriticalSkill[]; people: readonly WhatIfPerson[]; roles: readonly WhatIfRole[]; goneIds: readonly string[] }): WhatIfResult {
  const leaving = new Set(input.goneIds);
  const active = input.people.filter((p) => !p.disabled);
  const gone = input.goneIds.flatMap((id) => active.filter((p) => p.id === id));
  const staying = active.filter((p) => !leaving.has(p.id));

  const losses: SkillLoss[] = input.skills
    .map((skill) => {
      const holdersLeaving = gone.filter((p) => p.certified.has(skill.key));
      const after = staying.filter((p) => p.certified.has(skill.key)).length;
      const before = after + holdersLeaving.length;
      return { skill, before, after, zero: after === 0, below: after < skill.minimum, leaving: holdersLeaving };
    })
    .filter((loss) => loss.leaving.length > 0)
    .sort((a, b) => Number(b.zero) - Number(a.zero) || Number(b.below) - Number(a.below) || a.after - b.after || names.compare(a.skill.title, b.skill.title));

  // One mentor is not handed every training: each pick counts against them for the next.
  const load = new Map<string, number>();
  const gaps: Gap[] = losses
    .filter((loss) => loss.below)
    .map((loss) => {
      const key = loss.skill.key;
      const holders = staying.filter((p) => p.certified.has(key)).sort(byName);
      const candidates = staying
        .flatMap((person) => {
          const state = person.onPath.get(key);
          return state === undefined || closeness(state) === null ? [] : [{ person, state }];
        })
        .sort((a, b) => closeness(a.state)! - closeness(b.state)! || byName(a.person, b.person));
      const needed = loss.skill.minimum - loss.after;
      const training = candidates.slice(0, needed).map(({ person, state }) => {
        const mentor = pickMentor(person, holders, load);
        if (mentor) load.set(mentor.id, (load.get(mentor.id) ?? 0) + 1);
        return { person, state, mentor, ownMentor: mentor !== null && mentor.id === person.mentorId };
      });
      return { loss, needed, candidates, training, holders };
    });

  const roles: EmptyRole[] = input.roles.flatMap((role) => {
    const holders = active.filter((p) => p.position === role.id);
    if (holders.length === 0 || holders.some((p) => !leaving.has(p.id))) return [];
    const canCover = role.skills.length === 0 ? null : staying.filter((p) => p.position !== role.id && role.skills.every((s) => p.certified.has(s))).sort(byName);
    return [{ role, leaving: holders.sort(byName), canCover }];
  });

  const orphans = gone
    .map((mentor) => ({ mentor, trainees: staying.filter((p) => p.mentorId === mentor.id).sort(byName) }))
    .filter((row) => row.trainees.length > 0);

  return { gone, losses, gaps, roles, orphans, headsLeft: staying.filter((p) => p.appRole === 'head').length };
}
