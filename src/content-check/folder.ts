import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { ContentProblem } from '../schemas/error-map';
import { contentMessages, type ContentLocale } from '../schemas/messages';

/** One content file as written: where it is, its id, its unvalidated fields and, for MDX, its text. */
export interface RawEntry {
  file: string;
  id: string;
  data: unknown;
  body?: string;
  /** The line of the file the body starts on (1-based), for problems found in the body. */
  bodyLine?: number;
}

/** The collections of a content folder, read but not yet validated. */
export interface RawContent {
  site: RawEntry | undefined;
  /** calendar.yaml, the company's years of the production calendar; optional. */
  calendar: RawEntry | undefined;
  docs: RawEntry[];
  scripts: RawEntry[];
  dialogues: RawEntry[];
  courses: RawEntry[];
  lessons: RawEntry[];
  quizzes: RawEntry[];
  checklists: RawEntry[];
  roles: RawEntry[];
  motivation: RawEntry[];
  /** Kept texts of earlier document versions: docs/_versions/<doc>/<version>.mdx, id `<doc>/<version>`. */
  docVersions: RawEntry[];
  /** The documents' images: docs/_media/<doc>/<name>, as `<doc>/<name>`. */
  media: Set<string>;
  /** Files that could not be parsed at all. */
  problems: ContentProblem[];
  /** A digest of every file read, by path and text: equal digests mean equal content. */
  digest: string;
}

/**
 * Files to read in place of the folder's own, by path relative to the folder (`docs/crm-entry.mdx`):
 * a text is read instead of the file on disk, or as a new file; `null` reads as if the file were gone;
 * bytes stand for a file that is not read as text (a document's image). What a change would make of
 * the folder is checked this way before anything is written.
 */
export type ContentOverrides = ReadonlyMap<string, string | Uint8Array | null>;

/** The folder's files as they are, or as `overrides` would make them. */
class FileSource {
  readonly #root: string;
  readonly #overrides: ContentOverrides;
  readonly #digest = createHash('sha256');

  constructor(root: string, overrides: ContentOverrides = new Map()) {
    this.#root = root;
    this.#overrides = overrides;
  }

  rel(path: string): string {
    return relative(this.#root, path).split(sep).join('/');
  }

  exists(path: string): boolean {
    const override = this.#overrides.get(this.rel(path));
    return override !== undefined ? override !== null : existsSync(path);
  }

  read(path: string): string {
    const rel = this.rel(path);
    const override = this.#overrides.get(rel);
    if (override === null) throw new Error(`${rel} does not exist`);
    if (override instanceof Uint8Array) throw new Error(`${rel} is not a text file`);
    const text = override ?? readFileSync(path, 'utf8');
    this.#digest.update(`${rel}\0${text}\0`);
    return text;
  }

  /** Names of the files in `dir` (no folders), new files from the overrides included; each counts in the digest by name. */
  files(dir: string): string[] {
    const names = new Set(existsSync(dir) && statSync(dir).isDirectory() ? readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name) : []);
    const prefix = this.rel(dir) + '/';
    for (const [rel, value] of this.#overrides) {
      if (!rel.startsWith(prefix) || rel.slice(prefix.length).includes('/')) continue;
      if (value === null) names.delete(rel.slice(prefix.length));
      else names.add(rel.slice(prefix.length));
    }
    const sorted = [...names].filter((name) => !name.startsWith('.')).sort();
    for (const name of sorted) this.#digest.update(`${prefix}${name}\0`);
    return sorted;
  }

  /** Names in `dir` ending with `extension`, not starting with "_", sorted; new files from the overrides included. */
  list(dir: string, extension: string): string[] {
    const names = new Set(existsSync(dir) && statSync(dir).isDirectory() ? readdirSync(dir) : []);
    const prefix = this.rel(dir) + '/';
    for (const [rel, text] of this.#overrides) {
      if (!rel.startsWith(prefix) || rel.slice(prefix.length).includes('/')) continue;
      if (text === null) names.delete(rel.slice(prefix.length));
      else names.add(rel.slice(prefix.length));
    }
    return [...names].filter((name) => name.endsWith(extension) && !name.startsWith('_')).sort();
  }

  /** Sub-folders of `dir`, sorted; those that only the overrides create included. */
  folders(dir: string): string[] {
    const names = new Set(existsSync(dir) ? readdirSync(dir).filter((name) => statSync(join(dir, name)).isDirectory()) : []);
    const prefix = this.rel(dir) + '/';
    for (const [rel, text] of this.#overrides) {
      const rest = rel.startsWith(prefix) ? rel.slice(prefix.length) : '';
      if (text !== null && rest.includes('/')) names.add(rest.slice(0, rest.indexOf('/')));
    }
    return [...names].sort();
  }

  digest(): string {
    return this.#digest.digest('hex');
  }
}

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

/** The folder under docs/ that keeps earlier versions' texts; the docs collection skips it (leading "_"). */
export const VERSIONS_FOLDER = '_versions';

/** The folder under docs/ that holds the documents' images, one folder per document: docs/_media/<doc>/. */
export const MEDIA_FOLDER = '_media';

