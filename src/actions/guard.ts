import { ActionError, type ActionAPIContext } from 'astro:actions';
import { can, type Action, type PersonSubject } from '../domain/permissions';
import { personById } from '../server/records/users';
import type { PublicUser } from '../server/store/data';
import type { Store } from '../server/store/store';

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

/**
 * The active person an action is about, with the signed-in person allowed `action` on them: a 404
 * for someone who does not exist or is disabled, a 401 or 403 as `authorize` says.
 */
export async function personActedOn(context: Pick<ActionAPIContext, 'locals'>, store: Store, userId: string, action: Action) {
  requireUser(context);
  const person = await personById(store, userId);
  if (!person || person.disabled) throw new ActionError({ code: 'NOT_FOUND', message: context.locals.i18n.t('people.notFound') });
  return { person, actor: authorize(context, action, person) };
}
