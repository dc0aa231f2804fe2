import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { ContentProblem } from '../schemas/error-map';
import { contentMessages, type ContentLocale } from '../schemas/messages';

/** One content file as written: where it is, its id, its unvalidated fields and, for MDX, its text. */
export interface RawEntry {
  file: string;
  id: string;
  data: unknown;
  body?: string;
}

/** The collections of a content folder, read but not yet validated. */
export interface RawContent {
  site: RawEntry | undefined;
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
  /** Files that could not be parsed at all. */
  problems: ContentProblem[];
}

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

/** The folder under docs/ that keeps earlier versions' texts; the docs collection skips it (leading "_"). */
export const VERSIONS_FOLDER = '_versions';

/** Splits an MDX file into its frontmatter fields and body. */
export function splitFrontmatter(text: string): { data: unknown; body: string } | undefined {
  const match = FRONTMATTER.exec(text);
  if (!match) return undefined;
  return { data: parseYaml(match[1]!) ?? {}, body: text.slice(match[0].length) };
}

function listFiles(dir: string, extension: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith(extension) && !name.startsWith('_'))
    .sort();
}

/** Reads a content folder with the same file layout Astro's loaders use. */
export function readContentFolder(root: string, locale: ContentLocale = 'ru'): RawContent {
  const m = contentMessages[locale];
  const problems: ContentProblem[] = [];
  const rel = (path: string) => relative(root, path).split('\\').join('/');

  const readYaml = (path: string, id: string): RawEntry | undefined => {
    try {
      return { file: rel(path), id, data: parseYaml(readFileSync(path, 'utf8')) };
    } catch (error) {
      problems.push({ file: rel(path), field: '(file)', message: m.unreadable((error as Error).message.split('\n')[0]!) });
      return undefined;
    }
  };
  const readMdx = (path: string, id: string): RawEntry | undefined => {
    try {
      const split = splitFrontmatter(readFileSync(path, 'utf8'));
      if (!split) {
        problems.push({ file: rel(path), field: '(file)', message: m.noFrontmatter() });
        return undefined;
      }
      return { file: rel(path), id, data: split.data, body: split.body };
    } catch (error) {
      problems.push({ file: rel(path), field: '(file)', message: m.unreadable((error as Error).message.split('\n')[0]!) });
      return undefined;
    }
  };
  const folder = (name: string, extension: string, read: typeof readYaml) =>
    listFiles(join(root, name), extension)
      .map((file) => read(join(root, name, file), file.slice(0, -extension.length)))
      .filter((entry): entry is RawEntry => entry !== undefined);

  const courses: RawEntry[] = [];
  const lessons: RawEntry[] = [];
  const coursesDir = join(root, 'courses');
  if (existsSync(coursesDir)) {
    for (const course of readdirSync(coursesDir).sort()) {
      const dir = join(coursesDir, course);
      if (!statSync(dir).isDirectory()) continue;
      const yamlPath = join(dir, 'course.yaml');
      if (!existsSync(yamlPath)) {
        problems.push({ file: rel(yamlPath), field: '(file)', message: m.missingFile() });
        continue;
      }
      const entry = readYaml(yamlPath, course);
      if (entry) courses.push(entry);
      for (const file of listFiles(dir, '.mdx')) {
        const lesson = readMdx(join(dir, file), `${course}/${file.slice(0, -4)}`);
        if (lesson) lessons.push(lesson);
      }
    }
  }

  const versions = readDocVersions(root, locale);
  problems.push(...versions.problems);

  const sitePath = join(root, 'site.yaml');
  const site = existsSync(sitePath) ? readYaml(sitePath, 'site') : undefined;
  if (!existsSync(sitePath)) problems.push({ file: 'site.yaml', field: '(file)', message: m.missingFile() });

  return {
    site,
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
    problems,
  };
}

/** Reads the kept texts of earlier document versions: docs/_versions/<doc>/<version>.mdx, frontmatter optional. */
export function readDocVersions(root: string, locale: ContentLocale = 'ru'): { entries: RawEntry[]; problems: ContentProblem[] } {
  const entries: RawEntry[] = [];
  const problems: ContentProblem[] = [];
  const versionsDir = join(root, 'docs', VERSIONS_FOLDER);
  if (!existsSync(versionsDir)) return { entries, problems };
  for (const doc of readdirSync(versionsDir).sort()) {
    const dir = join(versionsDir, doc);
    if (!statSync(dir).isDirectory()) continue;
    for (const file of listFiles(dir, '.mdx')) {
      const path = join(dir, file);
      const rel = relative(root, path).split('\\').join('/');
      try {
        const text = readFileSync(path, 'utf8');
        const split = FRONTMATTER.test(text) ? splitFrontmatter(text) : undefined;
        entries.push({ file: rel, id: `${doc}/${file.slice(0, -4)}`, data: split?.data ?? {}, body: split?.body ?? text });
      } catch (error) {
        problems.push({ file: rel, field: '(file)', message: contentMessages[locale].unreadable((error as Error).message.split('\n')[0]!) });
      }
    }
  }
  return { entries, problems };
}
