import { describe, expect, it } from 'vitest';
import { coverageBySkill, coverForRoles, criticalSkills, skillKey, type CoveragePerson, type CriticalSkill } from '../../src/domain/skill-coverage';

const person = (id: string, position: string, skills: string[], disabled = false): CoveragePerson => ({
  id,
  login: id,
  name: id.toUpperCase(),
  position,
  disabled,
  certified: new Set(skills),
});

const skill = (checklist: string, item: string, title = item, minimum = 2): CriticalSkill => ({ key: skillKey(checklist, item), checklistId: checklist, itemId: item, title, checklist, minimum });

const people = [
  person('anna', 'senior-manager', ['trainee/inbound-call', 'trainee/discount-negotiation', 'kam/qbr']),
  person('boris', 'account-manager', ['trainee/inbound-call']),
  person('vera', 'key-account-manager', ['kam/qbr', 'kam/discount-negotiation']),
  person('gleb', 'account-manager', ['trainee/inbound-call', 'kam/qbr'], true),
];

describe('critical skill coverage', () => {
  it('counts certified people, leaving disabled people out, and flags thin skills', () => {
    const coverage = coverageBySkill([skill('trainee', 'inbound-call'), skill('kam', 'qbr'), skill('trainee', 'receivables-call')], people);
    expect(coverage.map((c) => [c.key, c.people.map((p) => p.id), c.belowMinimum, c.single])).toEqual([
      ['trainee/inbound-call', ['anna', 'boris'], false, false],
      ['kam/qbr', ['anna', 'vera'], false, false],
      ['trainee/receivables-call', [], true, false],
    ]);
    expect(coverageBySkill([skill('trainee', 'inbound-call')], people.slice(1))[0]).toMatchObject({ belowMinimum: true, single: true });
  });

  it('holds each skill to its own minimum: the item’s minCertified, else the site’s', () => {
    const skills = criticalSkills(
      [
        {
          id: 'trainee',
          title: 'Навыки стажёра',
          items: [
            { id: 'inbound-call', title: 'Входящий звонок', critical: true, minCertified: 3 },
            { id: 'crm-card', title: 'Карточка в CRM', critical: false },
            { id: 'discount-negotiation', title: 'Торг', critical: true },
          ],
        },
      ],
      2,
    );
    expect(skills).toEqual([
      { key: 'trainee/inbound-call', checklistId: 'trainee', itemId: 'inbound-call', title: 'Входящий звонок', checklist: 'Навыки стажёра', minimum: 3 },
      { key: 'trainee/discount-negotiation', checklistId: 'trainee', itemId: 'discount-negotiation', title: 'Торг', checklist: 'Навыки стажёра', minimum: 2 },
    ]);
    // Two holders: enough for the site's two, not for the item's three.
    expect(coverageBySkill(skills, people).map((c) => [c.key, c.people.length, c.belowMinimum])).toEqual([
      ['trainee/inbound-call', 2, true],
      ['trainee/discount-negotiation', 1, true],
    ]);
  });

  it('tells apart items with the same id on different checklists: a trainee’s discount is not an annual contract', () => {
    const coverage = coverageBySkill([skill('trainee', 'discount-negotiation', 'В пределах полномочий', 1), skill('kam', 'discount-negotiation', 'Годовой договор', 1)], people);
    expect(coverage.map((c) => [c.title, c.people.map((p) => p.id)])).toEqual([
      ['В пределах полномочий', ['anna']],
      ['Годовой договор', ['vera']],
    ]);
    expect(skillKey('trainee', 'discount-negotiation')).not.toBe(skillKey('kam', 'discount-negotiation'));
  });
});

describe('who can cover whom', () => {
  it('lists people outside a role who hold all its critical skills, and the skills nobody outside holds', () => {
    const result = coverForRoles(
      [
        { id: 'key-account-manager', title: 'КАМ', skills: ['kam/qbr', 'kam/discount-negotiation'] },
        { id: 'senior-manager', title: 'Старший', skills: ['trainee/inbound-call', 'kam/qbr', 'trainee/discount-negotiation'] },
        { id: 'crm-admin', title: 'CRM', skills: [] },
      ],
      people,
    );
    expect(result.map((r) => [r.role, r.canCover.map((p) => p.id), r.uncovered])).toEqual([
      ['key-account-manager', [], ['kam/discount-negotiation']],
      ['senior-manager', [], ['trainee/discount-negotiation']],
    ]);
  });
});
