import { describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en';
import { fillMessage, messagePieces } from '../../src/i18n/format';
import { translator } from '../../src/i18n';
import { ru } from '../../src/i18n/ru';

// Messages as people read them: a date that ends with its own full stop ends the sentence too.

describe('a message cut at its values', () => {
  it('names each value put in, so a page can mark a title from the content, and fills the rest as `t` does', () => {
    expect(messagePieces('Read and confirm: {title}', { title: 'Регламент' }, String)).toEqual(['Read and confirm: ', { name: 'title', text: 'Регламент' }]);
    expect(messagePieces('“{title}” is now at version {version}.', { title: 'Регламент', version: 3 }, (n) => `v${n}`)).toEqual([
      '“',
      { name: 'title', text: 'Регламент' },
      '” is now at version ',
      { name: 'version', text: 'v3' },
      '.',
    ]);
    // A value ending a sentence takes the template's full stop; an unknown name stays as written.
    expect(messagePieces('Дата {date}. Нет {name}.', { date: '1 сентября 2026 г.' }, String)).toEqual(['Дата ', { name: 'date', text: '1 сентября 2026 г.' }, ' Нет ', '{name}.']);
    const { t, pieces } = translator('en');
    const values = { lesson: 'Первый контакт', course: 'Основы' };
    expect(pieces('path.nextLesson', values).map((p) => (typeof p === 'string' ? p : p.text)).join('')).toBe(t('path.nextLesson', values));
  });
});

describe('filling a message', () => {
  it('never writes a full stop twice after a Russian date, and keeps the template’s own otherwise', () => {
    const { t, date } = translator('ru');
    const day = date(new Date('2026-09-01T00:00:00Z'));
    expect(day).toBe('1 сентября 2026 г.');
    expect(t('lesson.done', { date: day })).toBe('Урок пройден 1 сентября 2026 г.');
    expect(t('ack.done', { version: '2.0', date: day })).toBe('Вы ознакомились с версией 2.0 — 1 сентября 2026 г.');
    expect(fillMessage('Версия {version}.', { version: '2.0' }, String)).toBe('Версия 2.0.');
    expect(fillMessage('{n}.', { n: 3 }, String)).toBe('3.');
    expect(fillMessage('Нет {name}.', undefined, String)).toBe('Нет {name}.');
  });

  it('no message of either language doubles a full stop when a date fills any of its places', () => {
    for (const [locale, catalogue] of [['ru', ru], ['en', en]] as const) {
      const { t, date } = translator(locale);
      const day = date(new Date('2026-09-01T00:00:00Z'));
      for (const [key, template] of Object.entries(catalogue)) {
        const names = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
        const filled = t(key as keyof typeof ru, Object.fromEntries(names.map((name) => [name, day])));
        if (!template.includes('..')) expect(filled, key).not.toContain('..');
      }
    }
  });

  it('gives the day a moment falls on in the site’s time zone, not in UTC', () => {
    const { dayOf, shortDayOf, date } = translator('ru');
    // 02:00 on 2 September in Yekaterinburg (UTC+5) is still 1 September in UTC.
    const moment = new Date('2026-09-01T21:00:00Z');
    expect(date(moment)).toBe('1 сентября 2026 г.');
    expect(dayOf(moment, 'Asia/Yekaterinburg')).toBe('2 сентября 2026 г.');
    expect(shortDayOf(moment, 'Asia/Yekaterinburg')).toBe('02.09.2026');
    expect(shortDayOf(moment, 'Europe/Moscow')).toBe('02.09.2026');
    expect(translator('en').shortDayOf(moment, 'Europe/London')).toBe('01/09/2026');
  });
});
