import { describe, expect, it } from 'vitest';
import type { ItemState } from '../../src/domain/signoffs';
import { criticalSkills } from '../../src/domain/skill-coverage';
import { closeness, findGone, goneLogins, MAX_GONE, whatIf, whatIfHref, type WhatIfPerson, type WhatIfRole } from '../../src/domain/what-if';

// A small department: the head, two mentors, a key-account manager and four managers in training.
const skills = criticalSkills(
  [
    {
      id: 'trainee',
      title: 'Навыки стажёра',
      items: [
        { id: 'inbound-call', title: 'Входящий звонок', critical: true },
        { id: 'crm-card', title: 'Карточка в CRM', critical: false },
        { id: 'discount', title: 'Торг о скидке', critical: true, minCertified: 3 },
      ],
    },
    { id: 'kam', title: 'Ключевые клиенты', items: [{ id: 'annual-contract', title: 'Годовой договор', critical: true }] },
  ],
  2,
);

const person = (
  login: string,
  fields: { name?: string; position?: string; appRole?: WhatIfPerson['appRole']; mentor?: string; disabled?: boolean; certified?: string[]; onPath?: Record<string, ItemState> } = {},
): WhatIfPerson => ({
  id: `id-${login}`,
  login,
  name: fields.name ?? login,
  position: fields.position ?? 'manager',
  appRole: fields.appRole ?? 'employee',
  mentorId: fields.mentor ? `id-${fields.mentor}` : null,
  disabled: fields.disabled ?? false,
  certified: new Set(fields.certified ?? []),
  onPath: new Map(Object.entries(fields.onPath ?? {})),
});

const path = (inbound: ItemState, discount: ItemState) => ({ 'trainee/inbound-call': inbound, 'trainee/discount': discount });
const people = [
  person('head', { name: 'Ирина', position: 'head-of-sales', appRole: 'head', certified: ['trainee/discount'] }),
  person('mentor1', { name: 'Дмитрий', position: 'senior', appRole: 'mentor', certified: ['trainee/inbound-call', 'trainee/discount'] }),
  person('mentor2', { name: 'Елена', position: 'senior', appRole: 'mentor', certified: ['trainee/inbound-call', 'trainee/discount'] }),
  person('kam', { name: 'Вера', position: 'key-account-manager', certified: ['kam/annual-contract'], onPath: { 'kam/annual-contract': 'passed' } }),
  person('t1', { name: 'Алексей', mentor: 'mentor1', onPath: path('not-requested', 'needs-work') }),
  person('t2', { name: 'Мария', mentor: 'mentor1', onPath: path('requested', 'not-requested') }),
  person('t3', { name: 'Никита', mentor: 'mentor2', onPath: path('needs-work', 'recheck') }),
  person('t4', { name: 'Ольга', mentor: 'mentor2', onPath: path('not-requested', 'not-requested') }),
  person('gone-already', { name: 'Глеб', position: 'key-account-manager', disabled: true, certified: ['kam/annual-contract', 'trainee/inbound-call'] }),
];
const roles: WhatIfRole[] = [
  { id: 'head-of-sales', title: 'РОП', duties: ['Ставит план отделу.', 'Согласует скидки сверх полномочий.'], skills: [] },
  { id: 'senior', title: 'Старший менеджер', duties: ['Наставляет стажёров.'], skills: ['trainee/inbound-call'] },
  { id: 'key-account-manager', title: 'КАМ', duties: ['Ведёт ключевых клиентов.', 'Продлевает годовые договоры.'], skills: ['kam/annual-contract'] },
  { id: 'manager', title: 'Менеджер', duties: ['Обрабатывает заявки.'], skills: ['trainee/inbound-call', 'trainee/discount'] },
];
const idOf = (login: string) => `id-${login}`;
const run = (...logins: string[]) => whatIf({ skills, people, roles, goneIds: logins.map(idOf) });
const logins = (list: readonly { login: string }[]) => list.map((p) => p.login);