/** Splits an MDX file into its frontmatter fields and body. */
export function splitFrontmatter(text: string): { data: unknown; body: string } | undefined {
  const match = FRONTMATTER.exec(text);
  if (!match) return undefined;
  return { data: parseYaml(match[1]!) ?? {}, body: text.slice(match[0].length) };
}

/** Reads a content folder with the same file layout Astro's loaders used; `overrides` stand in for files. */
export function readContentFolder(root: string, locale: ContentLocale = 'ru', overrides?: ContentOverrides): RawContent {
  const m = contentMessages[locale];
  const problems: ContentProblem[] = [];
  const files = new FileSource(root, overrides);
  const rel = (path: string) => files.rel(path);

  const readYaml = (path: string, id: string): RawEntry | undefined => {
    try {
      return { file: rel(path), id, data: parseYaml(files.read(path)) };
    } catch (error) {
      problems.push({ file: rel(path), field: '(file)', message: m.unreadable((error as Error).message.split('\n')[0]!) });
      return undefined;
    }
  };
  const readMdx = (path: string, id: string): RawEntry | undefined => {
    try {
      const text = files.read(path);
      const split = splitFrontmatter(text);
      if (!split) {
        problems.push({ file: rel(path), field: '(file)', message: m.noFrontmatter() });
        return undefined;
      }
      const bodyLine = text.slice(0, text.length - split.body.length).split('\n').length;
      return { file: rel(path), id, data: split.data, body: split.body, bodyLine };
    } catch (error) {
      problems.push({ file: rel(path), field: '(file)', message: m.unreadable((error as Error).message.split('\n')[0]!) });
      return undefined;
    }
  };
  const folder = (name: string, extension: string, read: typeof readYaml) =>
    files
      .list(join(root, name), extension)
      .map((file) => read(join(root, name, file), file.slice(0, -extension.length)))
      .filter((entry): entry is RawEntry => entry !== undefined);

  const courses: RawEntry[] = [];
  const lessons: RawEntry[] = [];
  const coursesDir = join(root, 'courses');
  for (const course of files.folders(coursesDir)) {
    const dir = join(coursesDir, course);
    const yamlPath = join(dir, 'course.yaml');
    if (!files.exists(yamlPath)) {
      problems.push({ file: rel(yamlPath), field: '(file)', message: m.missingFile() });
      continue;
    }
    const entry = readYaml(yamlPath, course);
    if (entry) courses.push(entry);
    for (const file of files.list(dir, '.mdx')) {
      const lesson = readMdx(join(dir, file), `${course}/${file.slice(0, -4)}`);
      if (lesson) lessons.push(lesson);
    }
  }

  const versions = readVersions(root, locale, files);
  problems.push(...versions.problems);
  const media = new Set<string>();
  const mediaDir = join(root, 'docs', MEDIA_FOLDER);
  for (const doc of files.folders(mediaDir)) for (const name of files.files(join(mediaDir, doc))) media.add(`${doc}/${name}`);

  const sitePath = join(root, 'site.yaml');
  const site = files.exists(sitePath) ? readYaml(sitePath, 'site') : undefined;
  if (!files.exists(sitePath)) problems.push({ file: 'site.yaml', field: '(file)', message: m.missingFile() });

  const calendarPath = join(root, 'calendar.yaml');
  const calendar = files.exists(calendarPath) ? readYaml(calendarPath, 'calendar') : undefined;

  const content = {
    site,
    calendar,
    docs: folder('docs', '.mdx', readMdx),
    scripts: folder('scripts', '.mdx', readMdx),
    dialogues: folder('dialogues', '.yaml', readYaml),
    courses,
    lessons,
    quizzes: folder('quizzes', '.yaml', readYaml),
    checklists: folder('checklists', '.yaml', readYaml),
    roles: folder('roles', '.yaml', readYaml),
    motivation: folder('motivation', '.yaml', readYaml),
    docVersions: versions.entries,
    media,
    problems,
  };
  return { ...content, digest: files.digest() };
}

/** Reads the kept texts of earlier document versions: docs/_versions/<doc>/<version>.mdx, frontmatter optional. */
export function readDocVersions(root: string, locale: ContentLocale = 'ru'): { entries: RawEntry[]; problems: ContentProblem[] } {
  return readVersions(root, locale, new FileSource(root));
}

function readVersions(root: string, locale: ContentLocale, files: FileSource): { entries: RawEntry[]; problems: ContentProblem[] } {
  const entries: RawEntry[] = [];
  const problems: ContentProblem[] = [];
  const versionsDir = join(root, 'docs', VERSIONS_FOLDER);
  for (const doc of files.folders(versionsDir)) {
    const dir = join(versionsDir, doc);
    for (const file of files.list(dir, '.mdx')) {
      const path = join(dir, file);
      try {
        const text = files.read(path);
        const split = FRONTMATTER.test(text) ? splitFrontmatter(text) : undefined;
        entries.push({ file: files.rel(path), id: `${doc}/${file.slice(0, -4)}`, data: split?.data ?? {}, body: split?.body ?? text });
      } catch (error) {
        problems.push({ file: files.rel(path), field: '(file)', message: contentMessages[locale].unreadable((error as Error).message.split('\n')[0]!) });
      }
    }
  }
  return { entries, problems };
}
