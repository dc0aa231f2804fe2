import { actions } from 'astro:actions';
import { useEffect, useRef, useState } from 'preact/hooks';
import { searchParamsOf } from '../domain/search-query';
import { createSearchModel } from './search/model';
import { pagefindEngine } from './search/pagefind-engine';
import { Results, SearchInput, SearchStatus } from './search/Results';
import { isSearchShortcut } from './search/shortcut';
import { fill, type SearchText } from '../i18n/search-text';
import './search/search.css';

export interface Props {
  /** The signed-in person's index: /pagefind/staff/ or /pagefind/heads/. */
  bundleUrl: string;
  text: SearchText;
  /** Open the dialog as soon as it mounts: it was loaded because someone asked for search. */
  startOpen?: boolean;
}


/** Search in the header: a link to /search that, with JavaScript, opens a dialog with results as you type. */
export default function SearchDialog({ bundleUrl, text, startOpen = false }: Props) {
  const [engine] = useState(() => pagefindEngine(bundleUrl));
  const [model] = useState(() =>
    createSearchModel({ engine, recordGap: (query) => void actions.recordSearchGap({ query }).catch(() => undefined) }),
  );
  const dialog = useRef<HTMLDialogElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLOListElement>(null);

  const open = () => {
    engine.preload();
    if (!dialog.current?.open) dialog.current?.showModal();
    input.current?.focus();
    input.current?.select();
  };
  const close = () => dialog.current?.close();

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!isSearchShortcut(event)) return;
      event.preventDefault();
      open();
    };
    document.addEventListener('keydown', onKey);
    if (startOpen) open();
    return () => {
      document.removeEventListener('keydown', onKey);
      model.dispose();
    };
  }, []);

  // Enter in the box opens the first result; with none, the query counts as a gap at once.
  const openFirst = () => {
    model.commit();
    const first = list.current?.querySelector<HTMLAnchorElement>('a[href]');
    if (first) {
      close();
      window.location.assign(first.href);
    }
  };
  const fullSearch = `/search?${searchParamsOf({ query: model.query.value, filters: model.filters.value }).toString()}`;

  return (
    <div class="search-launcher">
      <a
        class="search-trigger"
        href="/search"
        aria-keyshortcuts="/ Control+K"
        title={fill(text, 'search.shortcut')}
        onClick={(event) => {
          event.preventDefault();
          open();
        }}
      >
        <svg class="search-trigger__icon" aria-hidden="true" viewBox="0 0 20 20" width="16" height="16">
          <circle cx="8.5" cy="8.5" r="5.5" fill="none" stroke="currentColor" stroke-width="2" />
          <path d="M13 13l4.5 4.5" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
        </svg>
        <span class="search-trigger__label">{fill(text, 'search.open')}</span>
        <kbd aria-hidden="true">/</kbd>
      </a>
      <dialog
        ref={dialog}
        class="search-dialog"
        aria-labelledby="search-dialog-title"
        onClick={(event) => event.target === dialog.current && close()}
      >
        <div class="search-dialog__head">
          <h2 id="search-dialog-title" class="search-dialog__title">{fill(text, 'search.dialog')}</h2>
          <button type="button" class="button button--ghost button--small" onClick={close}>{fill(text, 'search.close')}</button>
        </div>
        <form role="search" class="search-box" action="/search" method="get" onSubmit={(event) => event.preventDefault()}>
          <label for="search-dialog-input" class="visually-hidden">{fill(text, 'search.label')}</label>
          <SearchInput id="search-dialog-input" model={model} text={text} input={input} list={list} onEnter={openFirst} />
        </form>
        <SearchStatus model={model} text={text} />
        <Results model={model} text={text} list={list} input={input} onFollow={close} />
        <p class="search-dialog__foot">
          <span class="search-dialog__keys">{fill(text, 'search.keys')}</span>
          <a href={fullSearch} onClick={close}>{fill(text, 'search.allResults')}</a>
        </p>
      </dialog>
    </div>
  );
}
