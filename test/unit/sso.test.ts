import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { claimedLogin, groupsOf, isAppRole, isPositionId, matchPerson, nameFromClaims, newLogin, parseGroupMap, positionFromGroups, rightsFromGroups, verifiedEmail, type SsoRules } from '../../src/domain/sso';
import { localSignIn, oidcSettings } from '../../src/server/config';
import { NO_PASSWORD, signInWithProvider } from '../../src/server/records/identities';
import * as clock from '../../src/server/clock';
import { dayOf } from '../../src/domain/calendar';
import { emptyStore, storeDataSchema, type StoredUser } from '../../src/server/store/data';
import { openStore, type Store } from '../../src/server/store/store';
import { verifyPassword } from '../../src/server/http/passwords';
import { TEST_AUDIT_KEY } from '../store-files';
import { tempDir } from '../temp';

const rules = (over: Partial<SsoRules> = {}): SsoRules => ({ match: 'login', loginClaim: 'preferred_username', newPeople: 'refuse', roleMap: new Map(), positionMap: new Map(), ...over });

describe('the rules of a sign-in with the company account', () => {
  it('reads group maps, and names the entry it cannot read', () => {
    expect(parseGroupMap('sales-heads=head; mentors = mentor;;', isAppRole)).toEqual({ map: new Map([['sales-heads', 'head'], ['mentors', 'mentor']]) });
    expect(parseGroupMap('cn=heads,ou=groups=head', isAppRole)).toEqual({ map: new Map([['cn=heads,ou=groups', 'head']]) });
    expect(parseGroupMap('heads=boss', isAppRole)).toEqual({ problem: 'heads=boss' });
    expect(parseGroupMap('=head', isAppRole)).toEqual({ problem: '=head' });
    expect(parseGroupMap('sales=Sales Manager', isPositionId)).toEqual({ problem: 'sales=Sales Manager' });
  });

  it('rights come from groups only where a mapping is configured: the highest one, else employee', () => {
    const map = new Map([['heads', 'head'], ['mentors', 'mentor']] as const);
    expect(rightsFromGroups(['heads', 'mentors'], new Map())).toBeUndefined();
    expect(rightsFromGroups(['mentors', 'heads'], map)).toBe('head');
    expect(rightsFromGroups(['mentors', 'sales'], map)).toBe('mentor');
    expect(rightsFromGroups(['sales'], map)).toBe('employee');
    expect(positionFromGroups(['b', 'a'], new Map([['a', 'trainee'], ['b', 'sales-manager']]))).toBe('trainee');
    expect(positionFromGroups(['c'], new Map([['a', 'trainee']]))).toBeUndefined();
  });

  it('reads groups, logins, e-mails and names from claims, trusting only what they can be', () => {
    expect(groupsOf({ groups: ['a', 1, 'b'] }, 'groups')).toEqual(['a', 'b']);
    expect(groupsOf({ roles: 'head' }, 'roles')).toEqual(['head']);
    expect(groupsOf({ groups: ['a'] }, undefined)).toEqual([]);
    expect(claimedLogin({ preferred_username: ' Ivanova ' }, 'preferred_username')).toBe('ivanova');
    expect(claimedLogin({ preferred_username: 'ivanova@corp' }, 'preferred_username')).toBeUndefined();
    // An address is a login only at the company's own domain.
    expect(claimedLogin({ preferred_username: 'Anna.Petrova@Acme.ru' }, 'preferred_username', 'acme.ru')).toBe('anna.petrova');
    expect(claimedLogin({ preferred_username: 'anna.petrova@acme.ru.evil.example' }, 'preferred_username', 'acme.ru')).toBeUndefined();
    expect(claimedLogin({ preferred_username: 'anna.petrova@other.ru' }, 'preferred_username', 'acme.ru')).toBeUndefined();
    expect(verifiedEmail({ email: 'A@Example.ru', email_verified: true })).toBe('a@example.ru');
    expect(verifiedEmail({ email: 'a@example.ru', email_verified: 'true' })).toBeUndefined();
    expect(nameFromClaims({ given_name: 'Ольга', family_name: 'Новикова' }, 'olga')).toBe('Ольга Новикова');
    expect(nameFromClaims({ name: 'Bad\u001b[31mName' }, 'x')).toBe('Bad [31mName');
    expect(nameFromClaims({}, 'olga')).toBe('olga');
  });

  it('a new login fits the rule and is not taken', () => {
    const taken = new Set(['olga.novikova', 'olga.novikova2']);
    expect(newLogin({ preferred_username: 'Olga Novikova' }, 'preferred_username', (l) => taken.has(l))).toBe('olga.novikova3');
    expect(newLogin({ email: 'Petrov@example.ru' }, 'preferred_username', () => false)).toBe('petrov');
    expect(newLogin({ preferred_username: 'anna.petrova@acme.ru' }, 'preferred_username', () => false)).toBe('anna.petrova');
    expect(newLogin({ preferred_username: 'Ю' }, 'preferred_username', () => false)).toBe('user');
    expect(newLogin({ preferred_username: 'x'.repeat(60) }, 'preferred_username', () => false)).toMatch(/^[a-z0-9._-]{2,40}$/);
  });

  it('matches a person: the linked subject first, then the chosen claim; an unknown one by the setting', () => {
    const known = { byLogin: (l: string) => (l === 'ivanova' ? 'u1' : undefined), byEmail: (e: string) => (e === 'p@x.ru' ? 'u2' : undefined) };
    expect(matchPerson({ preferred_username: 'someone' }, rules(), { ...known, linked: 'u9' })).toEqual({ kind: 'linked', userId: 'u9' });
    expect(matchPerson({ preferred_username: 'Ivanova' }, rules(), known)).toEqual({ kind: 'matched', userId: 'u1', by: 'login' });
    // Matching by e-mail reads neither the login claim nor an e-mail the provider did not verify.
    expect(matchPerson({ preferred_username: 'ivanova', email: 'p@x.ru' }, rules({ match: 'email' }), known)).toEqual({ kind: 'unknown' });
    expect(matchPerson({ email: 'p@x.ru', email_verified: true }, rules({ match: 'email' }), known)).toEqual({ kind: 'matched', userId: 'u2', by: 'email' });
    expect(matchPerson({ preferred_username: 'nobody' }, rules({ newPeople: 'employee' }), known)).toEqual({ kind: 'new' });
  });
});

