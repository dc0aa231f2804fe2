import { describe, expect, it } from 'vitest';
import { READING_WORDS_PER_MINUTE, readableWordCount, readingMinutes } from '../../src/domain/reading-time';

describe('reading time of a document', () => {
  it('counts the words a reader sees, not frontmatter, marks or component tags', () => {
    const mdx = ['---', 'title: Регламент обработки заявок', '---', '', '## Сроки ответа', '', '<Callout type="note">', 'Ответьте **за 15 минут**.', '</Callout>', '', '- Позвонить клиенту', '| Срок | Кто |', '| --- | --- |', '| 1 день | менеджер |'].join('\n');
    // «Сроки ответа» 2 · «Ответьте за 15 минут» 4 · «Позвонить клиенту» 2 · table 2 + 3.
    expect(readableWordCount(mdx)).toBe(13);
  });

  it('rounds up to whole minutes and never says less than one', () => {
    const words = (n: number) => Array.from({ length: n }, () => 'слово').join(' ');
    expect(readingMinutes('')).toBe(1);
    expect(readingMinutes(words(10))).toBe(1);
    expect(readingMinutes(words(READING_WORDS_PER_MINUTE))).toBe(1);
    expect(readingMinutes(words(READING_WORDS_PER_MINUTE + 1))).toBe(2);
    expect(readingMinutes(words(1000), 200)).toBe(5);
  });
});
