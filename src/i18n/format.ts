// Filling message templates, shared by the server's translator and by islands that carry only
// their own area's messages (importing ./index would ship every catalogue to the browser).

export type Locale = 'ru' | 'en';

/**
 * The language to mark content with (a `lang` attribute) in an interface of another language, so
 * screen readers pronounce it right; undefined when both are the same and the page's own lang holds.
 */
export const contentLang = (content: Locale, ui: Locale): Locale | undefined => (content === ui ? undefined : content);

/** The Intl locale behind each interface language. */
export const intlLocale = (locale: Locale) => (locale === 'ru' ? 'ru-RU' : 'en-GB');

/** A piece of a filled message: its own words, or a value put in, by the placeholder's name. */
export type MessagePiece = string | { name: string; text: string };

/**
 * A message cut at its values, so a page can mark a value (a title from the content folder) with its
 * own language. Filled as `fillMessage` fills it.
 */
export function messagePieces(template: string, values: Record<string, string | number> | undefined, formatNumber: (value: number) => string): MessagePiece[] {
  const pieces: MessagePiece[] = [];
  let from = 0;
  for (const found of template.matchAll(/\{(\w+)\}(\.?)/g)) {
    const [whole, name = '', stop = ''] = found;
    if (found.index > from) pieces.push(template.slice(from, found.index));
    from = found.index + whole.length;
    const value = values?.[name];
    if (value === undefined) {
      pieces.push(whole);
      continue;
    }
    const text = typeof value === 'number' ? formatNumber(value) : value;
    pieces.push({ name, text });
    if (stop && !text.endsWith('.')) pieces.push(stop);
  }
  if (from < template.length) pieces.push(template.slice(from));
  return pieces;
}

/**
 * Replaces `{name}` with values; numbers go through `formatNumber`, unknown names stay as written. A
 * value that ends with a full stop (a Russian date, «1 сентября 2026 г.») ends the sentence too: the
 * template's own full stop right after it is left out, never «г..».
 */
export function fillMessage(template: string, values: Record<string, string | number> | undefined, formatNumber: (value: number) => string): string {
  return piecesText(messagePieces(template, values, formatNumber));
}

/** A message cut at its values, whole again. */
export const piecesText = (pieces: readonly MessagePiece[]): string => pieces.map((piece) => (typeof piece === 'string' ? piece : piece.text)).join('');

/** A translator over one area's messages, for an island: `t`, numbers and roubles in the locale's style. */
export function areaTranslator<K extends string>(messages: Record<K, string>, locale: Locale) {
  const numberFormat = new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 2 });
  const number = (value: number) => numberFormat.format(value);
  return {
    locale,
    t: (key: K, values?: Record<string, string | number>) => fillMessage(messages[key], values, number),
    /** The message cut at its values (`messagePieces`), to mark some of them. */
    pieces: (key: K, values?: Record<string, string | number>) => messagePieces(messages[key], values, number),
    number,
    /** Roubles, to the kopeck when there are kopecks, never split from the sign: "131 400 ₽". */
    rub: (value: number) => `${number(Math.round(value * 100) / 100)}\u00a0₽`,
  };
}

export type AreaTranslator<K extends string> = ReturnType<typeof areaTranslator<K>>;
