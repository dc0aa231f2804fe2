import type { Locale } from '../i18n';
import { learningEn, learningRu } from '../i18n/learning';

/**
 * The quiz island's words. It reads only the learning catalogue: the full translator would ship
 * every page's text to the browser (about 10 KB gzip more). Placeholders are filled the way the
 * translator fills them, numbers with the locale's Intl format.
 */
export function quizText(locale: Locale) {
  const messages = locale === 'ru' ? learningRu : learningEn;
  const numberFormat = new Intl.NumberFormat(locale === 'ru' ? 'ru-RU' : 'en-GB');
  return (key: keyof typeof learningRu, values?: Record<string, string | number>): string =>
    messages[key].replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = values?.[name];
      return value === undefined ? `{${name}}` : typeof value === 'number' ? numberFormat.format(value) : value;
    });
}

export type QuizText = ReturnType<typeof quizText>;
