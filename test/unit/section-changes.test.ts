import { describe, expect, it } from 'vitest';
import { changedSections, comparableText, compareSections, sectionReopening, sectionsOf } from '../../src/domain/section-changes';

// A regulation in three sections, the first with a subsection, as the tests change it.
const BODY = [
  'Вводный абзац без раздела.',
  '',
  '## Сроки ответа',
  '',
  'Менеджер отвечает на заявку с сайта в течение **15 минут** в рабочее время.',
  '',
  '### Если заявка пришла ночью',
  '',
  'Ответ до 10:00 следующего рабочего дня.',
  '',
  '## Что записать в CRM',
  '',
  '- Источник заявки.',
  '- Потребность клиента.',
  '',
  '## Скидки',
  '',
  'Скидку до 3 % менеджер даёт сам.',
].join('\n');

/** What became of each section, as `anchor: change`. */
const fates = (before: string, after: string) => compareSections(before, after).sections.map((s) => `${s.anchor}: ${s.change}`);

describe('the sections of a document', () => {
  it('are its headings with their anchors, each holding its subsections; text before the first heading is in none', () => {
    const sections = sectionsOf(BODY);
    expect(sections.map((s) => [s.anchor, s.title, s.depth, s.parent])).toEqual([
      ['сроки-ответа', 'Сроки ответа', 2, null],
      ['если-заявка-пришла-ночью', 'Если заявка пришла ночью', 3, 'сроки-ответа'],
      ['что-записать-в-crm', 'Что записать в CRM', 2, null],
      ['скидки', 'Скидки', 2, null],
    ]);
    expect(sections[0]!.key).toContain('следующегорабочегодня');
    expect(sections.some((s) => s.key.includes('вводный'))).toBe(false);
  });

  it('skip headings inside code blocks, as the renderer does', () => {
    const sections = sectionsOf('## Пример\n\n```md\n## Не раздел\n```\n\n## Итог\n\nТекст.');
    expect(sections.map((s) => s.anchor)).toEqual(['пример', 'итог']);
    expect(sections[0]!.key).toContain('нераздел');
  });
});

