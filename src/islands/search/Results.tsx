import type { KeyboardEventHandler, TargetedKeyboardEvent } from 'preact';
import type { SearchHit } from '../../domain/search-results';
import type { SearchModel } from './model';
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

interface ResultsProps {
  model: SearchModel;
  text: SearchText;
  list: Ref<HTMLOListElement>;
  input: Ref<HTMLInputElement>;
  /** Called when a result is followed (the dialog closes). */
  onFollow?: () => void;
}

/** The results: title and section as one link to the best section, what it is, the excerpt with matches marked. */
export function Results({ model, text, list, input, onFollow }: ResultsProps) {
  const hits = model.hits.value;
  if (hits.length === 0) return null;
  return (
    <ol class="search-results" aria-label={fill(text, 'search.results')} ref={list} onKeyDown={resultKeys(list, input)}>
      {hits.map((hit) => (
        <li class="search-result" key={hit.url}>
          <a class="search-result__link" href={hit.url} onClick={onFollow}>
            <span class="search-result__title">{hit.title}</span>
            {hit.section && <span class="search-result__section"> › {hit.section}</span>}
          </a>
          <p class="search-result__meta">
            {metaLine(hit, text).join(' · ')}
            <StatusBadge status={hit.meta.status} text={text} />
          </p>
          <p class="search-result__excerpt">
            {hit.excerpt.map((part) => (part.mark ? <mark>{part.text}</mark> : part.text))}
          </p>
          {hit.more.length > 0 && (
            <p class="search-result__more">
              {fill(text, 'search.alsoIn')}{' '}
              {hit.more.map((section, index) => (
                <>
                  {index > 0 && ', '}
                  <a href={section.url} onClick={onFollow}>{section.title}</a>
                </>
              ))}
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}
