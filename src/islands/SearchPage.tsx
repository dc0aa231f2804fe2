import { actions } from 'astro:actions';
import type { TargetedKeyboardEvent } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { SearchType } from '../domain/search-pages';
import { searchParamsOf, type SearchFilters, type SearchRequest } from '../domain/search-query';
import { createSearchModel } from './search/model';
import { pagefindEngine } from './search/pagefind-engine';
import { moveFocus, Results, SearchStatus } from './search/Results';
import { fill, type SearchText } from './search/text';
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
    model.searchNow();
    return () => model.dispose();
  }, []);

  // The address always holds the current search, so it can be shared or bookmarked.
  useEffect(() => {
    const params = searchParamsOf({ query: model.query.value, filters }).toString();
    window.history.replaceState(null, '', params ? `/search?${params}` : '/search');
  }, [model.query.value, filters]);

  const onInputKey = (event: TargetedKeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' && moveFocus(list.current, 1)) event.preventDefault();
  };
  const onListKey = (event: TargetedKeyboardEvent<HTMLOListElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    if (!moveFocus(list.current, event.key === 'ArrowDown' ? 1 : -1)) input.current?.focus();
  };
  const toggleType = (type: SearchType, on: boolean) =>
    model.setFilters({ ...filters, type: types.filter((t) => (t === type ? on : filters.type.includes(t))) });
  const choose = (name: 'kind' | 'audience' | 'status', value: string) => {
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
            <input
              ref={input}
              id="search-page-input"
              name="q"
              type="search"
              autocomplete="off"
              spellcheck={false}
              placeholder={fill(text, 'search.placeholder')}
              value={model.query}
              onInput={(event) => model.setQuery(event.currentTarget.value)}
              onKeyDown={onInputKey}
            />
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
          <div class="field">
            <label for="search-kind">{fill(text, 'search.filterKind')}</label>
            <select id="search-kind" name="kind" value={filters.kind ?? ''} onChange={(e) => choose('kind', e.currentTarget.value)}>
              <option value="">{fill(text, 'search.anyKind')}</option>
              {Object.entries(kinds).map(([id, label]) => <option key={id} value={id}>{label}</option>)}
            </select>
          </div>
          <div class="field">
            <label for="search-audience">{fill(text, 'search.filterAudience')}</label>
            <select id="search-audience" name="audience" value={filters.audience ?? ''} onChange={(e) => choose('audience', e.currentTarget.value)}>
              <option value="">{fill(text, 'search.anyRole')}</option>
              {Object.entries(roles).map(([id, label]) => <option key={id} value={id}>{label}</option>)}
            </select>
          </div>
          {statuses && (
            <div class="field">
              <label for="search-status">{fill(text, 'search.filterStatus')}</label>
              <select id="search-status" name="status" value={filters.status ?? ''} onChange={(e) => choose('status', e.currentTarget.value)}>
                <option value="">{fill(text, 'search.anyStatus')}</option>
                {Object.entries(statuses).map(([id, label]) => <option key={id} value={id}>{label}</option>)}
              </select>
            </div>
          )}
        </fieldset>
      </form>
      <SearchStatus model={model} text={text} />
      <Results model={model} text={text} listRef={list} onKeyDown={onListKey} />
    </div>
  );
}
