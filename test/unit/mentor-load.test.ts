import { describe, expect, it } from 'vitest';
import { overloadedMentors, traineesByMentor } from '../../src/domain/mentor-load';

const person = (id: string, mentorId: string | null = null, disabled = false) => ({ id, mentorId, disabled });

describe('mentors over the department’s limit of trainees', () => {
  const people = [
    person('orlov'),
    person('kuznetsova'),
    person('left', null, true),
    person('t1', 'orlov'),
    person('t2', 'orlov'),
    person('t3', 'orlov'),
    person('t4', 'kuznetsova'),
    person('t5', 'kuznetsova'),
    person('gone', 'kuznetsova', true),
    person('t6', 'left'),
    person('t7', 'left'),
    person('t8', 'left'),
  ];

  it('counts each active mentor’s active trainees', () => {
    const load = traineesByMentor(people);
    expect(load.get('orlov')?.map((p) => p.id)).toEqual(['t1', 't2', 't3']);
    // A disabled trainee is nobody's load; a disabled mentor's trainees have no mentor to load.
    expect(load.get('kuznetsova')?.map((p) => p.id)).toEqual(['t4', 't5']);
    expect(load.has('left')).toBe(false);
  });

  it('flags a mentor over the limit, not one at it, the most loaded first', () => {
    expect(overloadedMentors(people, 2).map(({ mentor, trainees }) => [mentor.id, trainees.length])).toEqual([['orlov', 3]]);
    expect(overloadedMentors(people, 1).map(({ mentor, trainees }) => [mentor.id, trainees.length])).toEqual([
      ['orlov', 3],
      ['kuznetsova', 2],
    ]);
    expect(overloadedMentors(people, 3)).toEqual([]);
  });

  it('flags nobody when the department sets no limit', () => {
    expect(overloadedMentors(people, undefined)).toEqual([]);
  });
});
