import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import { bodyTree } from '../../src/content-store/body';
import { anchorOf, headingsOf } from '../../src/domain/headings';

// A body as pages render it: headings with anchors, and footnotes that speak the interface language.

describe('a content body', () => {
  it('gives each heading its anchor and lists the sections', () => {
    const { tree, headings } = bodyTree('## Сроки ответа\n\nТекст.\n\n### Вне рабочего времени\n\nТекст.');
    expect(headings).toEqual([
      { depth: 2, text: 'Сроки ответа', slug: 'сроки-ответа' },
      { depth: 3, text: 'Вне рабочего времени', slug: 'вне-рабочего-времени' },
    ]);
    expect(toHtml(tree)).toContain('<h2 id="сроки-ответа">');
  });

  it('keeps a heading’s punctuation in its text and drops it from its anchor, the same from the source as on the page', () => {
    const body = [
      '## Пример А. План выполнен на 105 %',
      '### Стадия 3 — претензия',
      '## Если клиент говорит «Пришлите на почту»',
      '## Итоги',
      '## Итоги',
    ].join('\n\nТекст.\n\n');
    const rendered = bodyTree(body).headings;
    expect(rendered.map((h) => [h.text, h.slug])).toEqual([
      ['Пример А. План выполнен на 105 %', 'пример-а-план-выполнен-на-105'],
      ['Стадия 3 — претензия', 'стадия-3-претензия'],
      ['Если клиент говорит «Пришлите на почту»', 'если-клиент-говорит-пришлите-на-почту'],
      ['Итоги', 'итоги'],
      ['Итоги', 'итоги-1'],
    ]);
    expect(headingsOf(body)).toEqual(rendered);
    // Straight quotes turn typographic on the page; the anchor is the same either way.
    expect(anchorOf('Ответ на "дорого" -- по шагам')).toBe(anchorOf('Ответ на “дорого” – по шагам'));
    expect(anchorOf('Ответ на "дорого" -- по шагам')).toBe('ответ-на-дорого-по-шагам');
  });

  it('words the footnotes in the interface language, and their heading is not a section', () => {
    const body = '## Сроки\n\nОтвечаем за 15 минут.[^1]\n\n[^1]: В рабочее время.';
    const ru = bodyTree(body, 'ru');
    expect(ru.headings.map((h) => h.text)).toEqual(['Сроки']);
    const html = toHtml(ru.tree);
    expect(html).toContain('Сноски');
    expect(html).toContain('В рабочее время.');
    expect(html).toContain('aria-label="Вернуться к тексту, сноска 1"');
    expect(html).not.toContain('Footnotes');
    expect(toHtml(bodyTree(body, 'en').tree)).toContain('Back to reference 1');
  });

  it('puts each table in a box of its own that scrolls, named by its columns and reachable by keyboard', () => {
    const body = '## Каналы\n\n| Канал | Для чего |\n| --- | --- |\n| Почта | КП и договоры |\n\n> | A | B |\n> | - | - |\n> | 1 | 2 |';
    const html = toHtml(bodyTree(body, 'ru').tree);
    expect(html).toContain('<div class="table-scroll" role="region" tabindex="0" aria-label="Таблица: Канал, Для чего"><table>');
    // A table inside a quote gets its box too.
    expect(html).toContain('<blockquote>\n<div class="table-scroll" role="region" tabindex="0" aria-label="Таблица: A, B"><table>');
    expect(toHtml(bodyTree(body, 'en').tree)).toContain('aria-label="Table: Канал, Для чего"');
  });
});
