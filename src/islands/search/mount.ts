import { h, render } from 'preact';
import SearchDialog, { type Props } from '../SearchDialog';

/** Puts the search dialog in place of the header's plain link, open. Loaded only when someone asks for search. */
export function mountSearch(container: HTMLElement, props: Omit<Props, 'startOpen'>): void {
  container.replaceChildren();
  render(h(SearchDialog, { ...props, startOpen: true }), container);
}
