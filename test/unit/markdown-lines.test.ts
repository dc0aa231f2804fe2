import { describe, expect, it } from 'vitest';
import { markdownLines } from '../../src/domain/markdown-lines';

describe('reading Markdown line by line', () => {
  it('names each kind of line, and follows code blocks from fence to fence', () => {
    const text = [
      "import Callout from '../components/Callout.astro';",
      '## Сроки ответа ##',
      'Отвечаем в течение *15 минут*.',
      '',
      '1. Принять заявку',
      '- Позвонить',
      '| Канал | Срок |',
      '| --- | --- |',
      '```',
      '## не заголовок',
      '```',
      '<Steps>',
    ].join('\n');
    expect([...markdownLines(text)]).toEqual([
      { kind: 'break' },
      { kind: 'heading', depth: 2, text: 'Сроки ответа' },
      { kind: 'text', line: 'Отвечаем в течение *15 минут*.' },
      { kind: 'break' },
      { kind: 'list-item', marker: '1.', text: 'Принять заявку' },
      { kind: 'list-item', marker: '-', text: 'Позвонить' },
      { kind: 'table-row', cells: [' Канал ', ' Срок '] },
      { kind: 'break' },
      { kind: 'code-start' },
      { kind: 'code', line: '## не заголовок' },
      { kind: 'code-end' },
      { kind: 'text', line: '<Steps>' },
    ]);
  });

  it('leaves a code block open to the end when its closing fence is missing', () => {
    expect([...markdownLines('~~~\n# a\nb')].map((l) => l.kind)).toEqual(['code-start', 'code', 'code']);
  });
});
