import { actions } from 'astro:actions';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { SearchType } from '../domain/search-pages';
import { searchParamsOf, type SearchFilters, type SearchRequest } from '../domain/search-query';
import { createSearchModel } from './search/model';
import { pagefindEngine } from './search/pagefind-engine';
import { PagedResults, SearchInput, SearchStatus } from './search/Results';
import { fill, type SearchText } from '../i18n/search-text';
import './search/search.css';

export interface Props {
  bundleUrl: string;
  text: SearchText;
  /** The search in the page's link (?q=…&type=…). */
  initial: SearchRequest;
  types: readonly SearchType[];
  /** Document kinds present in the content, and the roles, as { id: label }. */
  kinds: Record<string, string>;
  roles: Record<string, string>;
  /** Heads only: their index has drafts and the archive, so they may filter by status. */
  statuses?: Record<string, string>;
}

type FilterName = 'kind' | 'audience' | 'status';

interface FilterSelectProps {
  name: FilterName;
  label: string;
  /** The first option, meaning no filter. */
  any: string;
  options: Record<string, string>;
  value: string | undefined;
  onChoose: (name: FilterName, value: string) => void;
  /** The options' language, when they are the content's names (roles) in another language than the interface's. */
  optionsLang?: string;
}

function FilterSelect({ name, label, any, options, value, onChoose, optionsLang }: FilterSelectProps) {
  return (
    <div class="field">
      <label for={`search-${name}`}>{label}</label>
      <select id={`search-${name}`} name={name} value={value ?? ''} onChange={(e) => onChoose(name, e.currentTarget.value)}>
        <option value="">{any}</option>
        {Object.entries(options).map(([id, title]) => <option key={id} value={id} lang={optionsLang}>{title}</option>)}
      </select>
    </div>
  );
}

/** The /search page: a shareable link (?q=), filters, results as you type. */
export default function SearchPage({ bundleUrl, text, initial, types, kinds, roles, statuses }: Props) {
  const [model] = useState(() =>
    createSearchModel({
      engine: pagefindEngine(bundleUrl),
      recordGap: (query) => void actions.recordSearchGap({ query }).catch(() => undefined),
      initial,
    }),
  );
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLOListElement>(null);
  const filters = model.filters.value;

  useEffect(() => {
    // The server's results for browsers without JavaScript: this island shows its own.
    document.querySelector('[data-search-fallback]')?.remove();
    model.searchNow();
    return () => model.dispose();
  }, []);

  // The address always holds the current search, so it can be shared or bookmarked.
  // Until the first answer the page is the link's; then it is one the results have.
  const page = model.outcome.value.kind === 'done' ? model.currentPage.value.page : model.page.value;
  const href = (target: number) => {
    const params = searchParamsOf({ query: model.query.value, filters, page: target }).toString();
    return params ? `/search?${params}` : '/search';
  };
  useEffect(() => {
    window.history.replaceState(null, '', href(page));
  }, [model.query.value, filters, page]);

  const toggleType = (type: SearchType, on: boolean) =>
    model.setFilters({ ...filters, type: types.filter((t) => (t === type ? on : filters.type.includes(t))) });
  const choose = (name: FilterName, value: string) => {
    const next: SearchFilters = { ...filters };
    delete next[name];
    // The options are the only values the selects offer.
    model.setFilters(value ? ({ ...next, [name]: value } as SearchFilters) : next);
  };

  return (
    <div class="search-page">
      <form
        role="search"
        class="search-page__form"
        action="/search"
        method="get"
        onSubmit={(event) => {
          event.preventDefault();
          model.searchNow();
          model.commit();
        }}
      >
        <div class="field">
          <label for="search-page-input">{fill(text, 'search.label')}</label>
          <div class="search-box">
            <SearchInput id="search-page-input" model={model} text={text} input={input} list={list} />
            <button type="submit" class="button">{fill(text, 'search.submit')}</button>
          </div>
        </div>
        <fieldset class="search-filters">
          <legend>{fill(text, 'search.filters')}</legend>
          <fieldset class="search-filters__types">
            <legend>{fill(text, 'search.filterType')}</legend>
            {types.map((type) => (
              <label key={type}>
                <input type="checkbox" name="type" value={type} checked={filters.type.includes(type)} onChange={(e) => toggleType(type, e.currentTarget.checked)} />
                {fill(text, `search.types.${type}`)}
              </label>
            ))}
          </fieldset>
          <FilterSelect name="kind" label={fill(text, 'search.filterKind')} any={fill(text, 'search.anyKind')} options={kinds} value={filters.kind} onChoose={choose} />
          <FilterSelect name="audience" label={fill(text, 'search.filterAudience')} any={fill(text, 'search.anyRole')} options={roles} value={filters.audience} onChoose={choose} optionsLang={text.contentLang} />
          {statuses && (
            <FilterSelect name="status" label={fill(text, 'search.filterStatus')} any={fill(text, 'search.anyStatus')} options={statuses} value={filters.status} onChoose={choose} />
          )}
        </fieldset>
      </form>
      <SearchStatus model={model} text={text} />
      <PagedResults model={model} text={text} list={list} input={input} href={href} />
    </div>
  );
}