describe('who a head takes out', () => {
  it('reads the logins from the address, either way they come, without repeats or blanks', () => {
    expect(goneLogins(['mentor1,head'])).toEqual(['mentor1', 'head']);
    expect(goneLogins(['mentor1', 'head', ' Mentor1 ', ''])).toEqual(['mentor1', 'head']);
    expect(goneLogins(['t1, t2,,t3'])).toEqual(['t1', 't2', 't3']);
    expect(goneLogins([])).toEqual([]);
  });

  it('finds the people, the head among them, in the order asked', () => {
    expect(findGone(['mentor1', 'head'], people)).toEqual({ gone: [people[1], people[0]], problems: [] });
  });

  it(`refuses more than ${MAX_GONE} people, a login nobody has and someone who has left, naming them all`, () => {
    expect(findGone(['head', 'mentor1', 'mentor2', 't1', 't2'], people)).toEqual({ gone: [], problems: [{ kind: 'too-many', count: 5 }] });
    expect(findGone(['head', 'nobody', 'gone-already'], people)).toEqual({
      gone: [],
      problems: [
        { kind: 'unknown', logins: ['nobody'] },
        { kind: 'left', logins: ['gone-already'] },
      ],
    });
    // What is echoed back stays short, however long the address.
    expect(findGone(['x'.repeat(500)], people).problems).toEqual([{ kind: 'unknown', logins: [`${'x'.repeat(40)}…`] }]);
  });
});

