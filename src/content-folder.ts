import { resolve } from 'node:path';

let last = { setting: '', folder: '' };

/** The content folder: SALESBOOK_CONTENT, or ./content beside the project. */
export function contentFolder(): string {
  const setting = process.env.SALESBOOK_CONTENT || 'content';
  // Asked on every content query: resolved once per setting.
  if (setting !== last.setting) last = { setting, folder: resolve(setting) };
  return last.folder;
}
