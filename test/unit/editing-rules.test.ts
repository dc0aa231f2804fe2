import { describe, expect, it } from 'vitest';
import { freeId, idFromTitle, MAX_ID_LENGTH } from '../../src/domain/doc-ids';
import { checkEditBase } from '../../src/domain/edit-base';
import { nextVersion } from '../../src/domain/versions';
import { entryId } from '../../src/schemas/common';

describe('the id of a new document', () => {
  it('comes from its title, transliterated, in words joined by hyphens', () => {
    expect(idFromTitle('Регламент обработки входящих заявок')).toBe('reglament-obrabotki-vkhodiashchikh-zaiavok');
    expect(idFromTitle('Приказ № 12 «О скидках» от 01.03.2027')).toBe('prikaz-12-o-skidkakh-ot-01-03-2027');
    expect(idFromTitle('Щёточка, ёжик и объём')).toBe('shchetochka-ezhik-i-obieem');
    expect(idFromTitle('CRM: Sales Guide')).toBe('crm-sales-guide');
    expect(idFromTitle('«»—!')).toBe('document');
  });

  it('is a valid id of the content, cut at a word within the length', () => {
    const long = idFromTitle('Положение о порядке согласования коммерческих предложений и скидок для ключевых клиентов компании');
    expect(long.length).toBeLessThanOrEqual(MAX_ID_LENGTH);
    expect(long.endsWith('-')).toBe(false);
    for (const title of ['Регламент', '123 правила', long]) expect(entryId.safeParse(idFromTitle(title)).success, title).toBe(true);
  });

  it('never takes an id that exists', () => {
    expect(freeId('tenders', new Set(['crm']))).toBe('tenders');
    expect(freeId('tenders', new Set(['tenders', 'tenders-2']))).toBe('tenders-3');
  });
});

describe('publishing a version', () => {
  it('adds to the minor number, or starts the next major at 0', () => {
    expect(nextVersion('2.1', 'minor')).toBe('2.2');
    expect(nextVersion('2.9', 'minor')).toBe('2.10');
    expect(nextVersion('2.10', 'major')).toBe('3.0');
    expect(nextVersion('0.3', 'major')).toBe('1.0');
  });
});

describe('two heads editing one document', () => {
  const base = { version: '2.0', contentHash: 'a' };
  it('saves over the text the edit started from', () => {
    expect(checkEditBase(base, { version: '2.0', contentHash: 'a' })).toEqual({ ok: true });
  });

  it('refuses to save over a newer version or a changed text, and says what is there now', () => {
    expect(checkEditBase(base, { version: '2.1', contentHash: 'b' })).toEqual({ ok: false, reason: 'newer-version', current: { version: '2.1', contentHash: 'b' } });
    expect(checkEditBase(base, { version: '2.0', contentHash: 'c' })).toEqual({ ok: false, reason: 'changed-text', current: { version: '2.0', contentHash: 'c' } });
  });
});
