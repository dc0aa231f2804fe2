import type { KeyboardEventHandler, TargetedKeyboardEvent } from 'preact';
import type { SearchHit } from '../../domain/search-results';
import type { SearchModel } from './model';
import { RESULTS_PER_PAGE } from '../../domain/search-query';
import { fill, type SearchText } from '../../i18n/search-text';

/**
 * Moves focus to the next or previous result link inside `list`. Returns false when there is no
 * link that way (above the first one), so the caller can send focus back to the search box.
 */
export function moveFocus(list: HTMLElement | null, step: 1 | -1): boolean {
  const links = Array.from(list?.querySelectorAll<HTMLAnchorElement>('a[href]') ?? []);
  if (links.length === 0) return false;
  const current = links.indexOf(document.activeElement as HTMLAnchorElement);
  const next = current < 0 ? (step === 1 ? 0 : -1) : current + step;
  if (next < 0) return false;
  links[Math.min(next, links.length - 1)]!.focus();
  return true;
}

type Ref<T> = { current: T | null };

/** ↑ and ↓ between the result links; above the first one, back to the search box. */
export function resultKeys(list: Ref<HTMLOListElement>, input: Ref<HTMLInputElement>): KeyboardEventHandler<HTMLOListElement> {
  return (event) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    if (!moveFocus(list.current, event.key === 'ArrowDown' ? 1 : -1)) input.current?.focus();
  };
}

interface SearchInputProps {
  id: string;
  model: SearchModel;
  text: SearchText;
  input: Ref<HTMLInputElement>;
  list: Ref<HTMLOListElement>;
  /** Enter in the box; a plain form submit when absent. */
  onEnter?: () => void;
}

/** The search box: searches as you type; ↓ moves into the results. */
export function SearchInput({ id, model, text, input, list, onEnter }: SearchInputProps) {
  const onKeyDown = (event: TargetedKeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' && moveFocus(list.current, 1)) event.preventDefault();
    if (event.key === 'Enter' && onEnter) {
      event.preventDefault();
      onEnter();
    }
  };
  return (
    <input
      ref={input}
      id={id}
      name="q"
      type="search"
      autocomplete="off"
      spellcheck={false}
      placeholder={fill(text, 'search.placeholder')}
      value={model.query}
      onInput={(event) => model.setQuery(event.currentTarget.value)}
      onKeyDown={onKeyDown}
    />
  );
}

/** What the search found so far, said once, for everyone and for screen readers. */
export function SearchStatus({ model, text }: { model: SearchModel; text: SearchText }) {
  const outcome = model.outcome.value;
  let message = '';
  if (outcome.kind === 'failed') message = fill(text, 'search.failed');
  else if (model.busy.value && outcome.kind === 'idle') message = fill(text, 'search.searching');
  else if (outcome.kind === 'done' && outcome.hits.length > 0) message = fill(text, 'search.count', { count: outcome.hits.length });
  else if (outcome.kind === 'done') message = fill(text, outcome.filtered ? 'search.noneFiltered' : 'search.none', { query: outcome.query });
  return (
    <div class="search-status">
      <p role="status" class={outcome.kind === 'failed' ? 'notice notice--error' : undefined}>{message}</p>
      {outcome.kind === 'done' && outcome.hits.length === 0 && (
        outcome.filtered
          ? <button type="button" class="button button--small" onClick={() => model.clearFilters()}>{fill(text, 'search.dropFilters')}</button>
          : <p class="search-status__hint">{fill(text, 'search.noneHint')}</p>
      )}
    </div>
  );
}

function metaLine(hit: SearchHit, text: SearchText): string[] {
  const { type, kind, version, course } = hit.meta;
  const parts: string[] = [];
  if (type === 'doc' || type === 'script' || type === 'lesson' || type === 'role') parts.push(fill(text, `search.type.${type}`));
  if (kind && text.kinds[kind]) parts.push(text.kinds[kind]!);
  if (course) parts.push(fill(text, 'search.course', { course }));
  if (version) parts.push(fill(text, 'search.version', { version }));
  return parts;
}

/** Drafts and archived documents (heads only see them) say so plainly. */
function StatusBadge({ status, text }: { status: string | undefined; text: SearchText }) {
  if (!status || status === 'active' || !text.statuses[status]) return null;
  return <span class={`badge ${status === 'draft' ? 'badge--warn' : 'badge--muted'}`}>{text.statuses[status]}</span>;
}

interface ResultListProps {
  hits: readonly SearchHit[];
  text: SearchText;
  /** The number of the first hit, when the list continues another page. */
  start?: number;
  list?: Ref<HTMLOListElement>;
  onKeyDown?: KeyboardEventHandler<HTMLOListElement>;
  /** Called when a result is followed (the dialog closes). */
  onFollow?: () => void;
}

/**
 * The results: title and section as one link to the best section, what it is, the excerpt with
 * matches marked. Pure, so the search page renders it on the server too, for browsers without JavaScript.
 */
