import { APP_ROLES, type AppRole } from './permissions';

// Signing in with the company's account (OpenID Connect): which Salesbook person a sign-in is, and what
// the provider's groups give them. Pure rules; the flow itself is in src/server/http/oidc.ts.

/** How a first sign-in finds its person: by a claim that holds the Salesbook login, or by e-mail. */
export type SsoMatch = 'login' | 'email';

/** What happens to someone the provider knows and Salesbook does not. */
export type SsoNewPeople = 'refuse' | 'employee';

/** What the rules below need of the settings. */
export interface SsoRules {
  match: SsoMatch;
  /** The claim that holds the login: `preferred_username` unless set. */
  loginClaim: string;
  /**
   * The company's mail domain, when the login claim is an address (`anna@acme.ru` in Entra ID): the
   * part before `@<domain>` is the login, and an address at any other domain names nobody.
   */
  loginDomain?: string;
  newPeople: SsoNewPeople;
  /** The claim that lists the person's groups or roles; absent: no mapping. */
  groupsClaim?: string;
  /** Group → rights in Salesbook; empty: rights are a head's to set, never the provider's. */
  roleMap: ReadonlyMap<string, AppRole>;
  /** Group → position (a role id of the content); empty: positions are a head's to set. */
  positionMap: ReadonlyMap<string, string>;
}

/** The claims of a validated ID token, as far as these rules read them. */
export type Claims = Readonly<Record<string, unknown>>;

const LOGIN = /^[a-z0-9._-]{2,40}$/;

/**
 * Reads `group=value; group=value` (values: what `accept` allows; `;` between entries, since a group
 * such as an LDAP name may hold commas and `=`); returns the map, or the first entry that cannot be read.
 */
export function parseGroupMap<T extends string>(text: string, accept: (value: string) => value is T): { map: Map<string, T> } | { problem: string } {
  const map = new Map<string, T>();
  for (const entry of text.split(';').map((part) => part.trim()).filter(Boolean)) {
    const at = entry.lastIndexOf('=');
    const group = entry.slice(0, at).trim();
    const value = entry.slice(at + 1).trim();
    if (at <= 0 || !group || !accept(value)) return { problem: entry };
    map.set(group, value);
  }
  return { map };
}

export const isAppRole = (value: string): value is AppRole => (APP_ROLES as readonly string[]).includes(value);
export const isPositionId = (value: string): value is string => /^[a-z0-9][a-z0-9-]*$/.test(value);

/** The groups a claim lists: an array of strings, or one string. Anything else lists none. */
export function groupsOf(claims: Claims, claim: string | undefined): string[] {
  if (!claim) return [];
  const value = claims[claim];
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/**
 * The rights the groups give: the highest any mapped group gives, else employee. Undefined when no
 * mapping is configured: then the provider's claims decide nothing about rights.
 */
export function rightsFromGroups(groups: readonly string[], roleMap: ReadonlyMap<string, AppRole>): AppRole | undefined {
  if (roleMap.size === 0) return undefined;
  const given = groups.map((g) => roleMap.get(g)).filter((r): r is AppRole => r !== undefined);
  return APP_ROLES.filter((role) => given.includes(role)).at(-1) ?? 'employee';
}

/** The position the groups give: the first mapped one in the map's order; undefined when none is. */
export function positionFromGroups(groups: readonly string[], positionMap: ReadonlyMap<string, string>): string | undefined {
  for (const [group, position] of positionMap) if (groups.includes(group)) return position;
  return undefined;
}

/** A verified e-mail from the claims, in lower case; an unverified one is not an identity. */
export function verifiedEmail(claims: Claims): string | undefined {
  const email = claims.email;
  if (typeof email !== 'string' || claims.email_verified !== true) return undefined;
  return email.trim().toLowerCase() || undefined;
}

/** The Salesbook login the claims name (the login claim, less the company's domain), if it is one a login can be. */
export function claimedLogin(claims: Claims, loginClaim: string, loginDomain?: string): string | undefined {
  const value = claims[loginClaim];
  if (typeof value !== 'string') return undefined;
  let login = value.trim().toLowerCase();
  const suffix = loginDomain && `@${loginDomain.toLowerCase()}`;
  if (suffix && login.endsWith(suffix)) login = login.slice(0, -suffix.length);
  return LOGIN.test(login) ? login : undefined;
}

/**
 * A login for a person made at their first sign-in: the login claim, else the e-mail's local part,
 * made to fit the login's rule, with a number after it when it is taken.
 */
export function newLogin(claims: Claims, loginClaim: string, taken: (login: string) => boolean): string {
  const claimed = claims[loginClaim];
  const source = [typeof claimed === 'string' ? claimed.split('@')[0] : undefined, typeof claims.email === 'string' ? claims.email.split('@')[0] : undefined, claims.sub].find(
    (v): v is string => typeof v === 'string' && v.trim() !== '',
  );
  let base = (source ?? 'user').toLowerCase().replace(/[^a-z0-9._-]+/g, '.').replace(/^[._-]+|[._-]+$/g, '').slice(0, 34);
  if (base.length < 2) base = `user${base}`;
  if (!taken(base)) return base;
  for (let n = 2; ; n++) if (!taken(`${base}${n}`)) return `${base}${n}`;
}

/** A name for a person made at their first sign-in: `name`, else given and family names, else the login. */
export function nameFromClaims(claims: Claims, login: string): string {
  const text = (value: unknown) => (typeof value === 'string' ? value.replace(/\p{Cc}/gu, ' ').trim() : '');
  const name = text(claims.name) || [text(claims.given_name), text(claims.family_name)].filter(Boolean).join(' ');
  return (name || login).slice(0, 120);
}

/** Whom a sign-in is, as far as Salesbook's records say. */
export interface KnownPeople {
  /** The person linked to this issuer and subject before, if any. */
  linked?: string;
  /** People by login, and by the e-mail they gave Salesbook (only those with exactly one person). */
  byLogin(login: string): string | undefined;
  byEmail(email: string): string | undefined;
}

/** Who signs in: a person already linked, one found by the matching claim, one to make, or nobody. */
export type SignInMatch =
  | { kind: 'linked'; userId: string }
  | { kind: 'matched'; userId: string; by: SsoMatch }
  | { kind: 'new' }
  | { kind: 'unknown' };

/** Finds the person a sign-in is; the subject, once linked, wins over every other claim. */
export function matchPerson(claims: Claims, rules: Pick<SsoRules, 'match' | 'loginClaim' | 'loginDomain' | 'newPeople'>, known: KnownPeople): SignInMatch {
  if (known.linked) return { kind: 'linked', userId: known.linked };
  const key = rules.match === 'email' ? verifiedEmail(claims) : claimedLogin(claims, rules.loginClaim, rules.loginDomain);
  const found = key === undefined ? undefined : rules.match === 'email' ? known.byEmail(key) : known.byLogin(key);
  if (found) return { kind: 'matched', userId: found, by: rules.match };
  return rules.newPeople === 'employee' ? { kind: 'new' } : { kind: 'unknown' };
}
