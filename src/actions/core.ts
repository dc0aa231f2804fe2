import { ActionError, defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { docById, docContentHash, roleById } from '../content';
import { AckError, acknowledgeDoc } from '../server/records/acknowledgements';
import { authorize } from './guard';
import { dummyHash, hashPassword, passwordProblem, temporaryPassword, verifyPassword } from '../server/http/passwords';
import { safeNext } from '../domain/paths';
import { services } from '../server/services';
import { credentialsFor, PeopleError, personById, addPerson as addPersonToStore, setDisabled, setPasswordHash, updatePerson as updatePersonInStore } from '../server/records/users';
import type { Translator } from '../i18n';
import { calendarDay, personName } from '../schemas/person';

// Each action: input schema, then who is asking, then the permission check, then the store change
// with its audit entry (written together). Scores, authors and times are set here, never taken from input.

const login = z.string().trim().toLowerCase().regex(/^[a-z0-9._-]{2,40}$/);
const day = calendarDay;
const id = z.string().min(1).max(64);

/** What a head sets on a person, in the add and the edit form alike. */
const personFields = {
  name: z.string().trim().pipe(personName),
  appRole: z.enum(['employee', 'mentor', 'head']),
  position: id,
  // An empty select arrives as null: no mentor.
  mentorId: z.string().max(64).nullish().transform((value) => value || null),
  hired: day,
};

function peopleError(error: unknown, t: Translator['t']): never {
  if (error instanceof PeopleError) {
    const messages = {
      'login-taken': t('people.loginTaken'),
      'no-mentor': t('people.noSuchMentor'),
      'mentor-self': t('people.mentorSelf'),
      'not-found': t('people.notFound'),
      'last-head': t('people.lastHead'),
    } as const;
    throw new ActionError({ code: error.code === 'not-found' ? 'NOT_FOUND' : 'CONFLICT', message: messages[error.code] });
  }
  throw error;
}

async function requirePosition(position: string, t: Translator['t']) {
  if (!(await roleById(position))) throw new ActionError({ code: 'BAD_REQUEST', message: t('people.badPosition') });
}

/** Signing in and out, one's own password, confirming documents, managing people. */
export const coreActions = {
  login: defineAction({
    accept: 'form',
    input: z.object({ login: z.string().trim().max(80), password: z.string().max(200), next: z.string().max(500).optional() }),
    handler: async (input, context) => {
      const { store, throttle } = await services();
      const { t } = context.locals.i18n;
      const key = input.login.toLowerCase();
      const wait = throttle.blockedFor(key);
      if (wait > 0) {
        throw new ActionError({ code: 'TOO_MANY_REQUESTS', message: t('auth.locked', { minutes: Math.ceil(wait / 60_000) }) });
      }
      const found = await credentialsFor(store, key);
      // The same work whether or not the login exists, so the answer reveals nothing.
      const ok = await verifyPassword(input.password, found?.passwordHash ?? (await dummyHash()));
      if (!found || !ok || found.disabled) {
        throttle.recordFailure(key);
        throw new ActionError({ code: 'UNAUTHORIZED', message: t('auth.failed') });
      }
      throttle.recordSuccess(key);
      await context.session?.regenerate();
      context.session?.set('userId', found.id);
      await store.record({ actor: found.id, action: 'auth.signIn', subject: `user:${found.id}`, details: {} });
      return { next: safeNext(input.next) };
    },
  }),

  logout: defineAction({
    accept: 'form',
    handler: async (_input, context) => {
      const user = context.locals.user;
      context.session?.destroy();
      if (user) {
        const { store } = await services();
        await store.record({ actor: user.id, action: 'auth.signOut', subject: `user:${user.id}`, details: {} });
      }
      return { ok: true };
    },
  }),

  changePassword: defineAction({
    accept: 'form',
    input: z.object({ current: z.string().max(200), next: z.string().max(200), repeat: z.string().max(200) }),
    handler: async (input, context) => {
      const user = authorize(context, 'account.changePassword');
      const { t } = context.locals.i18n;
      const { store } = await services();
      const found = await credentialsFor(store, user.login);
      if (!found || !(await verifyPassword(input.current, found.passwordHash))) {
        throw new ActionError({ code: 'BAD_REQUEST', message: t('account.wrongCurrent') });
      }
      if (input.next !== input.repeat) throw new ActionError({ code: 'BAD_REQUEST', message: t('account.mismatch') });
      const problem = passwordProblem(input.next);
      if (problem) throw new ActionError({ code: 'BAD_REQUEST', message: t(problem === 'short' ? 'account.short' : 'account.digits') });
      if (input.next === input.current) throw new ActionError({ code: 'BAD_REQUEST', message: t('account.same') });
      await setPasswordHash(store, user.id, await hashPassword(input.next), false, () => ({ actor: user.id, action: 'account.changePassword', subject: `user:${user.id}`, details: {} }));
      await context.session?.regenerate();
      return { ok: true };
    },
  }),

  acknowledgeDoc: defineAction({
    accept: 'form',
    input: z.object({ docId: id, version: z.string().regex(/^\d+\.\d+$/) }),
    handler: async (input, context) => {
      const user = authorize(context, 'doc.acknowledge');
      const { t } = context.locals.i18n;
      const doc = await docById(input.docId);
      if (!doc || doc.data.status !== 'active') throw new ActionError({ code: 'NOT_FOUND', message: t('error.notFound') });
      const { store } = await services();
      try {
        const result = await acknowledgeDoc(store, {
          userId: user.id,
          docId: doc.id,
          version: input.version,
          currentVersion: doc.data.version,
          contentHash: docContentHash(doc),
        }, (r) => r.added && { actor: user.id, action: 'doc.acknowledge', subject: `doc:${doc.id}`, details: { version: input.version } });
        return { version: result.ack.version, at: result.ack.at };
      } catch (error) {
        if (error instanceof AckError) throw new ActionError({ code: 'CONFLICT', message: t('ack.stale') });
        throw error;
      }
    },
  }),

  addPerson: defineAction({
    accept: 'form',
    input: z.object({ login, ...personFields }),
    handler: async (input, context) => {
      const head = authorize(context, 'people.manage');
      const { t } = context.locals.i18n;
      await requirePosition(input.position, t);
      const { store } = await services();
      const password = temporaryPassword();
      try {
        const person = await addPersonToStore(store, input, await hashPassword(password), true, (added) => ({
          actor: head.id,
          action: 'user.add',
          subject: `user:${added.id}`,
          details: { login: added.login, appRole: added.appRole, position: added.position, mentorId: added.mentorId },
        }));
        return { id: person.id, name: person.name, login: person.login, temporaryPassword: password };
      } catch (error) {
        return peopleError(error, t);
      }
    },
  }),

  updatePerson: defineAction({
    accept: 'form',
    input: z.object({ id, ...personFields }),
    handler: async (input, context) => {
      const head = authorize(context, 'people.manage');
      const { t } = context.locals.i18n;
      await requirePosition(input.position, t);
      const { store } = await services();
      const { id: personId, ...fields } = input;
      try {
        const person = await updatePersonInStore(store, personId, fields, (updated) => ({ actor: head.id, action: 'user.update', subject: `user:${updated.id}`, details: fields }));
        return { id: person.id };
      } catch (error) {
        return peopleError(error, t);
      }
    },
  }),

  setPersonAccess: defineAction({
    accept: 'form',
    input: z.object({ id, disabled: z.enum(['true', 'false']).transform((value) => value === 'true') }),
    handler: async (input, context) => {
      const head = authorize(context, 'people.manage');
      const { t } = context.locals.i18n;
      const { store } = await services();
      try {
        const person = await setDisabled(store, input.id, input.disabled, (changed) => ({ actor: head.id, action: input.disabled ? 'user.disable' : 'user.enable', subject: `user:${changed.id}`, details: {} }));
        return { id: person.id, disabled: person.disabled };
      } catch (error) {
        return peopleError(error, t);
      }
    },
  }),

  resetPassword: defineAction({
    accept: 'form',
    input: z.object({ id }),
    handler: async (input, context) => {
      const head = authorize(context, 'people.manage');
      const { t } = context.locals.i18n;
      const { store } = await services();
      const person = await personById(store, input.id);
      if (!person) throw new ActionError({ code: 'NOT_FOUND', message: t('people.notFound') });
      const password = temporaryPassword();
      await setPasswordHash(store, person.id, await hashPassword(password), true, () => ({ actor: head.id, action: 'user.resetPassword', subject: `user:${person.id}`, details: {} }));
      return { id: person.id, name: person.name, temporaryPassword: password };
    },
  }),
};
