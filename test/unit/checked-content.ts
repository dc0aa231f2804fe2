import { resolve } from 'node:path';
import { formatProblems } from '../../src/schemas/error-map';
import { readContentFolder } from '../../src/content-check/folder';
import { validateContent } from '../../src/content-check/validate';

/** A content folder read and validated as the build does; a content mistake fails the test that asked. */
export function checkedContent(folder: 'content' | 'test/fixtures/content') {
  const { content, problems } = validateContent(readContentFolder(resolve(folder)));
  if (problems.length > 0) throw new Error(formatProblems(problems, 'en'));
  return content;
}
