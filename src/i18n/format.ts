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

/**
 * Replaces `{name}` with values; numbers go through `formatNumber`, unknown names stay as written. A
 * value that ends with a full stop (a Russian date, «1 сентября 2026 г.») ends the sentence too: the
 * template's own full stop right after it is left out, never «г..».
 */
export function fillMessage(template: string, values: Record<string, string | number> | undefined, formatNumber: (value: number) => string): string {
  return template.replace(/\{(\w+)\}(\.?)/g, (_, name: string, stop: string) => {
    const value = values?.[name];
    const text = value === undefined ? `{${name}}` : typeof value === 'number' ? formatNumber(value) : value;
    return text.endsWith('.') ? text : text + stop;
  });
}

/** A translator over one area's messages, for an island: `t`, numbers and roubles in the locale's style. */
export function areaTranslator<K extends string>(messages: Record<K, string>, locale: Locale) {
  const numberFormat = new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 2 });
  const number = (value: number) => numberFormat.format(value);
  return {
    locale,
    t: (key: K, values?: Record<string, string | number>) => fillMessage(messages[key], values, number),
    number,
    /** Roubles, to the kopeck when there are kopecks, never split from the sign: "131 400 ₽". */
    rub: (value: number) => `${number(Math.round(value * 100) / 100)}\u00a0₽`,
  };
}

export type AreaTranslator<K extends string> = ReturnType<typeof areaTranslator<K>>;
