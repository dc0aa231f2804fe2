import { intlLocale, type Locale } from './format';

/** The words of CSV exports that no page has. */
export const exportsRu = {
  'export.person': 'Сотрудник',
  'export.login': 'Логин',
  'export.quiz': 'Тест',
  'export.started': 'Начат',
  'export.submitted': 'Отправлен',
  'export.score': 'Результат, %',
  'export.result': 'Итог',
  'export.passed': 'Сдан',
  'export.failed': 'Не сдан',
  'export.late': 'После срока',
  'export.questions': 'Вопросов',
  'export.yes': 'Да',
  'export.no': 'Нет',
  'export.checklist': 'Чек-лист',
  'export.item': 'Навык',
  'export.verdict': 'Решение',
  'export.rating': 'Оценка',
  'export.comment': 'Комментарий',
  'export.signedBy': 'Кто оценил',
  'export.at': 'Когда',
  'export.docVersions': 'Версии документов',
} as const;

export const exportsEn: Record<keyof typeof exportsRu, string> = {
  'export.person': 'Employee',
  'export.login': 'Login',
  'export.quiz': 'Quiz',
  'export.started': 'Started',
  'export.submitted': 'Submitted',
  'export.score': 'Score, %',
  'export.result': 'Result',
  'export.passed': 'Passed',
  'export.failed': 'Failed',
  'export.late': 'Late',
  'export.questions': 'Questions',
  'export.yes': 'Yes',
  'export.no': 'No',
  'export.checklist': 'Checklist',
  'export.item': 'Skill',
  'export.verdict': 'Verdict',
  'export.rating': 'Rating',
  'export.comment': 'Comment',
  'export.signedBy': 'Judged by',
  'export.at': 'When',
  'export.docVersions': 'Document versions',
};

/**
 * How values are written into a CSV a spreadsheet opens in the interface's language: numbers with
 * its decimal mark and no grouping (Excel in Russian reads «87,5» as a number, «1 250» as text),
 * instants as local time in the department's time zone, calendar days as they are.
 */
export function csvCells(locale: Locale, timeZone: string) {
  const intl = intlLocale(locale);
  const numberFormat = new Intl.NumberFormat(intl, { useGrouping: false, maximumFractionDigits: 2 });
  const parts = (format: Intl.DateTimeFormat, value: Date) =>
    Object.fromEntries(format.formatToParts(value).map((part) => [part.type, part.value])) as Record<Intl.DateTimeFormatPartTypes, string>;
  const local = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  // The day in the language's order: 18.11.2026 in Russian, 18/11/2026 in English.
  const day = (d: string, m: string, y: string) => (locale === 'ru' ? `${d}.${m}.${y}` : `${d}/${m}/${y}`);
  return {
    number: (value: number | null | undefined) => (value === null || value === undefined ? '' : numberFormat.format(value)),
    /** An instant (ISO 8601) as the department's local date and time: 18.11.2026 11:00. */
    dateTime: (iso: string | null | undefined) => {
      if (!iso) return '';
      const p = parts(local, new Date(iso));
      return `${day(p.day, p.month, p.year)} ${p.hour}:${p.minute}`;
    },
    /** A calendar day (YYYY-MM-DD), which has no time zone. */
    date: (isoDay: string | null | undefined) => {
      if (!isoDay) return '';
      const [y, m, d] = isoDay.slice(0, 10).split('-');
      return day(d!, m!, y!);
    },
  };
}

export type CsvCells = ReturnType<typeof csvCells>;
