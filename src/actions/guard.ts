import { ActionError, type ActionAPIContext } from 'astro:actions';
import { can, type Action, type PersonSubject } from '../domain/permissions';
import type { PublicUser } from '../server/store/data';

/** The signed-in person, or a 401 that says to sign in. */
export function requireUser(context: Pick<ActionAPIContext, 'locals'>): PublicUser {
  const user = context.locals.user;
  if (!user) throw new ActionError({ code: 'UNAUTHORIZED', message: context.locals.i18n.t('error.unauthorized') });
  return user;
}

/** The signed-in person, if `can` allows them the action; otherwise a 401 or 403. */
export function authorize(context: Pick<ActionAPIContext, 'locals'>, action: Action, subject?: PersonSubject): PublicUser {
  const user = requireUser(context);
  if (!can(user, action, subject)) throw new ActionError({ code: 'FORBIDDEN', message: context.locals.i18n.t('error.forbidden') });
  return user;
}
