import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../temp';
import { readContentFolder } from '../../src/content-check/folder';
import { validateContent } from '../../src/content-check/validate';

const tsx = resolve('node_modules/tsx/dist/cli.mjs');

function keep(content: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [tsx, 'scripts/keep-version.ts', ...args], {
    env: { ...process.env, SALESBOOK_CONTENT: content },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, out: result.stdout, err: result.stderr };
}

describe('npm run docs:keep', () => {
  it('keeps the current text of a document under its version, once, and the content stays valid', () => {
    const content = tempDir('salesbook-keep-');
    cpSync(resolve('test/fixtures/content'), content, { recursive: true });
    const kept = keep(content, 'motivation-statute');
    expect(kept.status).toBe(0);
    expect(kept.out).toContain('Kept version 1.2 of motivation-statute in docs/_versions/motivation-statute/1.2.mdx.');
    const original = readFileSync(join(content, 'docs/motivation-statute.mdx'), 'utf8');
    expect(readFileSync(join(content, 'docs/_versions/motivation-statute/1.2.mdx'), 'utf8')).toBe(original);
    expect(keep(content, 'motivation-statute').out).toContain('already kept');

    // The head edits the document without raising its version: keeping again is refused.
    writeFileSync(join(content, 'docs/motivation-statute.mdx'), original.replace('70 %', '60 %'));
    const refused = keep(content, 'motivation-statute');
    expect(refused.status).toBe(1);
    expect(refused.err).toContain('already exists and differs');

    writeFileSync(join(content, 'docs/motivation-statute.mdx'), original.replace('70 %', '60 %').replace('version: "1.2"', 'version: "2.0"'));
    expect(validateContent(readContentFolder(content)).problems).toEqual([]);
  });

  it('names what is wrong: no id, or a document that does not exist', () => {
    const content = resolve('test/fixtures/content');
    expect(keep(content).err).toContain('npm run docs:keep -- DOC-ID');
    const missing = keep(content, 'lead-handlng');
    expect(missing.status).toBe(1);
    expect(missing.err).toContain('There is no document «lead-handlng»');
  });
});
