import { describe, expect, it } from 'vitest';
import { compareTexts, readableBlocks, similarity, type DiffBlock } from '../../src/domain/text-diff';

/** A comparison as short lines: `= text`, `+ text`, `- text`, `~ same [+added] [-removed]`, `… n`. */
function lines(blocks: DiffBlock[]): string[] {
  return blocks.map((block) => {
    if (block.change === 'skipped') return `… ${block.count}`;
    if (block.change === 'changed') {
      return `~ ${block.parts.map((p) => (p.change === 'same' ? p.text : `[${p.change === 'added' ? '+' : '-'}${p.text}]`)).join('')}`;
    }
    return `${{ same: '=', added: '+', removed: '-' }[block.change]} ${block.text}`;
  });
}

describe('readable blocks of an MDX text', () => {
  it('drops frontmatter, imports, marks and component tags, and keeps headings, items and table rows apart', () => {
    const mdx = [
      '---',
      'title: Регламент',
      '---',
      "import Chart from '../chart.astro';",
      '',
      '## Сроки **ответа**',
      '',
      'Менеджер отвечает',
      'в течение [15 минут](#сроки).',
      '',
      '<Callout type="warning" title="Важно">Ночные заявки — до 10:00.</Callout>',
      '',
      '<Steps>',
      '',
      '1. Представьтесь.',
      '2. Спросите, кто',
      '   отвечает за закупку.',
      '- Без маркера не бывает.',
      '',
      '</Steps>',
      '',
      '| Скидка | Кто согласует |',
      '| --- | --- |',
      '| до 5 % | менеджер |',
    ].join('\n');
    expect(readableBlocks(mdx)).toEqual([
      { text: 'Сроки ответа', heading: true },
      { text: 'Менеджер отвечает в течение 15 минут.', heading: false },
      { text: 'Ночные заявки — до 10:00.', heading: false },
      { text: '1. Представьтесь.', heading: false },
      { text: '2. Спросите, кто отвечает за закупку.', heading: false },
      { text: '• Без маркера не бывает.', heading: false },
      { text: 'Скидка · Кто согласует', heading: false },
      { text: 'до 5 % · менеджер', heading: false },
    ]);
  });

  it('keeps a code block as it is', () => {
    expect(readableBlocks('```\n**не разметка**\n```')).toEqual([{ text: '**не разметка**', heading: false }]);
  });
});

describe('comparing two versions word by word', () => {
  const v1 = ['## Сроки ответа', '', 'Менеджер отвечает на заявку в течение **30 минут**.', '', '## Ночью', '', 'Ответ до 10:00.', '', '## CRM', '', 'Источник заявки.'].join('\n');

  it('shows the words that changed inside an edited paragraph, in Russian', () => {
    const v2 = v1.replace('30 минут', '15 минут').replace('на заявку', 'на заявку с сайта');
    const { blocks, changed } = compareTexts(v1, v2, { context: 0 });
    expect(changed).toBe(true);
    expect(lines(blocks)).toEqual(['… 1', '~ Менеджер отвечает на заявку [+с сайта ]в течение [-30][+15] минут.', '… 4']);
  });

  it('shows an added and a removed paragraph whole, with unchanged neighbours as context', () => {
    const v2 = v1.replace('Ответ до 10:00.', 'Ответ до 10:00.\n\nВ выходные — до 12:00 понедельника.').replace('\n\n## CRM\n\nИсточник заявки.', '');
    expect(lines(compareTexts(v1, v2).blocks)).toEqual([
      '… 3',
      '= Ответ до 10:00.',
      '- CRM',
      '- Источник заявки.',
      '+ В выходные — до 12:00 понедельника.',
    ]);
    expect(lines(compareTexts(v1, v2, { context: 2 }).blocks).slice(0, 2)).toEqual(['… 2', '= Ночью']);
  });

  it('does not pair paragraphs that have nothing in common', () => {
    const { blocks } = compareTexts('Старый порядок согласования.', 'Скидку утверждает директор.');
    expect(lines(blocks)).toEqual(['- Старый порядок согласования.', '+ Скидку утверждает директор.']);
  });

  it('pairs an edited paragraph even when a new one is inserted before it', () => {
    const { blocks } = compareTexts('Оплата в течение 10 дней.', 'Новый абзац о предоплате.\n\nОплата в течение 14 дней.');
    expect(lines(blocks)).toEqual(['+ Новый абзац о предоплате.', '~ Оплата в течение [-10][+14] дней.']);
  });

  it('finds no change when only the formatting changed', () => {
    const { changed, blocks } = compareTexts('Ответ до **10:00**.', 'Ответ до 10:00.');
    expect(changed).toBe(false);
    expect(lines(blocks)).toEqual(['… 1']);
  });

  it('measures how alike two paragraphs are by shared words', () => {
    expect(similarity('Ответ до 10:00', 'ответ до 10:00')).toBe(1);
    expect(similarity('один два', 'три четыре')).toBe(0);
    expect(similarity('a b c d', 'a b x y')).toBe(0.5);
  });
});
