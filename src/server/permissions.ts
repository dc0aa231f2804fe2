import type { PublicUser } from './store/data';

/** Everything a person may try to do, named once. */
export type Action =
  | 'content.read'
  | 'doc.acknowledge'
  | 'person.view'
  | 'people.manage'
  | 'account.changePassword'
  | 'search.recordGap'
  | 'search.drafts'
  | 'search.gaps';

/** The person an action is about, when it is about a person. */
export interface PersonSubject {
  id: string;
  mentorId: string | null;
}

type Actor = Pick<PublicUser, 'id' | 'appRole' | 'disabled'>;

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
    case 'search.recordGap':
      return true;
    case 'person.view':
      if (!subject) return false;
      if (user.appRole === 'head') return true;
      if (subject.id === user.id) return true;
      return user.appRole === 'mentor' && subject.mentorId === user.id;
    case 'people.manage':
      return user.appRole === 'head';
    // Heads search drafts and the archive too, and see what people searched for in vain.
    case 'search.drafts':
    case 'search.gaps':
      return user.appRole === 'head';
    default:
      return false;
  }
}
