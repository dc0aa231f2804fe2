import { existsSync, mkdirSync, renameSync, rmSync, watch, writeFileSync, type FSWatcher } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { contentFolder } from '../content-folder';
import { contentChanged } from '../domain/memo';
import { formatProblems, type ContentProblem } from '../schemas/error-map';
import { MEDIA_FOLDER, type ContentOverrides } from '../content-check/folder';
import { readContent, type ContentSnapshot } from './snapshot';

// The content the portal serves: read from the content folder and checked at start, and replaced as a
// whole when the folder changes (a publish from the browser, or a file edited by hand) and the new
// content passes the content check. Content that does not pass is never served: the portal
// keeps the last good content and says what is wrong.

/** The content folder does not pass the content check: the message lists every problem. */
export class ContentFolderError extends Error {
  constructor(
    readonly root: string,
    readonly problems: ContentProblem[],
    locale: 'ru' | 'en',
  ) {
    super(`${root}\n${formatProblems(problems, locale)}`);
    this.name = 'ContentFolderError';
  }
}

/** Problems in the folder on disk that keep it from being served, with when they were found. */
export interface RefusedContent {
  problems: ContentProblem[];
  digest: string;
  at: Date;
}

interface Served {
  snapshot: ContentSnapshot;
  refused: RefusedContent | undefined;
}

// On globalThis, so that every copy of this module in a process (a server's chunks, a script) shares it.
const KEY = Symbol.for('salesbook.content');
const listeners = new Set<(snapshot: ContentSnapshot) => void>();
const holder = globalThis as { [KEY]?: Served };

function serve(snapshot: ContentSnapshot): void {
  holder[KEY] = { snapshot, refused: undefined };
  contentChanged();
  for (const listener of listeners) listener(snapshot);
}

/** The content being served; the first call reads the content folder and throws if it does not pass the check. */
export function servedContent(): ContentSnapshot {
  const served = holder[KEY];
  if (served && served.snapshot.root === contentFolder()) return served.snapshot;
  const reading = readContent(contentFolder());
  if (!reading.ok) throw new ContentFolderError(contentFolder(), reading.problems, reading.locale);
  serve(reading.snapshot);
  return reading.snapshot;
}

/** Calls `listener` with every content served from now on (not the current one). Returns the unsubscribe. */
export function onContentServed(listener: (snapshot: ContentSnapshot) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Where one of a document's images is in the served folder (docs/_media/<doc>/<name>); undefined when it is not there. */
export function mediaFileOf(docId: string, name: string): string | undefined {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(docId) || !/^[\w-]+\.[a-z]+$/.test(name)) return undefined;
  const path = join(servedContent().root, 'docs', MEDIA_FOLDER, docId, name);
  return existsSync(path) ? path : undefined;
}

/** What the served content folder would be with `overrides` in place of its files: checked, nothing written. */
export function readServedFolderWith(overrides: ReadonlyMap<string, string | null>) {
  return readContent(servedContent().root, overrides);
}

/** What is wrong with the folder on disk while the portal serves earlier content, if anything. */
export function refusedContent(): RefusedContent | undefined {
  return holder[KEY]?.refused;
}

/**
 * Reads the content folder again. Content that passes the check and differs from what is served is
 * served from now on; content that does not pass is refused and the served content stays.
 */
export function reloadContent(): { changed: boolean; problems: ContentProblem[] } {
  const current = servedContent();
  const reading = readContent(current.root);
  if (!reading.ok) {
    const digest = JSON.stringify(reading.problems);
    const refused = holder[KEY]!.refused;
    if (refused?.digest !== digest) holder[KEY]!.refused = { problems: reading.problems, digest, at: new Date() };
    return { changed: false, problems: reading.problems };
  }
  if (reading.snapshot.digest === current.digest) {
    holder[KEY]!.refused = undefined;
    return { changed: false, problems: [] };
  }
  serve(reading.snapshot);
  return { changed: true, problems: [] };
}

/** A path inside the content folder that a change may write: relative, forward slashes, no way out. */
export function isContentPath(path: string): boolean {
  if (path === '' || path.startsWith('/') || path.includes('\\') || path.includes('\0')) return false;
  return path.split('/').every((part) => part !== '' && part !== '.' && part !== '..' && !part.startsWith('.'));
}

/**
 * Writes files into the content folder (texts, or bytes for images; `null` removes the file), but only when the folder
 * with them passes the content check: otherwise nothing is written and the problems come back. The
 * new content is served at once. Each file is written whole (a temporary file renamed over it).
 */
export function writeContentFiles(files: ContentOverrides): { ok: true; snapshot: ContentSnapshot } | { ok: false; problems: ContentProblem[] } {
  const current = servedContent();
  for (const path of files.keys()) if (!isContentPath(path)) throw new Error(`Not a path inside the content folder: ${path}`);
  const reading = readContent(current.root, files);
  if (!reading.ok) return { ok: false, problems: reading.problems };
  const root = resolve(current.root);
  for (const [path, text] of files) {
    const target = join(root, ...path.split('/'));
    if (!target.startsWith(root + sep)) throw new Error(`Not a path inside the content folder: ${path}`);
    if (text === null) {
      rmSync(target, { force: true });
      continue;
    }
    mkdirSync(dirname(target), { recursive: true });
    const temporary = join(dirname(target), `.${process.pid}-${Date.now()}.tmp`);
    writeFileSync(temporary, text);
    renameSync(temporary, target);
  }
  serve(reading.snapshot);
  return { ok: true, snapshot: reading.snapshot };
}

/**
 * Watches the content folder and reloads it a moment after files stop changing, so that files edited
 * by hand go live without a restart once they pass the check. Returns the stop.
 */
export function watchContentFolder(log: (message: string) => void = console.warn): () => void {
  const root = servedContent().root;
  let timer: NodeJS.Timeout | undefined;
  let reported = '';
  const reload = () => {
    timer = undefined;
    try {
      const { changed, problems } = reloadContent();
      if (changed) log(`Salesbook: the content folder changed; serving the new content.`);
      const digest = JSON.stringify(problems);
      if (problems.length > 0 && digest !== reported) {
        log(`Salesbook: the content folder has mistakes, so the portal keeps serving the content it had:\n${formatProblems(problems)}`);
      }
      reported = digest;
    } catch (error) {
      log(`Salesbook: the content folder could not be read again: ${(error as Error).message}`);
    }
  };
  // A file replaced by renaming another over it (as a publication writes, and as many editors save)
  // is no longer the file the recursive watch follows: the watch is made anew after every change.
  let watcher: FSWatcher | undefined;
  let stopped = false;
  const start = (): boolean => {
    watcher?.close();
    watcher = undefined;
    if (stopped) return true;
    try {
      watcher = watch(root, { recursive: true }, (_event, name) => {
        // Temporary files of a write in progress, and editors' swap files, are not content.
        if (name && name.split(/[\\/]/).some((part) => part.startsWith('.'))) return;
        clearTimeout(timer);
        timer = setTimeout(() => {
          reload();
          start();
        }, 300);
        timer.unref();
      });
    } catch (error) {
      log(`Salesbook: the content folder cannot be watched (${(error as Error).message}); files edited by hand go live at the next start.`);
      return false;
    }
    watcher.unref();
    watcher.on('error', (error) => log(`Salesbook: watching the content folder stopped: ${error.message}`));
    return true;
  };
  if (!start()) return () => {};
  const unsubscribe = onContentServed(() => start());
  return () => {
    stopped = true;
    clearTimeout(timer);
    unsubscribe();
    watcher?.close();
  };
}
