import { en } from './en';
import { fillMessage, intlLocale as intlLocaleOf, messagePieces, type Locale } from './format';
import { ru, type MessageKey } from './ru';

export type { Locale, MessageKey };

const catalogues: Record<Locale, Record<MessageKey, string>> = { ru, en };

const translators = new Map<Locale, ReturnType<typeof makeTranslator>>();

/** A translator for one locale: `t('docs.count', { count: 3 })`, plus Intl formatters for dates and numbers. */
export function translator(locale: Locale) {
  // Intl formatters are costly to build and safe to share: one translator per locale, per process.
  let found = translators.get(locale);
  if (!found) {
    found = makeTranslator(locale);
    translators.set(locale, found);
  }
  return found;
}

function makeTranslator(locale: Locale) {
  const messages = catalogues[locale];
  const intlLocale = intlLocaleOf(locale);
  const dateFormat = new Intl.DateTimeFormat(intlLocale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const shortDate = new Intl.DateTimeFormat(intlLocale, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' });
  const dayMonthFormat = new Intl.DateTimeFormat(intlLocale, { day: 'numeric', month: 'long', timeZone: 'UTC' });
  const numberFormat = new Intl.NumberFormat(intlLocale);
  const monthFormat = new Intl.DateTimeFormat(intlLocale, { month: 'long', year: 'numeric', timeZone: 'UTC' });
  // The day of a moment in a time zone (the site's, site.yaml `timeZone`), one formatter pair per zone.
  const zoned = new Map<string, { date: Intl.DateTimeFormat; shortDate: Intl.DateTimeFormat }>();
  const inZone = (timeZone: string) => {
    let found = zoned.get(timeZone);
    if (!found) {
      found = {
        date: new Intl.DateTimeFormat(intlLocale, { day: 'numeric', month: 'long', year: 'numeric', timeZone }),
        shortDate: new Intl.DateTimeFormat(intlLocale, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone }),
      };
      zoned.set(timeZone, found);
    }
    return found;
  };
  const t = (key: MessageKey, values?: Record<string, string | number>) => fillMessage(messages[key], values, numberFormat.format);
  return {
    locale,
    t,
    /** The message cut at its values, so a page can mark a title from the content with its language (src/islands/Phrase.tsx). */
    pieces: (key: MessageKey, values?: Record<string, string | number>) => messagePieces(messages[key], values, numberFormat.format),
    /** Whether a key made at run time (from a stored value) names a message. */
    has: (key: string): key is MessageKey => Object.hasOwn(messages, key),
    date: (value: Date) => dateFormat.format(value),
    shortDate: (value: Date) => shortDate.format(value),
    /** A calendar day (`YYYY-MM-DD`) as its day and month, for dates close at hand: «9 декабря». */
    dayMonth: (day: string) => dayMonthFormat.format(new Date(`${day}T00:00:00Z`)),
    /** The day a moment falls on in a time zone: a confirmation made at 02:00 in Yekaterinburg is that day's. */
    dayOf: (value: Date, timeZone: string) => inZone(timeZone).date.format(value),
    shortDayOf: (value: Date, timeZone: string) => inZone(timeZone).shortDate.format(value),
    /** A month, `YYYY-MM`, as people name it: «ноябрь 2026 г.», "November 2026". */
    monthName: (month: string) => monthFormat.format(new Date(`${month}-01T00:00:00Z`)),
    number: (value: number) => numberFormat.format(value),
    /** A share in whole percent: "42 %". */
    percent: (value: number) => `${numberFormat.format(Math.round(value))} %`,
    /** An amount in whole roubles: "1 200 ₽". */
    money: (value: number) => `${numberFormat.format(Math.round(value))} ₽`,
  };
}

export type Translator = ReturnType<typeof translator>;
