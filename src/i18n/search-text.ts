import type { Locale } from './format';
import type { searchRu } from './search';

export type SearchMessageKey = Extract<keyof typeof searchRu, `search.${string}`>;

/** Everything the search islands say, in the reader's language, prepared on the server. */
export interface SearchText {
  /** For numbers: "ru-RU" or "en-GB". */
  intlLocale: string;
  messages: Record<SearchMessageKey, string>;
  /** Document kinds and statuses by id. */
  kinds: Record<string, string>;
  statuses: Record<string, string>;
  /** The language of what the index holds (titles, sections, excerpts) when it is not the reader's: results are marked with it. */
  contentLang?: Locale;
}

/** A message with its {placeholders} filled; numbers in the reader's format. */
export function fill(text: SearchText, key: SearchMessageKey, values: Record<string, string | number> = {}): string {
  return text.messages[key].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? new Intl.NumberFormat(text.intlLocale).format(value) : value;
  });
}
