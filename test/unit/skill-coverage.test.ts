import { describe, expect, it } from 'vitest';
import { coverageBySkill, coverForRoles, skillKey, type CoveragePerson, type CriticalSkill } from '../../src/domain/skill-coverage';

const person = (id: string, position: string, skills: string[], disabled = false): CoveragePerson => ({
  id,
  name: id.toUpperCase(),
  position,
  disabled,
  certified: new Set(skills),
});

const skill = (checklist: string, item: string, title = item): CriticalSkill => ({ key: skillKey(checklist, item), title, checklist });

const people = [
  person('anna', 'senior-manager', ['trainee/inbound-call', 'trainee/discount-negotiation', 'kam/qbr']),
  person('boris', 'account-manager', ['trainee/inbound-call']),
  person('vera', 'key-account-manager', ['kam/qbr', 'kam/discount-negotiation']),
  person('gleb', 'account-manager', ['trainee/inbound-call', 'kam/qbr'], true),
];

describe('critical skill coverage', () => {
  it('counts certified people, leaving disabled people out, and flags thin skills', () => {
    const coverage = coverageBySkill([skill('trainee', 'inbound-call'), skill('kam', 'qbr'), skill('trainee', 'receivables-call')], people, 2);
    expect(coverage.map((c) => [c.key, c.people.map((p) => p.id), c.belowMinimum, c.single])).toEqual([
      ['trainee/inbound-call', ['anna', 'boris'], false, false],
      ['kam/qbr', ['anna', 'vera'], false, false],
      ['trainee/receivables-call', [], true, false],
    ]);
    expect(coverageBySkill([skill('trainee', 'inbound-call')], people.slice(1), 2)[0]).toMatchObject({ belowMinimum: true, single: true });
  });

  it('tells apart items with the same id on different checklists: a trainee’s discount is not an annual contract', () => {
    const coverage = coverageBySkill([skill('trainee', 'discount-negotiation', 'В пределах полномочий'), skill('kam', 'discount-negotiation', 'Годовой договор')], people, 1);
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