describe('what counts as a change of a section', () => {
  it('nothing, for the same text', () => {
    expect(fates(BODY, BODY)).toEqual(['сроки-ответа: unchanged', 'если-заявка-пришла-ночью: unchanged', 'что-записать-в-crm: unchanged', 'скидки: unchanged']);
    expect(compareSections(BODY, BODY).added).toEqual([]);
  });

  it('a changed word changes its section, and only that one', () => {
    const after = BODY.replace('Потребность клиента', 'Бюджет клиента');
    expect(fates(BODY, after)).toEqual(['сроки-ответа: unchanged', 'если-заявка-пришла-ночью: unchanged', 'что-записать-в-crm: changed', 'скидки: unchanged']);
  });

  it('a changed number changes it, and so does a changed separator inside a number', () => {
    expect(fates(BODY, BODY.replace('до 3 %', 'до 5 %')).at(-1)).toBe('скидки: changed');
    expect(fates(BODY, BODY.replace('до 3 %', 'до 3 ₽')).at(-1)).toBe('скидки: changed');
    expect(comparableText('1,5 %')).not.toBe(comparableText('15 %'));
    expect(comparableText('10:00')).not.toBe(comparableText('1000'));
    expect(comparableText('скидка -5 %')).not.toBe(comparableText('скидка 5 %'));
  });

  it('a change in a subsection changes the section it belongs to as well', () => {
    const after = BODY.replace('до 10:00', 'до 11:00');
    expect(fates(BODY, after).slice(0, 3)).toEqual(['сроки-ответа: changed', 'если-заявка-пришла-ночью: changed', 'что-записать-в-crm: unchanged']);
  });

  it('whitespace alone is no change: line breaks, spaces, blank lines, indentation', () => {
    const after = BODY.replace('Менеджер отвечает на заявку с сайта', 'Менеджер  отвечает\nна заявку   с сайта').replace('## Скидки\n\n', '## Скидки\n\n\n\n   ');
    expect(fates(BODY, after).every((f) => f.endsWith('unchanged'))).toBe(true);
  });

  it('punctuation alone is no change, nor typographic quotes and dashes, letter case, ё, or Markdown emphasis', () => {
    const after = BODY.replace('Скидку до 3 % менеджер даёт сам.', 'Скидку — до 3 % — менеджер «даёт» сам!')
      .replace('Ответ до 10:00 следующего рабочего дня.', 'ответ до 10.00, следующего рабочего дня')
      .replace('**15 минут**', '_15 минут_')
      .replace('Источник заявки.', 'Источник заявки;');
    expect(fates(BODY, after).every((f) => f.endsWith('unchanged'))).toBe(true);
    expect(comparableText('Ещё "цена" - 10-15 дней')).toBe(comparableText('еще «Цена» — 10–15 дней'));
    expect(comparableText('1,5')).toBe(comparableText('1.5'));
    expect(comparableText('−5')).toBe(comparableText('-5'));
  });

  it('a section in another place, with the same anchor and text, moved: that is no change', () => {
    const after = [BODY.split('## Скидки')[0]!.replace('## Сроки ответа', '## Скидки\n\nСкидку до 3 % менеджер даёт сам.\n\n## Сроки ответа')].join('');
    expect(fates(BODY, after)).toEqual(['сроки-ответа: unchanged', 'если-заявка-пришла-ночью: unchanged', 'что-записать-в-crm: unchanged', 'скидки: moved']);
    expect(changedSections(compareSections(BODY, after))).toEqual([]);
  });

  it('a subsection moved under another section moves, and changes both sections around it', () => {
    const night = '### Если заявка пришла ночью\n\nОтвет до 10:00 следующего рабочего дня.\n\n';
    const after = BODY.replace(night, '') + '\n\n' + night;
    expect(fates(BODY, after)).toEqual(['сроки-ответа: changed', 'если-заявка-пришла-ночью: moved', 'что-записать-в-crm: unchanged', 'скидки: changed']);
  });

  it('subsections put in another order leave their section unchanged', () => {
    const before = '## Этапы\n\n### Звонок\n\nЗвоним.\n\n### Письмо\n\nПишем.';
    const after = '## Этапы\n\n### Письмо\n\nПишем.\n\n### Звонок\n\nЗвоним.';
    expect(fates(before, after)).toEqual(['этапы: unchanged', 'звонок: moved', 'письмо: unchanged']);
  });

  it('a new heading over the same text renamed the section; with its text changed too, the section was removed', () => {
    const renamed = BODY.replace('## Что записать в CRM', '## Карточка в CRM');
    const comparison = compareSections(BODY, renamed);
    expect(comparison.sections[2]).toEqual({ anchor: 'что-записать-в-crm', title: 'Что записать в CRM', change: 'renamed', renamedTo: { anchor: 'карточка-в-crm', title: 'Карточка в CRM' } });
    expect(comparison.added).toEqual([]);

    const rewritten = renamed.replace('Потребность клиента', 'Бюджет клиента');
    const other = compareSections(BODY, rewritten);
    expect(other.sections[2]!.change).toBe('removed');
    expect(other.added).toEqual([{ anchor: 'карточка-в-crm', title: 'Карточка в CRM' }]);
  });

  it('a section taken out was removed, and one put in was added', () => {
    const after = BODY.replace('## Скидки\n\nСкидку до 3 % менеджер даёт сам.', '## Возвраты\n\nВозврат оформляет бухгалтерия.');
    const comparison = compareSections(BODY, after);
    expect(comparison.sections.at(-1)!.change).toBe('removed');
    expect(comparison.added).toEqual([{ anchor: 'возвраты', title: 'Возвраты' }]);
    expect(changedSections(comparison)).toEqual([
      { anchor: null, title: 'Скидки', change: 'removed' },
      { anchor: 'возвраты', title: 'Возвраты', change: 'added' },
    ]);
  });
});

describe('what happened to the section a link names', () => {
  const comparison = compareSections(BODY, BODY.replace('Потребность клиента', 'Бюджет клиента').replace('## Скидки', '## Скидки менеджера'));

  it('nothing to judge again for an unchanged or moved section', () => {
    expect(sectionReopening(comparison, 'сроки-ответа')).toBeNull();
  });

  it('a changed section, by its heading now', () => {
    expect(sectionReopening(comparison, 'что-записать-в-crm')).toEqual({ anchor: 'что-записать-в-crm', title: 'Что записать в CRM', change: 'changed' });
  });

  it('a renamed one, by its new anchor or its old one', () => {
    const renamed = { anchor: 'скидки-менеджера', title: 'Скидки менеджера', change: 'renamed', formerTitle: 'Скидки' };
    expect(sectionReopening(comparison, 'скидки-менеджера')).toEqual(renamed);
    expect(sectionReopening(comparison, 'скидки')).toEqual({ ...renamed, anchor: 'скидки' });
  });

  it('a section the earlier version did not have was never judged: added', () => {
    const added = compareSections(BODY, `${BODY}\n\n## Возвраты\n\nВозврат оформляет бухгалтерия.`);
    expect(sectionReopening(added, 'возвраты')).toEqual({ anchor: 'возвраты', title: 'Возвраты', change: 'added' });
  });
});
