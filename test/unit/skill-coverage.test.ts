import { describe, expect, it } from 'vitest';
import { coverageBySkill, coverForRoles, type CoveragePerson } from '../../src/domain/skill-coverage';

const person = (id: string, position: string, skills: string[], disabled = false): CoveragePerson => ({
  id,
  name: id.toUpperCase(),
  position,
  disabled,
  certified: new Set(skills),
});

const people = [
  person('anna', 'senior-manager', ['inbound-call', 'discount-negotiation', 'qbr']),
  person('boris', 'account-manager', ['inbound-call']),
  person('vera', 'key-account-manager', ['qbr', 'discount-negotiation']),
  person('gleb', 'account-manager', ['inbound-call', 'qbr'], true),
];

describe('critical skill coverage', () => {
  it('counts certified people, leaving disabled people out, and flags thin skills', () => {
    const coverage = coverageBySkill(
      [
        { skill: 'inbound-call', title: 'Входящий звонок' },
        { skill: 'qbr', title: 'Бизнес-обзор' },
        { skill: 'receivables-call', title: 'Звонок по дебиторке' },
      ],
      people,
      2,
    );
    expect(coverage.map((c) => [c.skill, c.people.map((p) => p.id), c.belowMinimum, c.single])).toEqual([
      ['inbound-call', ['anna', 'boris'], false, false],
      ['qbr', ['anna', 'vera'], false, false],
      ['receivables-call', [], true, false],
    ]);
    expect(coverageBySkill([{ skill: 'discount-negotiation', title: '' }], people, 3)[0]).toMatchObject({ belowMinimum: true, single: false });
    expect(coverageBySkill([{ skill: 'inbound-call', title: '' }], people.slice(1), 2)[0]).toMatchObject({ belowMinimum: true, single: true });
  });
});

describe('who can cover whom', () => {
  it('lists people outside a role who hold all its critical skills, and the skills nobody outside holds', () => {
    const result = coverForRoles(
      [
        { id: 'key-account-manager', title: 'КАМ', skills: ['qbr', 'discount-negotiation'] },
        { id: 'senior-manager', title: 'Старший', skills: ['inbound-call', 'qbr', 'discount-negotiation'] },
        { id: 'crm-admin', title: 'CRM', skills: [] },
      ],
      people,
    );
    expect(result.map((r) => [r.role, r.canCover.map((p) => p.id), r.uncovered])).toEqual([
      ['key-account-manager', ['anna'], []],
      ['senior-manager', [], []],
    ]);
  });
});
