// The team matrix as a head or mentor asks for it: searched by name, filtered, sorted and paged on
// the server from the address, so every view is a link and works without JavaScript.

/** How the matrix can be ordered. */
export const TEAM_SORTS = ['name', 'hired', 'ramp', 'activity', 'docs', 'skills'] as const;
export type TeamSort = (typeof TEAM_SORTS)[number];

/** Which people the matrix shows by where they stand. */
export const TEAM_STATES = ['', 'stalled', 'ramping', 'overdue', 'done'] as const;
export type TeamState = (typeof TEAM_STATES)[number];

/** People on one page of the matrix. */
export const TEAM_PAGE_SIZE = 50;

export interface TeamQuery {
  /** Part of a name or login, any case. */
  q: string;
  position: string;
  mentor: string;
  state: TeamState;
  sort: TeamSort;
  /** 1-based. */
  page: number;
}

/** The query of the team pages from the address; anything unknown falls back to the default. */
export function teamQueryFrom(params: URLSearchParams): TeamQuery {
  const sort = params.get('sort') ?? '';
  const state = params.get('state') ?? '';
  const page = Number(params.get('page'));
  return {
    q: (params.get('q') ?? '').trim().slice(0, 100),
    position: params.get('position') ?? '',
    mentor: params.get('mentor') ?? '',
    state: (TEAM_STATES as readonly string[]).includes(state) ? (state as TeamState) : '',
    sort: (TEAM_SORTS as readonly string[]).includes(sort) ? (sort as TeamSort) : 'name',
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

/** The address of a view of the team page: only what differs from the default goes in it. */
export function teamHref(path: string, query: TeamQuery, change: Partial<TeamQuery> = {}): string {
  const next = { ...query, ...change };
  const params = new URLSearchParams();
  if (next.q) params.set('q', next.q);
  if (next.position) params.set('position', next.position);
  if (next.mentor) params.set('mentor', next.mentor);
  if (next.state) params.set('state', next.state);
  if (next.sort !== 'name') params.set('sort', next.sort);
  if (next.page > 1) params.set('page', String(next.page));
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/** A row as the query needs it. */
export interface QueryRow {
  person: { name: string; login: string; position: string; mentorId: string | null; hired: string };
  docs: { done: number; total: number };
  skills: { passed: number; total: number };
  lastActivity: string | null;
  stalled: boolean;
  ramp: { done: true; days: number } | { done: false; day: number; overdue: boolean } | { done: null };
}

const share = (part: { done?: number; passed?: number; total: number }) => (part.total === 0 ? 1 : (part.done ?? part.passed ?? 0) / part.total);

/** Ramp order: the longest still ramping first (overdue at the top), then the finished by days, then people without a ramp. */
const rampKey = (row: QueryRow) => (row.ramp.done === false ? -row.ramp.day : row.ramp.done === true ? 100_000 + row.ramp.days : 1_000_000);

const matchesState = (row: QueryRow, state: TeamState) =>
  state === '' ||
  (state === 'stalled' && row.stalled) ||
  (state === 'ramping' && row.ramp.done === false) ||
  (state === 'overdue' && row.ramp.done === false && row.ramp.overdue) ||
  (state === 'done' && row.ramp.done === true);

/** Names in Russian order; one collator, since `localeCompare` with a locale builds one per call. */
export const names = new Intl.Collator('ru');

/** Folds case and «ё», so that «семён» finds «Семен». */
const folded = (text: string) => text.toLocaleLowerCase('ru').replaceAll('ё', 'е');

/**
 * The rows a query asks for and the page of them to show. Names sort in Russian order; every other
 * order falls back on the name, so the same query always gives the same page.
 */
export function queryRows<R extends QueryRow>(rows: readonly R[], query: TeamQuery, pageSize = TEAM_PAGE_SIZE): { rows: R[]; total: number; page: number; pages: number } {
  const needle = folded(query.q);
  const found = rows.filter(
    (row) =>
      (!needle || folded(row.person.name).includes(needle) || row.person.login.includes(needle)) &&
      (!query.position || row.person.position === query.position) &&
      (!query.mentor || row.person.mentorId === query.mentor) &&
      matchesState(row, query.state),
  );
  const byName = (a: R, b: R) => names.compare(a.person.name, b.person.name) || a.person.login.localeCompare(b.person.login);
  const order: Record<TeamSort, (a: R, b: R) => number> = {
    name: byName,
    hired: (a, b) => b.person.hired.localeCompare(a.person.hired),
    ramp: (a, b) => rampKey(a) - rampKey(b),
    activity: (a, b) => (a.lastActivity ?? '').localeCompare(b.lastActivity ?? ''),
    docs: (a, b) => share(a.docs) - share(b.docs),
    skills: (a, b) => share(a.skills) - share(b.skills),
  };
  const sorted = [...found].sort((a, b) => order[query.sort](a, b) || byName(a, b));
  const pages = Math.max(1, Math.ceil(sorted.length / pageSize));
  const page = Math.min(query.page, pages);
  return { rows: sorted.slice((page - 1) * pageSize, page * pageSize), total: sorted.length, page, pages };
}
