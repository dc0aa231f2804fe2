import { describe, expect, it } from 'vitest';
import { docHref, docLinkLabel, parseDocLink } from '../../src/domain/doc-links';
import { translator } from '../../src/i18n';

describe('document links', () => {
  it('take a document or a section link apart', () => {
    expect(parseDocLink('lead-handling')).toEqual({ docId: 'lead-handling', section: undefined });
    expect(parseDocLink('lead-handling#сроки-обработки')).toEqual({ docId: 'lead-handling', section: 'сроки-обработки' });
    expect(parseDocLink('lead-handling#')).toEqual({ docId: 'lead-handling', section: undefined });
  });

  it('give the address on the site and the words a reader sees', () => {
    expect(docHref('lead-handling')).toBe('/docs/lead-handling/');
    expect(docHref('lead-handling', 'сроки-обработки')).toBe('/docs/lead-handling/#сроки-обработки');
    expect(docLinkLabel('Регламент обработки заявок')).toBe('Регламент обработки заявок');
    expect(docLinkLabel('Регламент обработки заявок', 'Сроки обработки')).toBe('Регламент обработки заявок — Сроки обработки');
  });
});

describe('shares in percent', () => {
  it('are whole percent in the reader’s number style', () => {
    expect(translator('ru').percent(87.6)).toBe('88 %');
    expect(translator('ru').percent(1234.4)).toBe(`${new Intl.NumberFormat('ru-RU').format(1234)} %`);
    expect(translator('en').percent(0.4)).toBe('0 %');
    expect(translator('ru').money(1199.6)).toBe(`${new Intl.NumberFormat('ru-RU').format(1200)} ₽`);
  });
});
