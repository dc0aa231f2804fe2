import { resolve } from 'node:path';

/** The content folder: SALESBOOK_CONTENT, or ./content beside the project. */
export function contentFolder(): string {
  return resolve(process.env.SALESBOOK_CONTENT || 'content');
}
