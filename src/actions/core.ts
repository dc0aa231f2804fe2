import { ActionError, defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { docById, docContentHash, roleById, siteSettings } from '../content';
import { AckError, acknowledgeDoc } from '../server/records/acknowledgements';
import { authorize, requireUser } from './guard';
import { dummyHash, hashPassword, needsRehash, passwordProblem, temporaryPassword, verifyPassword } from '../server/http/passwords';
import { clientAddressOf } from '../server/http/client-address';
import { GateFull } from '../server/http/hash-gate';
import type { Refusal } from '../server/http/login-throttle';
import { localSignIn, oidcSettings, trustsProxy } from '../server/config';
import { providerSignOutUrl } from '../server/http/oidc';
import { unlinkAccounts } from '../server/records/identities';
import { safeNext } from '../domain/paths';
import { services } from '../server/services';
import { documentsToConfirm } from '../server/views/my-path';
import { credentialsFor, endAllSessions, PeopleError, personById, addPerson as addPersonToStore, setDisabled, setPasswordHash, updatePerson as updatePersonInStore, upgradePasswordHash } from '../server/records/users';
import type { Translator } from '../i18n';
import type { Store } from '../server/store/store';
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

/** The person a head's action on `id` is about, or 404 in the interface's language. */
async function personToManage(store: Store, id: string, t: Translator['t']) {
  const person = await personById(store, id);
  if (!person) throw new ActionError({ code: 'NOT_FOUND', message: t('people.notFound') });
  return person;
}

async function requirePosition(position: string, t: Translator['t']) {
  if (!(await roleById(position))) throw new ActionError({ code: 'BAD_REQUEST', message: t('people.badPosition') });
}

function tooMany(refusal: Refusal, t: Translator['t']): ActionError {
  const message = refusal.kind === 'locked' ? t('auth.locked', { minutes: Math.ceil(refusal.ms / 60_000) }) : t('auth.wait', { seconds: Math.ceil(refusal.ms / 1000) });
  return new ActionError({ code: 'TOO_MANY_REQUESTS', message });
}

/** A password hash or check through the server's gate; when too many wait already, a 429 at once. */
async function gated<T>(task: () => Promise<T>, t: Translator['t']): Promise<T> {
  const { hashing } = await services();
  try {
    return await hashing.run(task);
  } catch (error) {
    if (error instanceof GateFull) throw new ActionError({ code: 'TOO_MANY_REQUESTS', message: t('auth.busy') });
    throw error;
  }
}

/** A hash made with weaker parameters than today's is made again from the password just checked. */
async function upgradeHash(found: { id: string; passwordHash: string }, password: string) {
  const { store, hashing } = await services();
  // When the server is busy the upgrade waits for another sign-in.
  const stronger = await hashing.run(() => hashPassword(password)).catch((error: unknown) => {
    if (error instanceof GateFull) return undefined;
    throw error;
  });
  if (!stronger) return;
  const costOf = (hash: string) => Number(hash.split('$')[1]);
  await upgradePasswordHash(store, found.id, found.passwordHash, stronger, (upgraded) => upgraded && { actor: found.id, action: 'account.passwordUpgraded', subject: `user:${found.id}`, details: { from: costOf(found.passwordHash), to: costOf(stronger) } });
}

/** Signing in and out, one's own password, confirming documents, managing people. */
export const coreActions = {
  login: defineAction({
    accept: 'form',
    input: z.object({ login: z.string().trim().max(80), password: z.string().max(200), next: z.string().max(500).optional() }),
    handler: async (input, context) => {
      const { store, throttle, hashing } = await services();
      const { t } = context.locals.i18n;
      const key = input.login.toLowerCase();
      const address = clientAddressOf(context.request.headers, context.clientAddress, trustsProxy());
      // With passwords switched off, only the break-glass head may use one; the refusal says where to sign in.
      const local = localSignIn();
      if (!local.on && key !== local.breakGlass) {
        // Held to the address's budget of attempts like any other, so refusals cannot flood the audit log.
        const refusal = throttle.admitStart(address);
        if (refusal) throw tooMany(refusal, t);
        await store.record({ actor: 'anonymous', action: 'auth.signInFailed', subject: 'login:unknown', details: { address, reason: 'local sign-in off' } });
        throw new ActionError({ code: 'FORBIDDEN', message: t('auth.localOff', { company: oidcSettings()?.name ?? '' }) });
      }
      // Refused before any hashing: waits and locks cost the server nothing.
      const refusal = throttle.admit(key, address);
      if (refusal) throw tooMany(refusal, t);
      const found = await credentialsFor(store, key);
      let ok: boolean;
      try {
        // The same work whether or not the login exists, so the answer reveals nothing.
        // A person who signs in only with the company's account has no hash: checked against the dummy too.
        const stored = found?.passwordHash.startsWith('scrypt$') ? found.passwordHash : await dummyHash();
        ok = await hashing.run(() => verifyPassword(input.password, stored));
      } catch (error) {
        if (!(error instanceof GateFull)) throw error;
        throttle.withdraw(key, address);
        throw new ActionError({ code: 'TOO_MANY_REQUESTS', message: t('auth.busy') });
      }
      // The break-glass login is a head's: any other account by that name is refused like a wrong password.
      const breakGlassRefused = !local.on && found?.appRole !== 'head';
      if (!found || !ok || found.disabled || !found.passwordHash.startsWith('scrypt$') || breakGlassRefused) {
        const subject = found ? `user:${found.id}` : 'login:unknown';
        await store.record({ actor: 'anonymous', action: 'auth.signInFailed', subject, details: { address } });
        for (const lock of throttle.recordFailure(key, address)) {
          await store.record({
            actor: 'anonymous',
            action: 'auth.lock',
            subject: lock.scope === 'login' ? subject : `address:${address}`,
            details: { scope: lock.scope, address, minutes: Math.ceil(lock.ms / 60_000) },
          });
        }
        throw new ActionError({ code: 'UNAUTHORIZED', message: t('auth.failed') });
      }
      throttle.recordSuccess(key, address);
      if (needsRehash(found.passwordHash)) await upgradeHash(found, input.password);
      // The audit line first: when it cannot be written there is no session to save either, and the
      // person reads why on the sign-in page.
      await store.record({ actor: found.id, action: 'auth.signIn', subject: `user:${found.id}`, details: {} });
      await context.session?.regenerate();
      context.session?.set('userId', found.id);
      context.session?.set('generation', found.sessionGeneration);
      return { next: safeNext(input.next) };
    },
  }),

  logout: defineAction({
    accept: 'form',
    handler: async (_input, context) => {
      const user = context.locals.user;
      const idToken = await context.session?.get('oidcIdToken');
      context.session?.destroy();
      if (user) {
        const { store } = await services();
        await store.record({ actor: user.id, action: 'auth.signOut', subject: `user:${user.id}`, details: {} });
      }
      // Signed in with the company's account: the provider's own sign-out is offered, where it has one.
      const settings = idToken ? oidcSettings() : undefined;
      const providerSignOut = settings && idToken ? await providerSignOutUrl(settings, idToken) : undefined;
      return { ok: true, providerSignOut: providerSignOut ?? null, company: settings?.name ?? null };
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
      if (!found || !(await gated(() => verifyPassword(input.current, found.passwordHash), t))) {
        throw new ActionError({ code: 'BAD_REQUEST', message: t('account.wrongCurrent') });
      }
      if (input.next !== input.repeat) throw new ActionError({ code: 'BAD_REQUEST', message: t('account.mismatch') });
      const problem = passwordProblem(input.next);
      if (problem) throw new ActionError({ code: 'BAD_REQUEST', message: t(problem === 'short' ? 'account.short' : 'account.digits') });
      if (input.next === input.current) throw new ActionError({ code: 'BAD_REQUEST', message: t('account.same') });
      // Every other session ends; this one goes on under a new id.
      const generation = await setPasswordHash(store, user.id, await gated(() => hashPassword(input.next), t), false, () => ({ actor: user.id, action: 'account.changePassword', subject: `user:${user.id}`, details: {} }));
      await context.session?.regenerate();
      context.session?.set('generation', generation);
      return { ok: true };
    },
  }),

  signOutEverywhere: defineAction({
    accept: 'form',
    handler: async (_input, context) => {
      const user = requireUser(context);
      const { store } = await services();
      await endAllSessions(store, user.id, () => ({ actor: user.id, action: 'account.signOutEverywhere', subject: `user:${user.id}`, details: {} }));
      context.session?.destroy();
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
      const months = doc.data.validForMonths;
      try {
        const result = await acknowledgeDoc(store, {
          userId: user.id,
          docId: doc.id,
          version: input.version,
          currentVersion: doc.data.version,
          contentHash: docContentHash(doc),
          ...(months !== undefined && { validity: { months, timeZone: (await siteSettings()).timeZone } }),
        }, (r) => r.added && { actor: user.id, action: 'doc.acknowledge', subject: `doc:${doc.id}`, details: { version: input.version } });
        // What is left to read, so the page can offer the next document and count down without a reload.
        const left = await documentsToConfirm(store, user);
        const next = left[0]?.doc;
        return { version: result.ack.version, at: result.ack.at, remaining: left.length, next: next ? { href: `/docs/${next.id}/`, title: next.data.title } : null };
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
        const person = await addPersonToStore(store, input, await gated(() => hashPassword(password), t), true, (added) => ({
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
      const person = await personToManage(store, input.id, t);
      const password = temporaryPassword();
      await setPasswordHash(store, person.id, await gated(() => hashPassword(password), t), true, () => ({ actor: head.id, action: 'user.resetPassword', subject: `user:${person.id}`, details: {} }));
      return { id: person.id, name: person.name, temporaryPassword: password };
    },
  }),

  unlinkCompanyAccount: defineAction({
    accept: 'form',
    input: z.object({ id }),
    handler: async (input, context) => {
      const head = authorize(context, 'people.manage');
      const { t } = context.locals.i18n;
      const { store } = await services();
      const person = await personToManage(store, input.id, t);
      const removed = await unlinkAccounts(store, person.id, (count) => count > 0 && { actor: head.id, action: 'user.unlinkCompanyAccount', subject: `user:${person.id}`, details: { links: count } });
      if (removed === 0) throw new ActionError({ code: 'CONFLICT', message: t('people.notLinked') });
      return { id: person.id };
    },
  }),

  unlockSignIn: defineAction({
    accept: 'form',
    input: z.object({ id }),
    handler: async (input, context) => {
      const head = authorize(context, 'people.manage');
      const { t } = context.locals.i18n;
      const { store, throttle } = await services();
      const person = await personToManage(store, input.id, t);
      const addresses = throttle.unlock(person.login);
      await store.record({ actor: head.id, action: 'user.unlockSignIn', subject: `user:${person.id}`, details: { addresses } });
      return { id: person.id };
    },
  }),
};
