import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/permissions';
import { matchRoute, mayReach, ROUTES, searchIndexName } from '../../src/domain/routes';

const person = (id: string, appRole: Actor['appRole'], disabled = false): Actor => ({ id, appRole, disabled });
const head = person('h', 'head');
const mentor = person('m', 'mentor');
const trainee = person('t', 'employee');

describe('finding the route of a path', () => {
  it('prefers the route with more fixed words, and reads the parameters', () => {
    expect(matchRoute('/team/analytics')?.route.pattern).toBe('/team/analytics');
    expect(matchRoute('/team/ivanova')).toMatchObject({ route: { pattern: '/team/[login]' }, params: { login: 'ivanova' } });
    expect(matchRoute('/team/export/matrix.csv')?.route.pattern).toBe('/team/export/matrix.csv');
    expect(matchRoute('/pagefind/staff/fragment/ru_1.pf_fragment')).toMatchObject({ params: { index: 'staff', path: 'fragment/ru_1.pf_fragment' } });
    expect(matchRoute('/_actions/login')?.route.access.kind).toBe('public');
    expect(matchRoute('/_actions/acknowledgeDoc')?.route.pattern).toBe('/_actions/[name]');
    expect(matchRoute('/')?.route.pattern).toBe('/');
  });

  it('finds nothing for a path no page serves', () => {
    for (const path of ['/admin', '/team/a/b/c', '/docs/x/sheet/y', '/login/extra', '/pagefind/staff']) expect(matchRoute(path), path).toBeUndefined();
  });

  it('has one row per pattern', () => {
    expect(new Set(ROUTES.map((r) => r.pattern)).size).toBe(ROUTES.length);
  });
});

describe('who may reach a route', () => {
  const at = (path: string) => matchRoute(path)!;
  const reach = (user: Actor, path: string, subject?: { id: string; mentorId: string | null }) => mayReach(user, at(path).route.access, at(path).params, subject);

  it('lets only those the permission allows reach a guarded page', () => {
    expect([head, mentor, trainee].map((u) => reach(u, '/admin/people'))).toEqual([true, false, false]);
    expect([head, mentor, trainee].map((u) => reach(u, '/team'))).toEqual([true, true, false]);
    expect([head, mentor, trainee].map((u) => reach(u, '/docs/x'))).toEqual([true, true, true]);
  });

  it('lets a person be seen by themself, their mentor and heads, and a missing person by nobody', () => {
    const trainee2 = { id: 't2', mentorId: 'm' };
    expect([head, mentor, trainee, person('t2', 'employee')].map((u) => reach(u, '/team/t2', trainee2))).toEqual([true, true, false, true]);
    expect(reach(head, '/team/nobody', undefined)).toBe(false);
  });

  it('gives each person their own search index only', () => {
    expect(searchIndexName(head)).toBe('heads');
    expect(reach(head, '/pagefind/heads/pagefind.js')).toBe(true);
    expect(reach(head, '/pagefind/staff/pagefind.js')).toBe(false);
    expect(reach(trainee, '/pagefind/staff/pagefind.js')).toBe(true);
    expect(reach(trainee, '/pagefind/heads/pagefind.js')).toBe(false);
  });

  it('lets a disabled person reach nothing', () => {
    for (const path of ['/', '/docs/x', '/admin/people', '/pagefind/heads/x']) expect(reach(person('h2', 'head', true), path), path).toBe(false);
  });
});
