import { searchTypes, type ContentStatus, type SearchType } from './search-pages';

// A search as a shareable link: /search?q=скидка&type=doc&kind=regulation&audience=manager

/** The filters a person can set. Empty means "any". */
export interface SearchFilters {
  type: SearchType[];
  kind?: string;
  audience?: string;
  /** Heads only: their index holds drafts and archived documents too. */
  status?: ContentStatus;
}

export interface SearchRequest {
  query: string;
  filters: SearchFilters;
  /** The page of results on /search, from 1; the dialog shows more in place instead. */
  page?: number;
}

/** The values a link may choose from; anything else in a link is ignored. */
export interface FilterChoices {
  kinds: readonly string[];
  roles: readonly string[];
  /** Whether the status filter exists (the heads' index). */
  statuses: boolean;
}

export const MAX_QUERY = 200;
const statuses: readonly ContentStatus[] = ['active', 'draft', 'archived'];

export const noFilters = (): SearchFilters => ({ type: [] });

/** Reads a search link; unknown or repeated values are dropped, never an error. */
export function parseSearchParams(params: URLSearchParams, choices: FilterChoices): SearchRequest {
  const one = (name: string, allowed: readonly string[]) => {
    const value = params.get(name);
    return value !== null && allowed.includes(value) ? value : undefined;
  };
  const type = searchTypes.filter((t) => params.getAll('type').includes(t));
  const filters: SearchFilters = { type };
  const kind = one('kind', choices.kinds);
  const audience = one('audience', choices.roles);
  const status = choices.statuses ? (one('status', statuses) as ContentStatus | undefined) : undefined;
  if (kind) filters.kind = kind;
  if (audience) filters.audience = audience;
  if (status) filters.status = status;
  const page = Number(params.get('page'));
  const request: SearchRequest = { query: (params.get('q') ?? '').slice(0, MAX_QUERY), filters };
  if (Number.isSafeInteger(page) && page > 1) request.page = page;
  return request;
}

/** The link's query string for a search, in a fixed order. */
export function searchParamsOf({ query, filters, page }: SearchRequest): URLSearchParams {
  const params = new URLSearchParams();
  if (query.trim()) params.set('q', query.trim());
  for (const type of filters.type) params.append('type', type);
  if (filters.kind) params.set('kind', filters.kind);
  if (filters.audience) params.set('audience', filters.audience);
  if (filters.status) params.set('status', filters.status);
  if (page !== undefined && page > 1) params.set('page', String(page));
  return params;
}

/** Results on one page of /search, and how many more "show more" adds in the dialog. */
export const RESULTS_PER_PAGE = 10;

/** One page of results: a page past the last shows the last. */
export function resultsPage<T>(hits: readonly T[], page = 1, size = RESULTS_PER_PAGE) {
  const pages = Math.max(1, Math.ceil(hits.length / size));
  const current = Math.min(Math.max(1, Math.floor(page)), pages);
  const first = (current - 1) * size;
  return { hits: hits.slice(first, first + size), page: current, pages, total: hits.length, first };
}

export function hasFilters(filters: SearchFilters): boolean {
  return filters.type.length > 0 || Boolean(filters.kind || filters.audience || filters.status);
}

/** The filters in Pagefind's form: a list means "any of these". */
export function pagefindFilters(filters: SearchFilters): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  if (filters.type.length > 0) out.type = [...filters.type];
  if (filters.kind) out.kind = filters.kind;
  if (filters.audience) out.audience = filters.audience;
  if (filters.status) out.status = filters.status;
  return out;
}
