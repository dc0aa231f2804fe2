/** The rights a person has in Salesbook, from least to most. */
export const APP_ROLES = ['employee', 'mentor', 'head'] as const;
export type AppRole = (typeof APP_ROLES)[number];

/** Everything a person may try to do, named once. */
export type Action =
  | 'content.read'
  | 'doc.acknowledge'
  | 'person.view'
  | 'people.manage'
  | 'account.changePassword'
  | 'kpi.import'
  | 'pay.view'
  | 'pay.review'
  | 'team.sales'
  | 'signoff.request'
  | 'signoff.decide'
  | 'signoff.queue'
  | 'dialogue.practise'
  | 'team.analytics'
  | 'team.beforeAfter'
  | 'team.coverage'
  | 'doc.viewDrafts'
  | 'docs.oversee'
  | 'team.view'
  | 'team.viewAll'
  | 'lesson.complete'
  | 'quiz.take'
  | 'quiz.grantAttempts'
  | 'course.feedback'
  | 'search.recordGap'
  | 'search.drafts'
  | 'search.gaps'
  | 'notifications.own';

/** The person an action is about, when it is about a person. */
export interface PersonSubject {
  id: string;
  mentorId: string | null;
}

/** Who tries: enough of a person to decide. */
export interface Actor {
  id: string;
  appRole: AppRole;
  disabled: boolean;
}

/**
 * The one permission table. Deny by default: an action not listed for a role is refused.
 * Heads manage people and see everyone; mentors see their trainees; employees see themselves.
 */
export function can(user: Actor | undefined, action: Action, subject?: PersonSubject): boolean {
  if (!user || user.disabled) return false;
  switch (action) {
    case 'content.read':
    case 'doc.acknowledge':
    case 'account.changePassword':
    case 'dialogue.practise':
    case 'lesson.complete':
    case 'quiz.take':
    case 'course.feedback':
    case 'search.recordGap':
    // Everyone reads and marks their own notifications, and only their own.
    case 'notifications.own':
      return true;
    case 'person.view':
      if (!subject) return false;
      if (user.appRole === 'head') return true;
      if (subject.id === user.id) return true;
      return user.appRole === 'mentor' && subject.mentorId === user.id;
    case 'people.manage':
    case 'kpi.import':
      return user.appRole === 'head';
    // Pay is private: one's own statements, and every one for heads; a mentor does not see a trainee's.
    case 'pay.view':
      if (!subject) return false;
      return user.appRole === 'head' || subject.id === user.id;
    // Reviewing a month's statements, adjusting, approving, correcting and exporting them for payroll.
    case 'pay.review':
    // The department's sales by month and by person.
    case 'team.sales':
      return user.appRole === 'head';
    // The effectiveness of training (ramp time, course ratings and pass rates, questions missed) of the
    // people one sees: a mentor's own trainees, everyone for heads.
    case 'team.analytics':
      return user.appRole === 'head' || user.appRole === 'mentor';
    // Sales before and after each course, who can cover whom and what if some people left: the
    // department's figures, for heads.
    case 'team.beforeAfter':
    case 'team.coverage':
      return user.appRole === 'head';
    // Anyone on a learning path asks for their own sign-offs, and only for their own.
    case 'signoff.request':
      return subject !== undefined && subject.id === user.id;
    // The person's assigned mentor or a head judges a skill; nobody judges their own.
    case 'signoff.decide':
      if (!subject || subject.id === user.id) return false;
      if (user.appRole === 'head') return true;
      return user.appRole === 'mentor' && subject.mentorId === user.id;
    // More attempts at a quiz: the person's assigned mentor or a head, never for oneself.
    case 'quiz.grantAttempts':
      if (!subject || subject.id === user.id) return false;
      if (user.appRole === 'head') return true;
      return user.appRole === 'mentor' && subject.mentorId === user.id;
    // The queue of requests to judge: mentors see their trainees', heads everyone's.
    case 'signoff.queue':
      return user.appRole === 'mentor' || user.appRole === 'head';
    case 'doc.viewDrafts':
    case 'docs.oversee':
      return user.appRole === 'head';
    case 'team.view':
      return user.appRole === 'head' || user.appRole === 'mentor';
    // Everyone's team, not only one's own trainees: heads.
    case 'team.viewAll':
      return user.appRole === 'head';
    // Heads search drafts and the archive too, and see what people searched for in vain.
    case 'search.drafts':
    case 'search.gaps':
      return user.appRole === 'head';
    default:
      return false;
  }
}
