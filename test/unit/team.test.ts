import { describe, expect, it } from 'vitest';
import { portalStartedOn, rampCohorts } from '../../src/domain/effectiveness';
import { queryRows, teamHref, teamQueryFrom, type QueryRow } from '../../src/domain/team';

const row = (name: string, login: string, extra: Partial<QueryRow> = {}): QueryRow => ({
  person: { name, login, position: 'trainee', mentorId: null, hired: '2026-03-01' },
  docs: { done: 1, total: 2 },
  skills: { passed: 0, total: 3 },
  lastActivity: null,
  stalled: false,
  ramp: { done: false, day: 10, overdue: false },
  ...extra,
});

describe('the team matrix query', () => {
  it('reads the address, falling back on the defaults for anything unknown', () => {
    expect(teamQueryFrom(new URLSearchParams('q=%20Сем%20&sort=ramp&state=overdue&page=3&position=trainee'))).toEqual({ q: 'Сем', position: 'trainee', mentor: '', state: 'overdue', sort: 'ramp', page: 3 });
    expect(teamQueryFrom(new URLSearchParams('sort=salary&state=asleep&page=-2'))).toMatchObject({ sort: 'name', state: '', page: 1 });
    expect(teamQueryFrom(new URLSearchParams('page=1.5'))).toMatchObject({ page: 1 });
  });

  it('writes only what differs from the default into a link', () => {
    const query = teamQueryFrom(new URLSearchParams('q=анна&sort=name'));
    expect(teamHref('/team/', query)).toBe('/team/?q=%D0%B0%D0%BD%D0%BD%D0%B0');
    expect(teamHref('/team/', query, { page: 2, sort: 'docs' })).toBe('/team/?q=%D0%B0%D0%BD%D0%BD%D0%B0&sort=docs&page=2');
    expect(teamHref('/team/', teamQueryFrom(new URLSearchParams()))).toBe('/team/');
  });

  it('finds people by part of a name, any case, «ё» as «е», or by login', () => {
    const rows = [row('Семён Лебедев', 'lebedev'), row('Анна Семенова', 'asemenova'), row('Олег Котов', 'kotov')];
    const find = (q: string) => queryRows(rows, teamQueryFrom(new URLSearchParams({ q }))).rows.map((r) => r.person.login);
    expect(find('семен')).toEqual(['asemenova', 'lebedev']);
    expect(find('КОТ')).toEqual(['kotov']);
    expect(find('nobody')).toEqual([]);
  });

  it('filters by position, mentor and standing', () => {
    const rows = [
      row('А', 'a', { stalled: true, person: { name: 'А', login: 'a', position: 'manager', mentorId: 'm1', hired: '2026-01-01' } }),
      row('Б', 'b', { ramp: { done: false, day: 90, overdue: true } }),
      row('В', 'v', { ramp: { done: true, days: 40 } }),
      row('Г', 'g', { ramp: { done: null } }),
    ];
    const logins = (params: string) => queryRows(rows, teamQueryFrom(new URLSearchParams(params))).rows.map((r) => r.person.login);
    expect(logins('position=manager')).toEqual(['a']);
    expect(logins('mentor=m1')).toEqual(['a']);
    expect(logins('state=stalled')).toEqual(['a']);
    expect(logins('state=overdue')).toEqual(['b']);
    expect(logins('state=ramping')).toEqual(['a', 'b']);
    expect(logins('state=done')).toEqual(['v']);
  });

  it('sorts: the longest ramping first, then the finished by days, then those with no ramp; ties by name', () => {
    const rows = [
      row('Яна', 'ya', { ramp: { done: true, days: 30 } }),
      row('Борис', 'b', { ramp: { done: null } }),
      row('Вера', 'v', { ramp: { done: false, day: 70, overdue: true } }),
      row('Анна', 'a', { ramp: { done: false, day: 20, overdue: false } }),
      row('Глеб', 'g', { ramp: { done: true, days: 30 } }),
    ];
    const order = (sort: string) => queryRows(rows, teamQueryFrom(new URLSearchParams({ sort }))).rows.map((r) => r.person.login);
    expect(order('ramp')).toEqual(['v', 'a', 'g', 'ya', 'b']);
    expect(order('name')).toEqual(['a', 'b', 'v', 'g', 'ya']);
  });

  it('pages fifty at a time; a page past the end shows the last one', () => {
    const rows = Array.from({ length: 120 }, (_, i) => row(`Сотрудник ${String(i).padStart(3, '0')}`, `p${i}`));
    const first = queryRows(rows, teamQueryFrom(new URLSearchParams()));
    expect(first).toMatchObject({ total: 120, page: 1, pages: 3 });
    expect(first.rows).toHaveLength(50);
    const last = queryRows(rows, teamQueryFrom(new URLSearchParams('page=9')));
    expect(last.page).toBe(3);
    expect(last.rows.map((r) => r.person.login)).toEqual(rows.slice(100).map((r) => r.person.login));
  });
});

describe('ramp-time cohorts', () => {
  const person = (hired: string, ramp: { done: true; days: number } | { done: false } | { done: null; beforePortal?: true }) => ({ hired, ramp });

  it('count new hires only: people hired before the portal started, and people with no sign-off to ramp on, are counted apart', () => {
    const people = [
      person('2019-03-11', { done: true, days: 1200 }),
      person('2021-06-01', { done: true, days: 200 }),
      person('2026-02-03', { done: true, days: 40 }),
      person('2026-02-20', { done: true, days: 60 }),
      person('2026-02-25', { done: false }),
      person('2026-04-01', { done: true, days: 55 }),
      person('2026-04-02', { done: null }),
    ];
    expect(rampCohorts(people, '2026-01-15')).toEqual({
      cohorts: [
        { key: '2026-02', people: 3, done: 2, median: 50 },
        { key: '2026-04', people: 1, done: 1, median: 55 },
      ],
      beforePortal: 2,
      noPath: 1,
    });
  });

  it('counts people whose ramp is not measured because they came before the portal as before the portal, not as without a path', () => {
    const people = [person('2019-03-11', { done: null, beforePortal: true }), person('2021-06-01', { done: null }), person('2026-02-03', { done: true, days: 40 })];
    expect(rampCohorts(people, '2026-01-15')).toMatchObject({ beforePortal: 1, noPath: 1 });
  });

  it('counts someone hired on the day the portal started as a new hire, and groups by any key', () => {
    const people = [person('2026-01-15', { done: true, days: 30 }), person('2026-01-14', { done: true, days: 10 })];
    expect(rampCohorts(people, '2026-01-15').cohorts).toEqual([{ key: '2026-01', people: 1, done: 1, median: 30 }]);
    expect(rampCohorts(people, '2000-01-01', () => 'all').cohorts).toEqual([{ key: 'all', people: 2, done: 2, median: 20 }]);
  });

  it('dates the portal’s start by its first account, or today when it has none', () => {
    expect(portalStartedOn([{ createdAt: '2026-03-02T09:00:00.000Z' }, { createdAt: '2025-12-01T06:00:00.000Z' }], '2026-05-01')).toBe('2025-12-01');
    expect(portalStartedOn([], '2026-05-01')).toBe('2026-05-01');
  });
});
