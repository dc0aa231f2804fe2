import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblems } from '../../src/schemas/error-map';
import { readContentFolder } from '../../src/content-check/folder';
import { validateContent } from '../../src/content-check/validate';

describe('the content folder shipped with Salesbook', () => {
  it('passes every schema and cross-reference check', () => {
    const { problems } = validateContent(readContentFolder(resolve('content')));
    expect(problems.length === 0 ? '' : formatProblems(problems)).toBe('');
  });
});

describe('the test fixture content', () => {
  it('passes every schema and cross-reference check', () => {
    const { problems } = validateContent(readContentFolder(resolve('test/fixtures/content')));
    expect(problems.length === 0 ? '' : formatProblems(problems)).toBe('');
  });
});
