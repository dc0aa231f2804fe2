import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitDocFile, writeDocFile } from '../../src/content-check/doc-file';

const demoDocs = readdirSync('content/docs')
  .filter((f) => f.endsWith('.mdx'))
  .map((f) => ({ name: f, text: readFileSync(join('content/docs', f), 'utf8') }));

describe('content files written back', () => {
  it('are byte-identical when nothing changed, for every document of the demo', () => {
    expect(demoDocs.length).toBeGreaterThan(15);
    for (const { name, text } of demoDocs) expect(writeDocFile(text), name).toBe(text);
  });

  it('change only the line of a changed field, keeping the order, quotes and lists of the others', () => {
    for (const { name, text } of demoDocs) {
      const written = writeDocFile(text, { version: '9.9' });
      const before = splitDocFile(text).frontmatter.split('\n');
      const after = splitDocFile(written).frontmatter.split('\n');
      expect(after.length, name).toBe(before.length);
      const changed = after.filter((line, i) => line !== before[i]);
      expect(changed, name).toEqual([expect.stringMatching(/^version: "?9\.9"?$/)]);
      expect(splitDocFile(written).body, name).toBe(splitDocFile(text).body);
    }
  });

  it('add a new field after the others, remove one set to undefined, and take a new body', () => {
    const text = '---\ntitle: Регламент\nversion: "1.0"\ntags: [crm]\n---\n\n## Текст\n';
    expect(writeDocFile(text, { reviewBy: '2027-06-01' })).toBe('---\ntitle: Регламент\nversion: "1.0"\ntags: [crm]\nreviewBy: 2027-06-01\n---\n\n## Текст\n');
    expect(writeDocFile(text, { tags: undefined })).toBe('---\ntitle: Регламент\nversion: "1.0"\n---\n\n## Текст\n');
    expect(writeDocFile(text, {}, '\n## Новый текст\n')).toBe('---\ntitle: Регламент\nversion: "1.0"\ntags: [crm]\n---\n\n## Новый текст\n');
  });

  it('keep a file’s Windows line endings', () => {
    const text = '---\r\ntitle: A\r\nversion: "1.0"\r\n---\r\nТекст\r\n';
    expect(writeDocFile(text)).toBe(text);
    expect(writeDocFile(text, { version: '1.1' })).toBe('---\r\ntitle: A\r\nversion: "1.1"\r\n---\r\nТекст\r\n');
  });
});