export function ResultList({ hits, text, start = 1, list, onKeyDown, onFollow }: ResultListProps) {
  if (hits.length === 0) return null;
  return (
    <ol class="search-results" aria-label={fill(text, 'search.results')} start={start} ref={list} onKeyDown={onKeyDown}>
      {hits.map((hit) => (
        <li class="search-result" key={hit.url}>
          <a class="search-result__link" href={hit.url} onClick={onFollow}>
            <span class="search-result__title" lang={text.contentLang}>{hit.title}</span>
            {hit.section && (
              <span class="search-result__section">
                {' › '}
                <span lang={text.contentLang}>{hit.section}</span>
              </span>
            )}
          </a>
          <p class="search-result__meta">
            {metaLine(hit, text).join(' · ')}
            <StatusBadge status={hit.meta.status} text={text} />
          </p>
          <p class="search-result__excerpt" lang={text.contentLang}>
            {hit.excerpt.map((part) => (part.mark ? <mark>{part.text}</mark> : part.text))}
          </p>
          {hit.more.length > 0 && (
            <p class="search-result__more">
              {fill(text, 'search.alsoIn')}{' '}
              {hit.more.map((section, index) => (
                <>
                  {index > 0 && ', '}
                  <a href={section.url} onClick={onFollow} lang={text.contentLang}>
                    {section.title}
                  </a>
                </>
              ))}
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}

interface PagerProps {
  text: SearchText;
  page: number;
  pages: number;
  /** The link of a page: the same search, so it works without JavaScript. */
  href: (page: number) => string;
  /** With JavaScript: shows the page in place. */
  onGo?: (page: number) => void;
}

/** Links to the pages of results: previous, each page, next. Nothing when there is one page. */
export function Pager({ text, page, pages, href, onGo }: PagerProps) {
  if (pages < 2) return null;
  const go = (target: number) => (event: MouseEvent) => {
    if (!onGo) return;
    event.preventDefault();
    onGo(target);
  };
  const numbers = Array.from({ length: pages }, (_, index) => index + 1);
  return (
    <nav class="search-pager" aria-label={fill(text, 'search.pages')}>
      <p class="search-pager__where">{fill(text, 'search.pageOf', { page, pages })}</p>
      <ul>
        {page > 1 && <li><a href={href(page - 1)} rel="prev" onClick={go(page - 1)}>{fill(text, 'search.previous')}</a></li>}
        {numbers.map((number) => (
          <li key={number}>
            {number === page
              ? <a aria-current="page" href={href(number)} onClick={go(number)}>{number}</a>
              : <a href={href(number)} aria-label={fill(text, 'search.pageLink', { page: number })} onClick={go(number)}>{number}</a>}
          </li>
        ))}
        {page < pages && <li><a href={href(page + 1)} rel="next" onClick={go(page + 1)}>{fill(text, 'search.next')}</a></li>}
      </ul>
    </nav>
  );
}

interface ResultsProps {
  model: SearchModel;
  text: SearchText;
  list: Ref<HTMLOListElement>;
  input: Ref<HTMLInputElement>;
  /** Called when a result is followed (the dialog closes). */
  onFollow?: () => void;
}

/** The dialog's results: the first ones, and a button that shows the next ones below them. */
export function Results({ model, text, list, input, onFollow }: ResultsProps) {
  const hits = model.hits.value;
  const visible = model.visible.value;
  if (hits.length === 0) return null;
  const left = hits.length - visible.length;
  const showMore = () => {
    const next = visible.length;
    model.showMore();
    // The first of the new results takes focus, so a keyboard or screen reader goes on from there.
    setTimeout(() => list.current?.querySelectorAll<HTMLAnchorElement>('.search-result__link')[next]?.focus());
  };
  return (
    <>
      <ResultList hits={visible} text={text} list={list} onKeyDown={resultKeys(list, input)} onFollow={onFollow} />
      {left > 0 && (
        <button type="button" class="button button--small search-more" onClick={showMore}>
          {fill(text, 'search.showMore', { count: Math.min(left, RESULTS_PER_PAGE), total: hits.length })}
        </button>
      )}
    </>
  );
}

interface PagedResultsProps extends Omit<ResultsProps, 'onFollow'> {
  /** The link of a page of this search. */
  href: (page: number) => string;
}

/** The search page's results: one page, and links to the others. */
export function PagedResults({ model, text, list, input, href }: PagedResultsProps) {
  const { hits, page, pages, first } = model.currentPage.value;
  if (hits.length === 0) return null;
  const go = (target: number) => {
    model.goToPage(target);
    list.current?.scrollIntoView({ block: 'start' });
    setTimeout(() => list.current?.querySelector<HTMLAnchorElement>('.search-result__link')?.focus());
  };
  return (
    <>
      <ResultList hits={hits} text={text} start={first + 1} list={list} onKeyDown={resultKeys(list, input)} />
      <Pager text={text} page={page} pages={pages} href={href} onGo={go} />
    </>
  );
}
