// Astro's `astro:content` for unit tests: the collections of a content folder, read and checked by
// the same content check and schemas as the build (src/content-check), so that src/content.ts and
// the read models built on it run unchanged, without a build. Vitest resolves `astro:content` here.
import { resolve } from 'node:path';
import { readContentFolder } from '../../src/content-check/folder';
import { validateContent } from '../../src/content-check/validate';
import { formatProblems } from '../../src/schemas/error-map';
import { docVersionSchema } from '../../src/schemas/doc-version';

interface FakeEntry {
  id: string;
  collection: string;
  data: unknown;
  body?: string;
  filePath?: string;
}

let folder = 'test/fixtures/content';
let collections: Map<string, FakeEntry[]> | undefined;

/** Serves the collections of another content folder from now on. */
export function useContentFolder(path: string): void {
  folder = path;
  collections = undefined;
}

function load(): Map<string, FakeEntry[]> {
  if (collections) return collections;
  const raw = readContentFolder(resolve(folder));
  const { content, problems } = validateContent(raw, 'en');
  if (problems.length > 0) throw new Error(`The content folder ${folder} does not pass the content check:\n${formatProblems(problems, 'en')}`);
  const entries = (collection: string, list: { id: string; file: string; data: unknown; body?: string }[]) =>
    list.map((e) => ({ id: e.id, collection, data: e.data, body: e.body, filePath: e.file }));
  collections = new Map<string, FakeEntry[]>([
    ['site', content.site ? [{ id: 'site', collection: 'site', data: content.site }] : []],
    ['docs', entries('docs', content.docs)],
    ['scripts', entries('scripts', content.scripts)],
    ['dialogues', entries('dialogues', content.dialogues)],
    ['courses', entries('courses', content.courses)],
    ['lessons', entries('lessons', content.lessons)],
    ['quizzes', entries('quizzes', content.quizzes)],
    ['checklists', entries('checklists', content.checklists)],
    ['roles', entries('roles', content.roles)],
    ['motivation', entries('motivation', content.motivation)],
    [
      'docVersions',
      raw.docVersions.map((entry) => {
        const [doc, version] = entry.id.split('/') as [string, string];
        return { id: entry.id, collection: 'docVersions', data: docVersionSchema.parse({ doc, version, text: (entry.body ?? '').trim() }) };
      }),
    ],
  ]);
  return collections;
}

export async function getCollection(name: string, filter?: (entry: FakeEntry) => boolean): Promise<FakeEntry[]> {
  const list = load().get(name);
  if (!list) throw new Error(`There is no collection "${name}".`);
  return filter ? list.filter(filter) : [...list];
}

export async function getEntry(name: string, id: string): Promise<FakeEntry | undefined> {
  return (await getCollection(name)).find((entry) => entry.id === id);
}

export async function render(): Promise<never> {
  throw new Error('Rendering MDX needs a build: test pages end to end instead.');
}
