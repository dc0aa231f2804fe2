import type { Locale } from '../i18n';
import { fillMessage, intlLocale, messagePieces } from '../i18n/format';
import { learningEn, learningRu } from '../i18n/learning';

type QuizMessageKey = keyof typeof learningRu;

/**
 * The quiz island's words. It reads only the learning catalogue: the full translator would ship
 * every page's text to the browser (about 10 KB gzip more). Placeholders are filled the way the
 * translator fills them, numbers with the locale's Intl format.
 */
export function quizText(locale: Locale) {
  const messages = locale === 'ru' ? learningRu : learningEn;
  const numberFormat = new Intl.NumberFormat(intlLocale(locale));
  const t = (key: QuizMessageKey, values?: Record<string, string | number>): string => fillMessage(messages[key], values, numberFormat.format);
  /** The message cut at its values, to mark a title from the content with its language (./Phrase.tsx). */
  t.pieces = (key: QuizMessageKey, values?: Record<string, string | number>) => messagePieces(messages[key], values, numberFormat.format);
  return t;
}

export type QuizText = ReturnType<typeof quizText>;
