import { randomUUID } from 'node:crypto';
import { groupsOf, matchPerson, nameFromClaims, newLogin, positionFromGroups, rightsFromGroups, type Claims, type SsoRules } from '../../domain/sso';
import { publicUser, type PublicUser, type StoreData, type StoredUser } from '../store/data';
import type { Store } from '../store/store';
import type { AuditInput, AuditOf } from '../store/audit';
import { replaceUser } from './users';
import * as clock from '../clock';

/** Stored instead of a password hash for a person made at a sign-in with the company's account: no password matches it. */
export const NO_PASSWORD = 'none: signs in with the company account';

/** A validated sign-in at the provider: who it is and what the ID token says. */
export interface ProviderSignIn {
  issuer: string;
  subject: string;
  claims: Claims;
}

/** Why a sign-in with the company's account is refused. */
export type SsoRefusal =
  /** Salesbook does not know the person, and does not make new people. */
  | 'unknown'
  /** The matching login is linked to another account at the provider. */
  | 'linked-elsewhere'
  /** The person is disabled in Salesbook: that wins over any sign-in. */
  | 'disabled';

export type SsoOutcome = { ok: true; user: PublicUser; created: boolean } | { ok: false; reason: SsoRefusal; userId?: string };

/**
 * Finds (or, when the settings say so, makes) the person of a validated sign-in, links their account,
 * and brings their rights and position in line with their groups where a mapping is configured: one
 * store change with its audit entries, or, when refused, no change at all.
 */
export async function signInWithProvider(store: Store, signIn: ProviderSignIn, rules: SsoRules, positions: ReadonlySet<string>): Promise<SsoOutcome> {
  const settled = await store.mutate(
    (data) => settle(data, signIn, rules, positions),
    (result) => result.audit,
  );
  return settled.outcome;
}

/** Inside a store change: the outcome, and the audit entries of what it changed (none for a refusal, which changes nothing). */
function settle(data: StoreData, signIn: ProviderSignIn, rules: SsoRules, positions: ReadonlySet<string>): { outcome: SsoOutcome; audit: AuditInput[] } {
  const { issuer, subject, claims } = signIn;
  const audit: AuditInput[] = [];
  const refuse = (reason: SsoRefusal, userId?: string) => ({ outcome: { ok: false as const, reason, ...(userId ? { userId } : {}) }, audit: [] });
  const linked = data.identityLinks.find((l) => l.issuer === issuer && l.subject === subject)?.userId;
  const match = matchPerson(claims, rules, {
    ...(linked ? { linked } : {}),
    byLogin: (login) => data.users.find((u) => u.login === login)?.id,
    byEmail: (email) => {
      const owners = data.deliveryPrefs.filter((p) => p.email?.toLowerCase() === email);
      return owners.length === 1 ? owners[0]!.userId : undefined;
    },
  });
  if (match.kind === 'unknown') return refuse('unknown');
  const groups = groupsOf(claims, rules.groupsClaim);
  const rights = rightsFromGroups(groups, rules.roleMap);
  const mapped = positionFromGroups(groups, rules.positionMap);
  const position = mapped !== undefined && positions.has(mapped) ? mapped : undefined;
  const now = clock.now().toISOString();

  if (match.kind === 'new') {
    const login = newLogin(claims, rules.loginClaim, (candidate) => data.users.some((u) => u.login === candidate));
    const user: StoredUser = {
      id: randomUUID(),
      login,
      name: nameFromClaims(claims, login),
      appRole: rights ?? 'employee',
      position: position ?? '',
      mentorId: null,
      hired: clock.todayIso(),
      passwordHash: NO_PASSWORD,
      mustChangePassword: false,
      disabled: false,
      createdAt: now,
    };
    data.users.push(user);
    data.identityLinks.push({ userId: user.id, issuer, subject, linkedAt: now });
    audit.push(
      { actor: 'sso', action: 'user.add', subject: `user:${user.id}`, details: { login, appRole: user.appRole, position: user.position, mentorId: null, method: 'oidc' } },
      { actor: user.id, action: 'auth.signIn', subject: `user:${user.id}`, details: { method: 'oidc', linked: true } },
    );
    return { outcome: { ok: true, user: publicUser(user), created: true }, audit };
  }

  const found = data.users.find((u) => u.id === match.userId);
  if (!found) return refuse('unknown');
  if (found.disabled) return refuse('disabled', found.id);
  if (match.kind === 'matched') {
    // One account at the provider per person: a login already linked to someone else's account stays theirs.
    if (data.identityLinks.some((l) => l.userId === found.id && l.issuer === issuer)) return refuse('linked-elsewhere', found.id);
    data.identityLinks.push({ userId: found.id, issuer, subject, linkedAt: now });
  }
  const changes: Partial<StoredUser> = {};
  // The last active head keeps the rights whatever the groups say, so that someone can still manage people.
  const lastHead = found.appRole === 'head' && data.users.filter((u) => u.appRole === 'head' && !u.disabled).length === 1;
  if (rights && rights !== found.appRole && !lastHead) changes.appRole = rights;
  if (position && position !== found.position) {
    changes.position = position;
    changes.positionSince = clock.todayIso();
  }
  const user = Object.keys(changes).length > 0 ? replaceUser(data, found.id, changes) : found;
  if (Object.keys(changes).length > 0) {
    audit.push({ actor: 'sso', action: 'user.update', subject: `user:${user.id}`, details: { ...changes, method: 'oidc groups' } });
  }
  audit.push({ actor: user.id, action: 'auth.signIn', subject: `user:${user.id}`, details: { method: 'oidc', linked: match.kind === 'matched' } });
  return { outcome: { ok: true, user: publicUser(user), created: false }, audit };
}

/** The people made at their first sign-in who still have no position: for a head to complete. */
export async function peopleWithoutPosition(store: Store): Promise<PublicUser[]> {
  return store.read((data) => data.users.filter((u) => u.position === '' && !u.disabled).map(publicUser));
}

/** Whether a person has an account at the provider linked. */
export async function isLinked(store: Store, userId: string): Promise<boolean> {
  return store.read((data) => data.identityLinks.some((l) => l.userId === userId));
}

/** The person's accounts at the provider, as a head sees them on the person's page. */
export async function linksOf(store: Store, userId: string): Promise<{ issuer: string; linkedAt: string }[]> {
  return store.read((data) => data.identityLinks.filter((l) => l.userId === userId).map((l) => ({ issuer: l.issuer, linkedAt: l.linkedAt })));
}

/**
 * Removes the person's links to accounts at the provider (a head's repair, when their account there was
 * made anew): the next sign-in links again by the matching claim. Returns how many were removed.
 */
export async function unlinkAccounts(store: Store, userId: string, audit?: AuditOf<number>): Promise<number> {
  return store.mutate((data) => {
    const before = data.identityLinks.length;
    data.identityLinks = data.identityLinks.filter((l) => l.userId !== userId);
    return before - data.identityLinks.length;
  }, audit);
}
