import { resolve } from 'node:path';
import { parseArgs as parseNodeArgs } from 'node:util';
import { readContentFolder } from '../../src/content-check/folder';
import { validateContent } from '../../src/content-check/validate';
import { formatProblems } from '../../src/schemas/error-map';
import type { MotivationData } from '../../src/schemas/motivation';
import { auditKey, databaseUrl, dataFiles } from '../../src/server/config';
import { openPgStore } from '../../src/server/store/pg-store';
import { openStore, type Store } from '../../src/server/store/store';

/**
 * Opens the data store for a command-line tool. On PostgreSQL it works beside the running servers,
 * which hear of its changes; on the data file the server must not be running on the same data.
 */
export async function openForCli(): Promise<{ store: Store }> {
  const url = databaseUrl();
  if (url) {
    try {
      return { store: await openPgStore({ url, auditKey: auditKey(), poolSize: 1 }) };
    } catch (error) {
      fail((error as Error).message);
    }
  }
  try {
    const store = await openStore({ path: dataFiles.store(), lockPath: dataFiles.lock(), backupsDir: dataFiles.backups(), auditPath: dataFiles.audit(), auditKey: auditKey() });
    return { store };
  } catch (error) {
    fail(`${(error as Error).message}\n(Command-line changes need the server stopped: one data file serves one process.)`);
  }
}

/** Role ids of the content's org structure. */
export function positions(): string[] {
  return readContentFolder(resolve(process.env.SALESBOOK_CONTENT || 'content')).roles.map((r) => r.id);
}

/** The content's bonus schemes, and each position's scheme; a content folder with mistakes stops the tool. */
export function contentSchemes(): { schemes: MotivationData[]; byPosition: Map<string, MotivationData> } {
  const folder = resolve(process.env.SALESBOOK_CONTENT || 'content');
  const { content, problems } = validateContent(readContentFolder(folder));
  if (problems.length > 0) fail(`The content folder ${folder} has mistakes; fix them first:\n${formatProblems(problems, 'en')}`);
  const byId = new Map(content.motivation.map((m) => [m.id, m.data]));
  const byPosition = new Map(content.roles.flatMap((r) => (r.data.motivation && byId.has(r.data.motivation) ? [[r.id, byId.get(r.data.motivation)!] as const] : [])));
  return { schemes: content.motivation.map((m) => m.data), byPosition };
}

/**
 * `text` safe for a terminal: control characters from the data (an escape sequence that recolours or
 * clears the screen, a carriage return that hides a line) are shown as `\u{1b}` and the like.
 * Line breaks stay, since messages span lines.
 */
export function printable(text: string): string {
  return text.replace(/[^\P{Cc}\n]/gu, (char) => `\\u{${char.codePointAt(0)!.toString(16)}}`);
}

export function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

/**
 * The command line's words and options, read by Node's `util.parseArgs`: `strings` take a value
 * (`--login ivanova` or `--login=ivanova`), `flags` do not. An unknown option or a missing value
 * stops the tool with Node's own message and the usage.
 */
export function parseArgs(argv: string[], accepted: { strings?: string[]; flags?: string[] }, usage: string): { words: string[]; options: Map<string, string | true> } {
  const options: Record<string, { type: 'string' | 'boolean' }> = {};
  for (const name of accepted.strings ?? []) options[name] = { type: 'string' };
  for (const name of accepted.flags ?? []) options[name] = { type: 'boolean' };
  try {
    const { values, positionals } = parseNodeArgs({ args: argv, options, allowPositionals: true, strict: true });
    return { words: positionals, options: new Map(Object.entries(values).filter((entry): entry is [string, string | true] => entry[1] !== undefined && entry[1] !== false)) };
  } catch (error) {
    fail(`${(error as Error).message}\n${usage}`);
  }
}
