import { resolve } from 'node:path';
import { readContentFolder } from '../../src/content-check/folder';
import { AuditLog } from '../../src/server/store/audit';
import { dataFiles } from '../../src/server/config';
import { openStore, type Store } from '../../src/server/store/store';

/** Opens the data store for a command-line tool; the server must not be running on the same data. */
export async function openForCli(): Promise<{ store: Store; audit: AuditLog }> {
  try {
    const store = await openStore({ path: dataFiles.store(), lockPath: dataFiles.lock(), backupsDir: dataFiles.backups() });
    return { store, audit: new AuditLog(dataFiles.audit()) };
  } catch (error) {
    fail(`${(error as Error).message}\n(Command-line changes need the server stopped: one data file serves one process.)`);
  }
}

/** Role ids of the content's org structure. */
export function positions(): string[] {
  return readContentFolder(resolve(process.env.SALESBOOK_CONTENT || 'content')).roles.map((r) => r.id);
}

export function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

/** `--name value` options and positional words. */
export function parseArgs(argv: string[]): { words: string[]; options: Map<string, string | true> } {
  const words: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith('--')) {
      const [key, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
      if (inline !== undefined) options.set(key, inline);
      else if (argv[i + 1] && !argv[i + 1]!.startsWith('--')) options.set(key, argv[++i]!);
      else options.set(key, true);
    } else words.push(arg);
  }
  return { words, options };
}
