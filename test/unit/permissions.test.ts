import { describe, expect, it } from 'vitest';
import { can, type Action } from '../../src/domain/permissions';

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
    ['a head imports KPI figures', head, 'kpi.import', undefined, true],
    ['a head sees the effectiveness of training', head, 'team.analytics', undefined, true],
    ['a mentor sees the effectiveness of their trainees’ training', mentor, 'team.analytics', undefined, true],
    ['an employee does not see the effectiveness of training', trainee, 'team.analytics', undefined, false],
    ['a head sees sales before and after the courses', head, 'team.beforeAfter', undefined, true],
    ['a mentor does not see sales before and after the courses', mentor, 'team.beforeAfter', undefined, false],
    ['a head sees who can cover whom', head, 'team.coverage', undefined, true],
    ['a mentor does not see who can cover whom', mentor, 'team.coverage', undefined, false],
    ['a mentor does not import KPI figures', mentor, 'kpi.import', undefined, false],
    ['an employee does not import KPI figures', trainee, 'kpi.import', undefined, false],
    ['person.view without a subject is refused', head, 'person.view', undefined, false],
    ['an employee reads their own pay statements', trainee, 'pay.view', traineeSubject, true],
    ['an employee does not read a colleague’s pay', trainee, 'pay.view', colleagueSubject, false],
    ['a mentor does not read their trainee’s pay', mentor, 'pay.view', traineeSubject, false],
    ['a head reads everyone’s pay', head, 'pay.view', colleagueSubject, true],
    ['pay.view without a subject is refused', head, 'pay.view', undefined, false],
    ['a head reviews, approves and exports the month’s pay', head, 'pay.review', undefined, true],
    ['a mentor does not review pay', mentor, 'pay.review', undefined, false],
    ['an employee does not review pay', trainee, 'pay.review', undefined, false],
    ['a head sees the department’s sales', head, 'team.sales', undefined, true],
    ['a mentor does not see the department’s sales', mentor, 'team.sales', undefined, false],
    ['a trainee asks for their own sign-off', trainee, 'signoff.request', traineeSubject, true],
    ['a trainee does not ask on a colleague’s behalf', trainee, 'signoff.request', colleagueSubject, false],
    ['a mentor on a path asks for their own sign-off', mentor, 'signoff.request', { id: 'm', mentorId: 'h' }, true],
    ['a mentor does not ask on their trainee’s behalf', mentor, 'signoff.request', traineeSubject, false],
    ['signoff.request without a subject is refused', trainee, 'signoff.request', undefined, false],
    ['the assigned mentor signs off their trainee', mentor, 'signoff.decide', traineeSubject, true],
    ['another mentor does not sign off someone else’s trainee', otherMentor, 'signoff.decide', traineeSubject, false],
    ['a mentor does not sign off a person without a mentor', mentor, 'signoff.decide', colleagueSubject, false],
    ['a head signs off anyone’s trainee', head, 'signoff.decide', traineeSubject, true],
    ['a head signs off a person without a mentor', head, 'signoff.decide', colleagueSubject, true],
    ['a trainee does not sign off themself', trainee, 'signoff.decide', traineeSubject, false],
    ['a trainee does not sign off a colleague', trainee, 'signoff.decide', colleagueSubject, false],
    ['a mentor does not sign off themself', mentor, 'signoff.decide', { id: 'm', mentorId: 'h' }, false],
    ['a mentor does not sign off themself even when named their own mentor', mentor, 'signoff.decide', { id: 'm', mentorId: 'm' }, false],
    ['a head does not sign off themself', head, 'signoff.decide', { id: 'h', mentorId: null }, false],
    ['an employee named as someone’s mentor still may not sign off', colleague, 'signoff.decide', { id: 't', mentorId: 'c' }, false],
    ['signoff.decide without a subject is refused', head, 'signoff.decide', undefined, false],
    ['the assigned mentor gives their trainee more attempts', mentor, 'quiz.grantAttempts', traineeSubject, true],
    ['another mentor does not give someone else’s trainee more attempts', otherMentor, 'quiz.grantAttempts', traineeSubject, false],
    ['a head gives anyone more attempts', head, 'quiz.grantAttempts', colleagueSubject, true],
    ['a trainee does not give themself more attempts', trainee, 'quiz.grantAttempts', traineeSubject, false],
    ['a head does not give themself more attempts', head, 'quiz.grantAttempts', { id: 'h', mentorId: null }, false],
    ['quiz.grantAttempts without a subject is refused', head, 'quiz.grantAttempts', undefined, false],
    ['a mentor has a queue', mentor, 'signoff.queue', undefined, true],
    ['a head has a queue', head, 'signoff.queue', undefined, true],
    ['an employee has no queue', trainee, 'signoff.queue', undefined, false],
    ['an employee practises dialogues', trainee, 'dialogue.practise', undefined, true],
    ['a mentor practises dialogues', mentor, 'dialogue.practise', undefined, true],
    ['nobody anonymous practises dialogues', undefined, 'dialogue.practise', undefined, false],
    ['a head sees drafts', head, 'doc.viewDrafts', undefined, true],
    ['a mentor does not see drafts', mentor, 'doc.viewDrafts', undefined, false],
    ['an employee does not see drafts', trainee, 'doc.viewDrafts', undefined, false],
    ['a head oversees documents: sheets and content health', head, 'docs.oversee', undefined, true],
    ['a mentor does not oversee documents', mentor, 'docs.oversee', undefined, false],
    ['an employee does not oversee documents', trainee, 'docs.oversee', undefined, false],
    ['a head opens the team list', head, 'team.view', undefined, true],
    ['a mentor opens the team list', mentor, 'team.view', undefined, true],
    ['an employee does not open the team list', trainee, 'team.view', undefined, false],
    ['a head sees every team', head, 'team.viewAll', undefined, true],
    ['a mentor sees only their own trainees', mentor, 'team.viewAll', undefined, false],
    ['an employee sees no team', trainee, 'team.viewAll', undefined, false],
    ['an employee marks lessons done', trainee, 'lesson.complete', undefined, true],
    ['an employee takes quizzes', trainee, 'quiz.take', undefined, true],
    ['an employee rates courses', trainee, 'course.feedback', undefined, true],
    ['a head takes quizzes too', head, 'quiz.take', undefined, true],
    ['nobody anonymous takes quizzes', undefined, 'quiz.take', undefined, false],
    ['nobody anonymous marks lessons done', undefined, 'lesson.complete', undefined, false],
    ['a mentor sees their trainee’s quiz attempts (person.view)', mentor, 'person.view', traineeSubject, true],
    ['a colleague does not see a trainee’s quiz attempts', colleague, 'person.view', traineeSubject, false],
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
    for (const action of ['content.read', 'doc.acknowledge', 'account.changePassword', 'people.manage', 'signoff.queue', 'dialogue.practise', 'doc.viewDrafts', 'docs.oversee', 'team.view', 'kpi.import', 'team.analytics', 'team.beforeAfter', 'team.coverage', 'lesson.complete', 'quiz.take', 'course.feedback', 'search.recordGap', 'search.drafts', 'search.gaps', 'pay.review', 'team.sales'] as const) {
      expect(can({ ...head, disabled: true }, action)).toBe(false);
    }
    expect(can({ ...colleague, disabled: true }, 'person.view', colleagueSubject)).toBe(false);
    expect(can({ ...trainee, disabled: true }, 'signoff.request', traineeSubject)).toBe(false);
    expect(can({ ...mentor, disabled: true }, 'signoff.decide', traineeSubject)).toBe(false);
    expect(can({ ...head, disabled: true }, 'signoff.decide', traineeSubject)).toBe(false);
  });

  it('an action the table does not know is refused', () => {
    expect(can(head, 'everything' as Action)).toBe(false);
  });
});