describe('the settings', () => {
  afterEach(() => vi.unstubAllEnvs());
  const base = () => {
    vi.stubEnv('SALESBOOK_OIDC_ISSUER', 'https://sso.example.ru/realms/acme');
    vi.stubEnv('SALESBOOK_OIDC_CLIENT_ID', 'salesbook');
    vi.stubEnv('SALESBOOK_PUBLIC_URL', 'https://salesbook.example.ru/');
  };

  it('none without an issuer; read whole with one', () => {
    vi.stubEnv('SALESBOOK_OIDC_ISSUER', '');
    expect(oidcSettings()).toBeUndefined();
    base();
    vi.stubEnv('SALESBOOK_OIDC_GROUPS_CLAIM', 'groups');
    vi.stubEnv('SALESBOOK_OIDC_ROLE_MAP', 'salesbook-heads=head');
    expect(oidcSettings()).toMatchObject({ clientId: 'salesbook', name: 'sso.example.ru', redirectUri: 'https://salesbook.example.ru/login/oidc/callback', match: 'login', newPeople: 'refuse', roleMap: new Map([['salesbook-heads', 'head']]) });
  });

  it('refuses settings that cannot work, naming the variable and never the secret', () => {
    base();
    vi.stubEnv('SALESBOOK_OIDC_CLIENT_SECRET', 'very-secret-value');
    vi.stubEnv('SALESBOOK_OIDC_ISSUER', 'http://sso.example.ru');
    expect(() => oidcSettings()).toThrowErrorMatchingInlineSnapshot(`[Error: Salesbook: SALESBOOK_OIDC_ISSUER must be the provider's issuer address over https, such as https://sso.example.ru/realms/company; it is "http://sso.example.ru".]`);
    vi.stubEnv('SALESBOOK_OIDC_ISSUER', 'http://127.0.0.1:8080');
    vi.stubEnv('SALESBOOK_OIDC_NEW_PEOPLE', 'admin');
    expect(() => oidcSettings()).toThrowErrorMatchingInlineSnapshot(`[Error: Salesbook: SALESBOOK_OIDC_NEW_PEOPLE must be "refuse" or "employee"; it is "admin".]`);
    vi.stubEnv('SALESBOOK_OIDC_NEW_PEOPLE', 'employee');
    vi.stubEnv('SALESBOOK_OIDC_ROLE_MAP', 'heads=head');
    expect(() => oidcSettings()).toThrow(/need SALESBOOK_OIDC_GROUPS_CLAIM/);
    vi.stubEnv('SALESBOOK_OIDC_GROUPS_CLAIM', 'groups');
    vi.stubEnv('SALESBOOK_OIDC_LOGIN_DOMAIN', 'acme');
    expect(() => oidcSettings()).toThrow(/SALESBOOK_OIDC_LOGIN_DOMAIN must be the company's mail domain/);
    vi.stubEnv('SALESBOOK_OIDC_LOGIN_DOMAIN', '@Acme.ru');
    expect(oidcSettings()).toMatchObject({ loginDomain: 'acme.ru' });
    vi.stubEnv('SALESBOOK_OIDC_ROLE_MAP', 'heads=owner');
    expect(() => oidcSettings()).toThrow(/"heads=owner" is not one of them/);
    vi.stubEnv('SALESBOOK_PUBLIC_URL', '');
    vi.stubEnv('SALESBOOK_OIDC_ROLE_MAP', '');
    expect(() => oidcSettings()).toThrow(/SALESBOOK_PUBLIC_URL must be the portal's address/);
    try {
      oidcSettings();
    } catch (error) {
      expect((error as Error).message).not.toContain('very-secret-value');
    }
  });

  it('passwords are on unless switched off, which takes a provider', () => {
    vi.stubEnv('SALESBOOK_LOCAL_LOGIN', '');
    expect(localSignIn()).toEqual({ on: true });
    vi.stubEnv('SALESBOOK_LOCAL_LOGIN', 'off');
    vi.stubEnv('SALESBOOK_OIDC_ISSUER', '');
    expect(() => localSignIn()).toThrow(/needs SALESBOOK_OIDC_ISSUER/);
    base();
    vi.stubEnv('SALESBOOK_BREAK_GLASS_LOGIN', 'Ivanova');
    expect(localSignIn()).toEqual({ on: false, breakGlass: 'ivanova' });
    vi.stubEnv('SALESBOOK_LOCAL_LOGIN', 'no');
    expect(() => localSignIn()).toThrow(/must be "on" or "off"/);
  });
});

describe('a sign-in in the store', () => {
  const today = dayOf(clock.now());
  const person = (id: string, appRole: StoredUser['appRole'], extra: Partial<StoredUser> = {}): StoredUser => ({
    id,
    login: id,
    name: id,
    appRole,
    position: 'trainee',
    mentorId: null,
    hired: today,
    passwordHash: 'scrypt$1$1$1$a$b',
    mustChangePassword: false,
    disabled: false,
    createdAt: `${today}T06:00:00.000Z`,
    ...extra,
  });
  let store: Store;
  const open = async (users: StoredUser[]) => {
    const dir = tempDir('salesbook-sso-');
    const seed = emptyStore();
    seed.users.push(...users);
    store = await openStore({ path: join(dir, 'salesbook.json'), lockPath: join(dir, 'salesbook.json.lock'), backupsDir: join(dir, 'backups'), auditKey: TEST_AUDIT_KEY, seed: () => seed });
  };
  afterEach(async () => store?.close());
  const signIn = (subject: string, claims: Record<string, unknown>, over: Partial<SsoRules> = {}) =>
    signInWithProvider(store, { issuer: 'https://sso', subject, claims: { sub: subject, ...claims } }, rules(over), new Set(['trainee', 'sales-manager']));

  it('a new person is stored valid, without a password any can match, and linked', async () => {
    await open([person('boss', 'head')]);
    const outcome = await signIn('s1', { preferred_username: 'olga', groups: ['managers'] }, { newPeople: 'employee', groupsClaim: 'groups', positionMap: new Map([['managers', 'sales-manager'], ['x', 'no-such-role']]) });
    expect(outcome).toMatchObject({ ok: true, created: true, user: { login: 'olga', appRole: 'employee', position: 'sales-manager', hired: today } });
    const data = await store.read((d) => structuredClone(d));
    expect(storeDataSchema.safeParse(data).success).toBe(true);
    expect(data.users.at(-1)!.passwordHash).toBe(NO_PASSWORD);
    expect(await verifyPassword('', NO_PASSWORD)).toBe(false);
    expect(data.identityLinks).toEqual([expect.objectContaining({ issuer: 'https://sso', subject: 's1', userId: data.users.at(-1)!.id })]);
  });

  it('a position the content does not have is not taken from the groups', async () => {
    await open([person('boss', 'head')]);
    const outcome = await signIn('s2', { preferred_username: 'ivan', groups: ['x'] }, { newPeople: 'employee', groupsClaim: 'groups', positionMap: new Map([['x', 'no-such-role']]) });
    expect(outcome).toMatchObject({ ok: true, user: { position: '' } });
  });

  it('a refusal changes nothing: unknown, disabled, or a login linked to another account', async () => {
    await open([person('boss', 'head'), person('gone', 'employee', { disabled: true }), person('anna', 'employee')]);
    expect(await signIn('s1', { preferred_username: 'anna' })).toMatchObject({ ok: true });
    const before = await store.read((d) => structuredClone(d));
    expect(await signIn('s3', { preferred_username: 'nobody' })).toEqual({ ok: false, reason: 'unknown' });
    expect(await signIn('s4', { preferred_username: 'gone' })).toMatchObject({ ok: false, reason: 'disabled' });
    expect(await signIn('s5', { preferred_username: 'anna' })).toMatchObject({ ok: false, reason: 'linked-elsewhere' });
    expect(await store.read((d) => structuredClone(d))).toEqual(before);
  });

  it('the groups lower and raise rights, but never take them from the last active head', async () => {
    await open([person('boss', 'head'), person('anna', 'employee')]);
    const mapped = { groupsClaim: 'groups', roleMap: new Map([['heads', 'head'], ['mentors', 'mentor']] as const) };
    expect(await signIn('a', { preferred_username: 'anna', groups: ['heads'] }, mapped)).toMatchObject({ user: { appRole: 'head' } });
    expect(await signIn('b', { preferred_username: 'boss', groups: [] }, mapped)).toMatchObject({ user: { appRole: 'employee' } });
    // anna is now the only head: her groups no longer say so, but she stays one.
    expect(await signIn('a', { preferred_username: 'anna', groups: ['mentors'] }, mapped)).toMatchObject({ user: { appRole: 'head' } });
  });
});
