import { randomUUID } from 'node:crypto';
import { publicUser, type AppRole, type PublicUser, type StoreData, type StoredUser } from '../store/data';
import type { Store } from '../store/store';
import type { AuditOf } from '../store/audit';
import * as clock from '../clock';

/** What a head may set on a person. */
export interface PersonFields {
  login: string;
  name: string;
  appRole: AppRole;
  position: string;
  mentorId: string | null;
  hired: string;
}

export class PeopleError extends Error {
  constructor(readonly code: 'login-taken' | 'no-mentor' | 'mentor-self' | 'not-found' | 'last-head') {
    super(code);
  }
}

const normalizeLogin = (login: string) => login.trim().toLowerCase();

export async function listPeople(store: Store): Promise<PublicUser[]> {
  return store.read((data) => data.users.map(publicUser).sort((a, b) => a.name.localeCompare(b.name, 'ru')));
}

export async function personById(store: Store, id: string): Promise<PublicUser | undefined> {
  return store.read((data) => {
    const user = data.users.find((u) => u.id === id);
    return user && publicUser(user);
  });
}

export async function personByLogin(store: Store, login: string): Promise<PublicUser | undefined> {
  return store.read((data) => {
    const user = data.users.find((u) => u.login === normalizeLogin(login));
    return user && publicUser(user);
  });
}

/** The stored hash for sign-in only; it never goes further than the password check. */
export async function credentialsFor(
  store: Store,
  login: string,
): Promise<{ id: string; passwordHash: string; disabled: boolean; sessionGeneration: number; appRole: AppRole } | undefined> {
  return store.read((data) => {
    const user = data.users.find((u) => u.login === normalizeLogin(login));
    return user && { id: user.id, passwordHash: user.passwordHash, disabled: user.disabled, sessionGeneration: user.sessionGeneration ?? 0, appRole: user.appRole };
  });
}

/** Whether the person has a portal password (one made at a sign-in with the company's account has none until a head gives one). */
export async function hasPassword(store: Store, id: string): Promise<boolean> {
  return store.read((data) => data.users.find((u) => u.id === id)?.passwordHash.startsWith('scrypt$') ?? false);
}

/** Inside a store change: ends every session of the person (each is checked against this count); returns the new count. */
function endSessionsOf(data: StoreData, id: string): number {
  const generation = (data.users[userIndex(data, id)]!.sessionGeneration ?? 0) + 1;
  replaceUser(data, id, { sessionGeneration: generation });
  return generation;
}

/** Ends every session of the person; returns the generation a session signed in from now on carries. */
export async function endAllSessions(store: Store, id: string, audit?: AuditOf<number>): Promise<number> {
  return store.mutate((data) => endSessionsOf(data, id), audit);
}

function checkMentor(data: StoreData, mentorId: string | null, selfId?: string) {
  if (mentorId === null) return;
  if (mentorId === selfId) throw new PeopleError('mentor-self');
  const mentor = data.users.find((u) => u.id === mentorId);
  if (!mentor || mentor.disabled || mentor.appRole === 'employee') throw new PeopleError('no-mentor');
}

/** Adds a person inside a store change; returns the new user. */
export function insertPerson(data: StoreData, fields: PersonFields, passwordHash: string, mustChangePassword: boolean): StoredUser {
  const login = normalizeLogin(fields.login);
  if (data.users.some((u) => u.login === login)) throw new PeopleError('login-taken');
  checkMentor(data, fields.mentorId);
  const user: StoredUser = {
    id: randomUUID(),
    ...fields,
    login,
    passwordHash,
    mustChangePassword,
    disabled: false,
    createdAt: clock.now().toISOString(),
  };
  data.users.push(user);
  return user;
}

export async function addPerson(store: Store, fields: PersonFields, passwordHash: string, mustChangePassword = true, audit?: AuditOf<PublicUser>): Promise<PublicUser> {
  return publicUser(await store.mutate((data) => insertPerson(data, fields, passwordHash, mustChangePassword), audit && ((user) => audit(publicUser(user)))));
}

function userIndex(data: StoreData, id: string): number {
  const index = data.users.findIndex((u) => u.id === id);
  if (index < 0) throw new PeopleError('not-found');
  return index;
}

/** Inside a store change: puts a changed copy of a person in place of the stored one, which is never edited. */
export function replaceUser(data: StoreData, id: string, changes: Partial<StoredUser>): StoredUser {
  const index = userIndex(data, id);
  const user = { ...data.users[index]!, ...changes };
  data.users[index] = user;
  return user;
}

function activeHeads(data: StoreData) {
  return data.users.filter((u) => u.appRole === 'head' && !u.disabled);
}

export async function updatePerson(
  store: Store,
  id: string,
  fields: Partial<Pick<PersonFields, 'name' | 'appRole' | 'position' | 'mentorId' | 'hired'>>,
  audit?: AuditOf<PublicUser>,
): Promise<PublicUser> {
  return publicUser(
    await store.mutate((data) => {
      const user = data.users[userIndex(data, id)]!;
      if (fields.mentorId !== undefined) checkMentor(data, fields.mentorId, id);
      if (user.appRole === 'head' && fields.appRole && fields.appRole !== 'head' && activeHeads(data).length === 1 && !user.disabled) {
        throw new PeopleError('last-head');
      }
      const changes: Partial<StoredUser> = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
      // A new position brings its own path: what it asks is counted from today, not from the hiring date.
      if (fields.position !== undefined && fields.position !== user.position) changes.positionSince = clock.todayIso();
      return replaceUser(data, id, changes);
    }, audit && ((user) => audit(publicUser(user)))),
  );
}

export async function setDisabled(store: Store, id: string, disabled: boolean, audit?: AuditOf<PublicUser>): Promise<PublicUser> {
  return publicUser(
    await store.mutate((data) => {
      const user = data.users[userIndex(data, id)]!;
      if (disabled && user.appRole === 'head' && !user.disabled && activeHeads(data).length === 1) throw new PeopleError('last-head');
      // Disabled is over for every session, even one not used until the person is enabled again.
      if (disabled) endSessionsOf(data, id);
      return replaceUser(data, id, { disabled });
    }, audit && ((user) => audit(publicUser(user)))),
  );
}

/** A new password ends every session of the person; returns the generation a session signed in from now on carries. */
export async function setPasswordHash(store: Store, id: string, passwordHash: string, mustChangePassword: boolean, audit?: AuditOf<number>): Promise<number> {
  return store.mutate((data) => {
    replaceUser(data, id, { passwordHash, mustChangePassword });
    return endSessionsOf(data, id);
  }, audit);
}

/** A stronger hash of the same password, stored only if the password was not changed meanwhile. */
export async function upgradePasswordHash(store: Store, id: string, from: string, to: string, audit?: AuditOf<boolean>): Promise<boolean> {
  return store.mutate((data) => {
    const user = data.users.find((u) => u.id === id);
    if (!user || user.passwordHash !== from) return false;
    replaceUser(data, id, { passwordHash: to });
    return true;
  }, audit);
}
