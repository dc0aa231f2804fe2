// `npm run docs:import`: a folder of Word files reported, then written as draft documents with their
// images; a file titled like an existing document, and a file that is not Word, are left alone.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../temp';
import { imagesDocx, mergedTableDocx, plainTextFile, regulationDocx } from '../docx-fixtures';
import { readContentFolder } from '../../src/content-check/folder';
import { validateContent } from '../../src/content-check/validate';

const tsx = resolve('node_modules/tsx/dist/cli.mjs');

function importDocs(content: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [tsx, 'scripts/docs-import.ts', ...args], {
    env: { ...process.env, SALESBOOK_CONTENT: content },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, out: result.stdout, err: result.stderr };
}

const docsIn = (content: string) => readdirSync(join(content, 'docs'), { recursive: true }).map(String).sort();

describe('npm run docs:import', () => {
  it('reports by default, writes with --apply, and leaves an existing title and a bad file alone', async () => {
    const content = join(tempDir('salesbook-docs-import-'), 'content');
    cpSync(resolve('test/fixtures/content'), content, { recursive: true });
    const folder = join(content, '..', 'word');
    mkdirSync(folder);
    writeFileSync(join(folder, 'Схема.docx'), await imagesDocx());
    writeFileSync(join(folder, 'Таблица.docx'), await mergedTableDocx());
    writeFileSync(join(folder, 'Регламент.docx'), await regulationDocx());
    writeFileSync(join(folder, 'Заметки.docx'), await plainTextFile());
    const before = docsIn(content);

    const dry = importDocs(content, folder);
    expect(dry.err).toBe('');
    expect(dry.status).toBe(0);
    expect(dry.out).toContain('Готово к записи: 2 из 4.');
    expect(dry.out).toContain('Ничего не записано.');
    expect(dry.out).toMatch(/Заметки\.docx\n {2}✗ Это не документ Word/);
    expect(dry.out).toContain('документ с названием «Регламент обработки входящих заявок» уже есть (docs/lead-handling.mdx)');
    expect(dry.out).toContain('Объединённые ячейки таблиц');
    expect(docsIn(content)).toEqual(before);

    const applied = importDocs(content, folder, '--apply');
    expect(applied.status).toBe(0);
    expect(applied.out).toContain('Записано документов: 2');
    const added = docsIn(content).filter((path) => !before.includes(path));
    const written = added.filter((path) => path.endsWith('.mdx'));
    expect(written).toHaveLength(2);
    expect(added.some((path) => /^_media\/[a-z0-9-]+\/[a-f0-9]{16}\.png$/.test(path))).toBe(true);
    for (const path of written) {
      const text = readFileSync(join(content, 'docs', path), 'utf8');
      expect(text).toMatch(/^status: draft$/m);
      expect(text).toMatch(/^owner: head-of-sales$/m);
    }
    // The folder with them passes the content check, images included.
    expect(validateContent(readContentFolder(content)).problems).toEqual([]);
  }, 120_000);

  it('a folder that is not there: the usage, nothing written', () => {
    const content = join(tempDir('salesbook-docs-import-'), 'content');
    cpSync(resolve('test/fixtures/content'), content, { recursive: true });
    const before = docsIn(content);
    const missing = importDocs(content, join(content, 'no-such-folder'));
    expect(missing.status).toBe(1);
    expect(missing.err).toContain('is not a folder');
    expect(missing.err).toContain('npm run docs:import -- FOLDER');
    expect(docsIn(content)).toEqual(before);
  });
});
