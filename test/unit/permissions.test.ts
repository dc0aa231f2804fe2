import { describe, expect, it } from 'vitest';
import { can, type Action } from '../../src/server/permissions';

type Actor = { id: string; appRole: 'employee' | 'mentor' | 'head'; disabled: boolean };
const head: Actor = { id: 'h', appRole: 'head', disabled: false };
const mentor: Actor = { id: 'm', appRole: 'mentor', disabled: false };
const otherMentor: Actor = { id: 'm2', appRole: 'mentor', disabled: false };
const trainee: Actor = { id: 't', appRole: 'employee', disabled: false };
const colleague: Actor = { id: 'c', appRole: 'employee', disabled: false };

const traineeSubject = { id: 't', mentorId: 'm' };
const colleagueSubject = { id: 'c', mentorId: null };

describe('can(user, action, subject)', () => {
  it.each<[string, Actor | undefined, Action, { id: string; mentorId: string | null } | undefined, boolean]>([
    ['anyone signed in reads content', trainee, 'content.read', undefined, true],
    ['nobody anonymous reads content', undefined, 'content.read', undefined, false],
    ['an employee confirms documents', trainee, 'doc.acknowledge', undefined, true],
    ['an employee changes their password', trainee, 'account.changePassword', undefined, true],
    ['an employee sees themself', trainee, 'person.view', traineeSubject, true],
    ['an employee does not see a colleague', trainee, 'person.view', colleagueSubject, false],
    ['an employee does not manage people', trainee, 'people.manage', undefined, false],
    ['a mentor sees their trainee', mentor, 'person.view', traineeSubject, true],
    ['a mentor does not see someone else’s trainee', otherMentor, 'person.view', traineeSubject, false],
    ['a mentor does not see a person without a mentor', mentor, 'person.view', colleagueSubject, false],
    ['a mentor sees themself', mentor, 'person.view', { id: 'm', mentorId: 'h' }, true],
    ['a mentor does not manage people', mentor, 'people.manage', undefined, false],
    ['a head sees everyone', head, 'person.view', colleagueSubject, true],
    ['a head manages people', head, 'people.manage', undefined, true],
    ['person.view without a subject is refused', head, 'person.view', undefined, false],
    ['an employee records a search that found nothing', trainee, 'search.recordGap', undefined, true],
    ['nobody anonymous records a search', undefined, 'search.recordGap', undefined, false],
    ['an employee does not search drafts', trainee, 'search.drafts', undefined, false],
    ['a mentor does not search drafts', mentor, 'search.drafts', undefined, false],
    ['a head searches drafts and the archive', head, 'search.drafts', undefined, true],
    ['a mentor does not see the content gaps', mentor, 'search.gaps', undefined, false],
    ['a head sees the content gaps', head, 'search.gaps', undefined, true],
  ])('%s', (_name, user, action, subject, expected) => {
    expect(can(user, action, subject)).toBe(expected);
  });

  it('a disabled person can do nothing, whatever their role', () => {
    for (const action of ['content.read', 'doc.acknowledge', 'account.changePassword', 'people.manage', 'search.recordGap', 'search.drafts', 'search.gaps'] as const) {
      expect(can({ ...head, disabled: true }, action)).toBe(false);
    }
    expect(can({ ...colleague, disabled: true }, 'person.view', colleagueSubject)).toBe(false);
  });

  it('an action the table does not know is refused', () => {
    expect(can(head, 'everything' as Action)).toBe(false);
  });
});
