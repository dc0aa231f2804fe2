import { createHash } from 'node:crypto';
import { getCollection, getEntry, type CollectionEntry } from 'astro:content';
import { requiredDocs } from './domain/acknowledgement';
import type { Locale } from './i18n';
import { docKinds, type DocKind } from './schemas/doc';

// The one module that queries content collections; pages ask it, never getCollection directly.

export type DocEntry = CollectionEntry<'docs'>;
export type ScriptEntry = CollectionEntry<'scripts'>;
export type CourseEntry = CollectionEntry<'courses'>;
export type LessonEntry = CollectionEntry<'lessons'>;
export type RoleEntry = CollectionEntry<'roles'>;

const byTitle = (a: { data: { title: string } }, b: { data: { title: string } }) => a.data.title.localeCompare(b.data.title, 'ru');

/** Company settings from site.yaml. */
export async function siteSettings() {
  const entry = await getEntry('site', 'site');
  if (!entry) throw new Error('Salesbook: content/site.yaml is missing. Create it with at least `company: <name>`.');
  return entry.data;
}

/** The interface language: SALESBOOK_LOCALE when set, otherwise the site's. */
export async function siteLocale(): Promise<Locale> {
  const forced = process.env.SALESBOOK_LOCALE;
  if (forced === 'ru' || forced === 'en') return forced;
  return (await siteSettings()).locale;
}

export async function allDocs(): Promise<DocEntry[]> {
  return (await getCollection('docs')).sort(byTitle);
}

export async function docById(id: string): Promise<DocEntry | undefined> {
  return getEntry('docs', id);
}

/** Documents grouped by kind, in the order kinds are listed in the schema; empty kinds left out. */
export function groupByKind(docs: DocEntry[]): { kind: DocKind; docs: DocEntry[] }[] {
  return docKinds
    .map((kind) => ({ kind, docs: docs.filter((d) => d.data.kind === kind) }))
    .filter((group) => group.docs.length > 0);
}

export async function allScripts(): Promise<ScriptEntry[]> {
  return (await getCollection('scripts')).sort(byTitle);
}

export async function scriptById(id: string) {
  return getEntry('scripts', id);
}

export async function dialogueById(id: string) {
  return getEntry('dialogues', id);
}

export async function allCourses(): Promise<CourseEntry[]> {
  return (await getCollection('courses')).sort(byTitle);
}

/** A course with its lessons in the order the course lists them. */
export async function courseWithLessons(id: string) {
  const course = await getEntry('courses', id);
  if (!course) return undefined;
  const lessons = await Promise.all(course.data.lessons.map((lesson) => getEntry('lessons', `${id}/${lesson}`)));
  return { course, lessons: lessons.filter((l): l is LessonEntry => l !== undefined) };
}

/** A lesson with its course, its position and its neighbours. */
export async function lessonInCourse(courseId: string, lessonId: string) {
  const found = await courseWithLessons(courseId);
  if (!found) return undefined;
  const index = found.lessons.findIndex((l) => l.id === `${courseId}/${lessonId}`);
  if (index < 0) return undefined;
  return {
    ...found,
    lesson: found.lessons[index]!,
    index,
    prev: found.lessons[index - 1],
    next: found.lessons[index + 1],
  };
}

/** The part of a lesson's id after its course: the URL segment. */
export const lessonSlug = (lesson: LessonEntry) => lesson.id.slice(lesson.id.indexOf('/') + 1);

export async function allRoles(): Promise<RoleEntry[]> {
  return (await getCollection('roles')).sort(byTitle);
}

export async function roleById(id: string) {
  return getEntry('roles', id);
}

export interface RoleNode {
  role: RoleEntry;
  children: RoleNode[];
}

/** The org structure as a tree by reportsTo; roles whose manager is not in the content are roots. */
export function roleTree(roles: RoleEntry[]): RoleNode[] {
  const ids = new Set(roles.map((r) => r.id));
  const build = (parent: string | undefined): RoleNode[] =>
    roles
      .filter((r) => (parent === undefined ? !r.data.reportsTo || !ids.has(r.data.reportsTo) : r.data.reportsTo === parent))
      .map((role) => ({ role, children: build(role.id) }));
  return build(undefined);
}

/** Role titles by id, for showing owners and audiences. */
export async function roleTitles(): Promise<Map<string, string>> {
  return new Map((await getCollection('roles')).map((r) => [r.id, r.data.title]));
}

export async function checklistById(id: string) {
  return getEntry('checklists', id);
}

export async function allChecklists() {
  return getCollection('checklists');
}

export async function motivationById(id: string) {
  return getEntry('motivation', id);
}

/** A quiz with its answer key: server-side only, never pass it to a page's client code. */
export async function quizWithKey(id: string) {
  return getEntry('quizzes', id);
}

/** Where a quiz is used: the courses that end with it and the lessons that check with it. */
export async function quizUsage(quizId: string): Promise<{ courses: CourseEntry[]; lessons: LessonEntry[] }> {
  const [courses, lessons] = await Promise.all([allCourses(), getCollection('lessons')]);
  return { courses: courses.filter((c) => c.data.quiz === quizId), lessons: lessons.filter((l) => l.data.quiz === quizId) };
}

const hashes = new Map<string, string>();

/** sha256 of a document's text, recorded with each confirmation so the exact text read is known. */
export function docContentHash(doc: DocEntry): string {
  let hash = hashes.get(doc.id);
  if (!hash) {
    hash = createHash('sha256').update(doc.body ?? '').digest('hex');
    hashes.set(doc.id, hash);
  }
  return hash;
}

/** The documents a person in `position` must confirm, in title order. */
export async function requiredDocsFor(position: string): Promise<DocEntry[]> {
  const role = await roleById(position);
  const docs = await allDocs();
  const required = new Set(requiredDocs(docs.map((d) => ({ id: d.id, ...d.data })), position, role?.data.path.docs ?? []).map((d) => d.id));
  return docs.filter((d) => required.has(d.id));
}
