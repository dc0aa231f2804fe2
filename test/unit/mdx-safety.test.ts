import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, unsafeMdx } from '../../src/content-check/mdx-safety';

const bodyOf = (file: string) => readFileSync(file, 'utf8').replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n?/, '');

describe('what a body written in the browser may hold', () => {
  it('is Markdown and the authoring components with plain attributes: every document of the demo passes', () => {
    const folder = 'content/docs';
    const files = readdirSync(folder).filter((f) => f.endsWith('.mdx'));
    expect(files.length).toBeGreaterThan(15);
    for (const file of files) expect(unsafeMdx(bodyOf(join(folder, file))), file).toEqual([]);
    expect(unsafeMdx('## Сроки\n\n<Callout type="warning" title="Важно">Отвечаем за **15 минут**.</Callout>\n\n<Steps>\n\n1. Принять\n2. Позвонить\n\n</Steps>\n')).toEqual([]);
  });

  it('refuses imports and exports, naming where', () => {
    expect(unsafeMdx("Текст\n\nimport fs from 'node:fs'\n")).toEqual([{ kind: 'import-export', line: 3, column: 1 }]);
    expect(unsafeMdx('export const x = 1\n')).toMatchObject([{ kind: 'import-export', line: 1 }]);
  });

  it('refuses JavaScript expressions, in text, as a block and in attributes', () => {
    expect(unsafeMdx('Сумма: {process.exit(1)} рублей.')).toEqual([{ kind: 'expression', line: 1, column: 8 }]);
    expect(unsafeMdx('{require("child_process")}')).toMatchObject([{ kind: 'expression', line: 1 }]);
    expect(unsafeMdx('<Callout title={danger()}>Текст</Callout>')).toMatchObject([{ kind: 'attribute-expression', name: 'title' }]);
    expect(unsafeMdx('<Callout {...props}>Текст</Callout>')).toMatchObject([{ kind: 'attribute-expression' }]);
  });

  it('refuses raw HTML and unknown components, and attributes a component does not take', () => {
    expect(unsafeMdx('<script>alert(1)</script>')).toMatchObject([{ kind: 'unknown-element', name: 'script', line: 1 }]);
    expect(unsafeMdx('Текст <iframe src="https://example.org"></iframe>')).toMatchObject([{ kind: 'unknown-element', name: 'iframe' }]);
    expect(unsafeMdx('<Secret />')).toMatchObject([{ kind: 'unknown-element', name: 'Secret' }]);
    expect(unsafeMdx('<Callout onclick="steal()">Текст</Callout>')).toMatchObject([{ kind: 'attribute', name: 'onclick' }]);
    expect(unsafeMdx('<>фрагмент</>')).toMatchObject([{ kind: 'unknown-element', name: '<>' }]);
  });

  it('refuses what does not parse and what is too large, without reading further', () => {
    expect(unsafeMdx('<Callout>не закрыт')).toMatchObject([{ kind: 'syntax' }]);
    expect(unsafeMdx('а'.repeat(MAX_BODY_BYTES))).toEqual([{ kind: 'too-large', line: 0, column: 0 }]);
  });
});