describe('what the department would lose', () => {
  it('removing the only holder of a skill takes it to zero, and the role with it', () => {
    const result = run('kam');
    expect(result.losses).toEqual([expect.objectContaining({ before: 1, after: 0, zero: true, below: true })]);
    expect(result.losses[0]!.skill.key).toBe('kam/annual-contract');
    // The disabled key-account manager who once held it counts neither before nor after.
    expect(logins(result.losses[0]!.leaving)).toEqual(['kam']);
    expect(result.roles.map((r) => [r.role.id, logins(r.leaving), r.canCover])).toEqual([['key-account-manager', ['kam'], []]]);
    // Nobody else has the checklist on their path, and nobody who stays holds it to teach it.
    expect(result.gaps).toEqual([expect.objectContaining({ needed: 2, candidates: [], training: [], holders: [] })]);
  });

  it('removing the head empties their role, leaves nobody with a head’s rights, and takes a skill below its own minimum', () => {
    const result = run('head');
    expect(result.headsLeft).toBe(0);
    expect(result.roles).toEqual([expect.objectContaining({ role: roles[0], canCover: null })]);
    expect(result.roles[0]!.role.duties).toEqual(['Ставит план отделу.', 'Согласует скидки сверх полномочий.']);
    // The discount needs three people (the item's minCertified), not the site's two.
    expect(result.losses.map((l) => [l.skill.key, l.before, l.after, l.zero, l.below])).toEqual([['trainee/discount', 3, 2, false, true]]);
    const [gap] = result.gaps;
    expect(gap!.needed).toBe(1);
    expect(logins(gap!.holders)).toEqual(['mentor1', 'mentor2']);
    // Closest first: a pass due for a recheck, then "needs work", then not asked for yet.
    expect(gap!.candidates.map((c) => [c.person.login, c.state])).toEqual([
      ['t3', 'recheck'],
      ['t1', 'needs-work'],
      ['t2', 'not-requested'],
      ['t4', 'not-requested'],
    ]);
    // Никита is trained by his own mentor, who holds the skill.
    expect(gap!.training.map((t) => [t.person.login, t.mentor?.login, t.ownMentor])).toEqual([['t3', 'mentor2', true]]);
    expect(result.orphans).toEqual([]);
  });

  it('removing four people at once: every loss, every empty role, every trainee left without a mentor', () => {
    const result = run('head', 'mentor1', 'mentor2', 'kam');
    expect(logins(result.gone)).toEqual(['head', 'mentor1', 'mentor2', 'kam']);
    expect(result.losses.map((l) => [l.skill.key, l.before, l.after])).toEqual([
      // All at zero: by title.
      ['trainee/inbound-call', 2, 0],
      ['kam/annual-contract', 1, 0],
      ['trainee/discount', 3, 0],
    ]);
    expect(result.losses.every((l) => l.zero && l.below)).toBe(true);
    expect(result.roles.map((r) => r.role.id)).toEqual(['head-of-sales', 'senior', 'key-account-manager']);
    // The seniors' critical skill is held by nobody who stays.
    expect(result.roles[1]!.canCover).toEqual([]);
    expect(result.orphans.map((o) => [o.mentor.login, logins(o.trainees)])).toEqual([
      ['mentor1', ['t1', 't2']],
      ['mentor2', ['t3', 't4']],
    ]);
    expect(result.headsLeft).toBe(0);
  });

  it('with nobody left to mentor a skill, still names whom to train, with no mentor beside them', () => {
    const gap = run('mentor1', 'mentor2').gaps.find((g) => g.loss.skill.key === 'trainee/inbound-call')!;
    expect(gap.loss).toMatchObject({ before: 2, after: 0, zero: true });
    expect(gap.holders).toEqual([]);
    expect(gap.training.map((t) => [t.person.login, t.state, t.mentor])).toEqual([
      ['t2', 'requested', null],
      ['t3', 'needs-work', null],
    ]);
  });

  it('asks a holder who may judge before one who may not, when the person’s own mentor holds nothing', () => {
    const many = [
      ...people.filter((p) => p.login !== 'mentor2'),
      person('seller', { name: 'Анна', certified: ['trainee/discount'] }),
      person('mentor3', { name: 'Юлия', appRole: 'mentor', certified: ['trainee/discount'] }),
    ];
    const gap = whatIf({ skills, people: many, roles, goneIds: [idOf('head'), idOf('mentor1')] }).gaps.find((g) => g.loss.skill.key === 'trainee/discount')!;
    expect(gap.loss).toMatchObject({ before: 4, after: 2, below: true });
    expect(logins(gap.holders)).toEqual(['seller', 'mentor3']);
    // Никита's own mentor is not in the department any more.
    expect(gap.training.map((t) => [t.person.login, t.mentor?.login, t.ownMentor])).toEqual([['t3', 'mentor3', false]]);
  });

  it('leaves out skills nobody leaving holds, and people without the item on their path', () => {
    const result = run('t1', 't2');
    expect(result.losses).toEqual([]);
    expect(result.gaps).toEqual([]);
    expect(result.roles).toEqual([]);
    expect(result.headsLeft).toBe(1);
  });
});

describe('how close someone is to a skill', () => {
  it('orders a waiting request, a recheck, any other state under way, needs work, then not asked for; a pass is no candidate', () => {
    const states: ItemState[] = ['not-requested', 'needs-work', 'recheck', 'requested', 'passed'];
    expect(states.map(closeness)).toEqual([4, 3, 1, 0, null]);
    // A state this code does not know yet (a sign-off in part, say) is under way: between the two.
    expect(closeness('partly-observed' as ItemState)).toBe(2);
  });
});

describe('the address of a "what if"', () => {
  it('names everyone in one `gone`, so the link is short to share, and reads back the same', () => {
    expect(whatIfHref(['mentor1', 'head'])).toBe('/team/coverage/what-if/?gone=mentor1,head');
    expect(whatIfHref([])).toBe('/team/coverage/what-if/');
    const address = new URL(whatIfHref(['a.petrova', 'i_ivanov']), 'http://portal');
    expect(goneLogins(address.searchParams.getAll('gone'))).toEqual(['a.petrova', 'i_ivanov']);
  });
});
