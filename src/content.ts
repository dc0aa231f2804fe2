import { createHash } from 'node:crypto';
import { inReadingOrder, requiredDocs } from './domain/acknowledgement';
import { metricCatalogue } from './domain/kpi';
import type { RecordedMetric } from './domain/motivation';
import { docHref, docLinkLabel, parseDocLink } from './domain/doc-links';
import { headingsOf } from './domain/headings';
import { compareSections, type SectionComparison } from './domain/section-changes';
import type { QuizGate } from './domain/learning-path';
import { perContent } from './domain/memo';
import { mayRead } from './domain/visibility';
import { workingCalendar, type WorkingCalendar } from './domain/working-days';
import { compareVersions } from './domain/versions';
import type { Locale } from './i18n';
import { contentLang } from './i18n/format';
import { can, type Actor } from './domain/permissions';
import { docKinds, type DocKind } from './schemas/doc';
import type { SiteData } from './schemas/site';
import { bodyTree, type BodyTree } from './content-store/body';
import { mediaFileOf, servedContent } from './content-store/library';
import type { ChecklistEntry, CollectionName, ContentSnapshot, CourseEntry, DocEntry, DocVersionEntry, LessonEntry, RoleEntry, ScriptEntry } from './content-store/snapshot';

// The one module that queries the content the portal serves (src/content-store): pages ask it, never
// the store directly. Pages render bodies from the tree `bodyOf` gives (src/components/mdx/Body.astro).

export type { ChecklistEntry, CourseEntry, DocEntry, DocVersionEntry, LessonEntry, RoleEntry, ScriptEntry };
type Viewer = Actor | undefined;
type EntryOf<N extends CollectionName> = ContentSnapshot[N][number];

async function getCollection<N extends CollectionName>(name: N): Promise<EntryOf<N>[]> {
  return [...servedContent()[name]] as EntryOf<N>[];
}

const entriesById = perContent<Map<string, unknown>>();

async function getEntry<N extends CollectionName>(name: N, id: string): Promise<EntryOf<N> | undefined> {
  const byId = entriesById(name, () => new Map(servedContent()[name].map((entry) => [entry.id, entry])));
  return byId.get(id) as EntryOf<N> | undefined;
}

const bodies = perContent<BodyTree>();

/** A document's, script's or lesson's body as a tree to render, and its headings; worked out once per content. */
export function bodyOf(entry: { collection: string; id: string; body?: string }): BodyTree {
  return bodies(`${entry.collection}/${entry.id}`, () => bodyTree(entry.body ?? '', interfaceLocale()));
}

/** The interface language: SALESBOOK_LOCALE, or the site's. */
function interfaceLocale(): Locale {
  const forced = process.env.SALESBOOK_LOCALE;
  return forced === 'ru' || forced === 'en' ? forced : servedContent().site.locale;
}

// One collator for every sort: localeCompare with a locale builds a new one on each comparison.
const russian = new Intl.Collator('ru');
const byTitle = (a: { data: { title: string } }, b: { data: { title: string } }) => russian.compare(a.data.title, b.data.title);

/** A list derived from content, worked out once per content served (src/domain/memo.ts) and handed out as copies. */
function once<T>(compute: () => Promise<T[]>): () => Promise<T[]> {
  const kept = perContent<Promise<T[]>>();
  return async () => [...(await kept('list', compute))];
}


/** Company settings from site.yaml (every request asks for them). */
export async function siteSettings(): Promise<SiteData> {
  return servedContent().site;
}

/** The lang attribute for content (titles, bodies) in an interface of this language; undefined when the same. */
export async function contentLangFor(ui: Locale): Promise<Locale | undefined> {
  return contentLang((await siteSettings()).contentLocale, ui);
}

const calendars = perContent<WorkingCalendar>();

/** Working days by the Russian production calendar: Salesbook's years, with calendar.yaml's in place of the same. */
export function productionCalendar(): WorkingCalendar {
  return calendars('calendar', () => {
    const years = servedContent().calendar.years;
    return workingCalendar(Object.fromEntries(Object.entries(years).map(([year, data]) => [Number(year), data])));
  });
}

/** The interface language: SALESBOOK_LOCALE when set, otherwise the site's. */
export async function siteLocale(): Promise<Locale> {
  return interfaceLocale();
}

/** Every document, in title order. */
export const allDocs: () => Promise<DocEntry[]> = once(async () => (await getCollection('docs')).sort(byTitle));

export async function docById(id: string): Promise<DocEntry | undefined> {
  return getEntry('docs', id);
}

/** Where one of a document's images is in the content served (docs/_media/<doc>/<name>); undefined when it is not there. */
export function docMediaFile(docId: string, name: string): string | undefined {
  return mediaFileOf(docId, name);
}

/** The documents `viewer` may see, in title order: drafts only for those who may view drafts. */
export async function docsVisibleTo(viewer: Viewer): Promise<DocEntry[]> {
  const drafts = can(viewer, 'doc.viewDrafts');
  return (await allDocs()).filter((doc) => mayRead(doc.data, drafts));
}

/** A document `viewer` may see, or undefined — a draft is simply not there for anyone else. */
export async function visibleDocById(id: string, viewer: Viewer): Promise<DocEntry | undefined> {
  const doc = await docById(id);
  return doc && mayRead(doc.data, can(viewer, 'doc.viewDrafts')) ? doc : undefined;
}

/** Documents anyone may read: everything but drafts. */
export async function publishedDocs(): Promise<DocEntry[]> {
  return (await allDocs()).filter((doc) => mayRead(doc.data, false));
}

/** The kept texts of a document's earlier versions (content/docs/_versions/<id>/), oldest first. */
export async function earlierVersionsOf(docId: string): Promise<DocVersionEntry[]> {
  return (await allDocVersions()).filter((entry) => entry.data.doc === docId).sort((a, b) => compareVersions(a.data.version, b.data.version));
}

const allDocVersions = once(() => getCollection('docVersions'));

/** Documents grouped by kind, in the order kinds are listed in the schema; empty kinds left out. */
export function groupByKind(docs: DocEntry[]): { kind: DocKind; docs: DocEntry[] }[] {
  return docKinds
    .map((kind) => ({ kind, docs: docs.filter((d) => d.data.kind === kind) }))
    .filter((group) => group.docs.length > 0);
}

export const allScripts: () => Promise<ScriptEntry[]> = once(async () => (await getCollection('scripts')).sort(byTitle));

export async function scriptById(id: string) {
  return getEntry('scripts', id);
}

/** The scripts `viewer` may see, in title order: the same rule as documents (src/domain/visibility.ts). */
export async function scriptsVisibleTo(viewer: Viewer): Promise<ScriptEntry[]> {
  const drafts = can(viewer, 'doc.viewDrafts');
  return (await allScripts()).filter((script) => mayRead(script.data, drafts));
}

/** A script `viewer` may see, or undefined: a draft is not there for anyone else. */
export async function visibleScriptById(id: string, viewer: Viewer): Promise<ScriptEntry | undefined> {
  const script = await scriptById(id);
  return script && mayRead(script.data, can(viewer, 'doc.viewDrafts')) ? script : undefined;
}

export async function dialogueById(id: string) {
  return getEntry('dialogues', id);
}

/** Dialogue titles and the script each is practised from, by dialogue id. */
export async function dialogueIndex(): Promise<Map<string, { title: string; script: ScriptEntry | undefined }>> {
  const scripts = await allScripts();
  return new Map((await getCollection('dialogues')).map((d) => [d.id, { title: d.data.title, script: scripts.find((s) => s.data.dialogue === d.id) }]));
}

/** A `doc` or `doc#section` link of the content, resolved to a document that exists. */
export interface ResolvedDocLink {
  link: string;
  href: string;
  /** The document's title. */
  title: string;
  /** "Document title — Section" when the link names a section, else the title. */
  label: string;
}

/**
 * Resolves `doc` and `doc#section` links, in order, leaving out documents that do not exist or, when
 * `viewer` is given, that the viewer may not see.
 */
export async function resolveDocLinks(links: readonly string[], options: { viewer?: Viewer } = {}): Promise<ResolvedDocLink[]> {
  const resolved: ResolvedDocLink[] = [];
  for (const link of links) {
    const { docId, section } = parseDocLink(link);
    const doc = 'viewer' in options ? await visibleDocById(docId, options.viewer) : await docById(docId);
    if (!doc) continue;
    const sectionTitle = section ? headingsOf(doc.body ?? '').find((h) => h.slug === section)?.text : undefined;
    resolved.push({ link, href: docHref(doc.id, section), title: doc.data.title, label: docLinkLabel(doc.data.title, sectionTitle) });
  }
  return resolved;
}

/** The address and a readable name of each `doc` or `doc#section` link, by link. */
export async function docLinkTargets(links: readonly string[]): Promise<Record<string, { href: string; label: string }>> {
  return Object.fromEntries((await resolveDocLinks([...new Set(links)])).map(({ link, href, label }) => [link, { href, label }]));
}

export const allCourses: () => Promise<CourseEntry[]> = once(async () => (await getCollection('courses')).sort(byTitle));

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

export const allRoles: () => Promise<RoleEntry[]> = once(async () => (await getCollection('roles')).sort(byTitle));

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

const roleTitlePairs = once(async () => (await getCollection('roles')).map((r) => [r.id, r.data.title] as const));

/** Role titles by id, for showing owners and audiences. */
export async function roleTitles(): Promise<Map<string, string>> {
  return new Map(await roleTitlePairs());
}

/** Each role's learning-path documents, for deciding who a document asks to confirm it. */
export async function pathDocsByRole(): Promise<(role: string) => readonly string[]> {
  const paths = new Map((await getCollection('roles')).map((r) => [r.id, r.data.path.docs]));
  return (role) => paths.get(role) ?? [];
}

export async function checklistById(id: string) {
  return getEntry('checklists', id);
}

export const allChecklists: () => Promise<ChecklistEntry[]> = once(() => getCollection('checklists'));

export async function motivationById(id: string) {
  return getEntry('motivation', id);
}

/** The bonus schemes a statute sets (their `statute` names the document), in title order. */
export async function schemesOfStatute(docId: string) {
  return (await allMotivation()).filter((s) => s.data.statute !== undefined && parseDocLink(s.data.statute).docId === docId).sort(byTitle);
}

// Asked on every document page, whether or not the document sets a scheme.
const allMotivation = once(() => getCollection('motivation'));

/**
 * The figures of every motivation scheme that a month's record carries beyond its fixed columns (not
 * plan fulfilment or conversion, which a record derives), by id, in the order of the schemes: a KPI in
 * two schemes is listed once, and net profit has no title of the content's (`netProfit`).
 */
export async function recordedKpis(): Promise<Map<string, RecordedMetric>> {
  return metricCatalogue((await allSchemes()).map((scheme) => scheme.data));
}

/** Every bonus scheme, in title order. */
export async function allSchemes() {
  return [...(await allMotivation())].sort(byTitle);
}

/** The bonus scheme of a position (its role's `motivation`), if it has one. */
export async function schemeOfPosition(position: string) {
  const scheme = (await roleById(position))?.data.motivation;
  return scheme ? motivationById(scheme) : undefined;
}

const schemeHashes = perContent<string>();

/** sha256 of a scheme's fields as the content check read them: an approved pay statement records the scheme it was computed with. */
export function schemeHash(scheme: { id: string; data: unknown }): string {
  return schemeHashes(scheme.id, () => textHash(JSON.stringify(scheme.data)));
}

/** Every quiz with its answer key, by id: server-side only. */
export async function allQuizzesWithKeys() {
  return new Map((await getCollection('quizzes')).map((q) => [q.id, q.data]));
}

/** Every practice dialogue. */
export const allDialogues = once(() => getCollection('dialogues'));

/** A quiz with its answer key: server-side only, never pass it to a page's client code. */
export async function quizWithKey(id: string) {
  return getEntry('quizzes', id);
}

/** Where a quiz is used: the courses that end with it and the lessons that check with it. */
export async function quizUsage(quizId: string): Promise<{ courses: CourseEntry[]; lessons: LessonEntry[] }> {
  const [courses, lessons] = await Promise.all([allCourses(), getCollection('lessons')]);
  return { courses: courses.filter((c) => c.data.quiz === quizId), lessons: lessons.filter((l) => l.data.quiz === quizId) };
}

/**
 * The courses that end with a quiz and open it only once their lessons are done (`quizAfterLessons`):
 * what the server checks before it starts, saves or grades an attempt at it. Empty for a self-check.
 */
export async function quizGates(quizId: string): Promise<QuizGate[]> {
  return (await allCourses())
    .filter((c) => c.data.quiz === quizId && c.data.quizAfterLessons)
    .map((c) => ({ courseId: c.id, lessons: c.data.lessons }));
}

const hashes = perContent<string>();

/** sha256 of a document's text, recorded with each confirmation so the exact text read is known. */
export function docContentHash(doc: DocEntry): string {
  return hashes(doc.id, () => textHash(doc.body ?? ''));
}

// Positions come from the content's roles, so this stays small.
const requiredByPosition = perContent<Promise<DocEntry[]>>();
/** sha256 of a text, the way confirmations record it: a kept earlier version can be matched to what someone read. */
export function textHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The documents a person in `position` must confirm, in the order to read them: the path's first, then the rest by title. */
export async function requiredDocsFor(position: string): Promise<DocEntry[]> {
  const required = await requiredByPosition(position, async () => {
    const role = await roleById(position);
    const docs = await allDocs();
    const pathDocs = role?.data.path.docs ?? [];
    return inReadingOrder(requiredDocs(docs.map((d) => ({ id: d.id, ...d.data, entry: d })), position, pathDocs), pathDocs).map((d) => d.entry);
  });
  return [...required];
}

/** The checklists on a position's learning path, in the path's order. */
export async function checklistsOnPath(position: string): Promise<ChecklistEntry[]> {
  const role = await roleById(position);
  const found = await Promise.all((role?.data.path.checklists ?? []).map((id) => checklistById(id)));
  return found.filter((c): c is ChecklistEntry => c !== undefined);
}

/** Every document's current version by id: what a sign-off records, and what a recheck compares. */
export async function currentDocVersions(): Promise<Map<string, string>> {
  return new Map((await getCollection('docs')).map((d) => [d.id, d.data.version]));
}

const keptTextsByVersion = perContent<Map<string, string>>();
const sectionComparisons = perContent<SectionComparison | undefined>();

/**
 * How the sections of a document changed from the kept text of `judgedVersion` to its current text
 * (`compareSections`); undefined when that version's text is not kept. Content changes only when it is
 * published or edited, so each comparison is worked out once per document and version per content served.
 */
export function sectionChangesSince(docId: string, judgedVersion: string): SectionComparison | undefined {
  return sectionComparisons(`${docId}\n${judgedVersion}`, () => {
    const kept = keptTextsByVersion('all', () => new Map(servedContent().docVersions.map((entry) => [`${entry.data.doc}\n${entry.data.version}`, entry.data.text])));
    const before = kept.get(`${docId}\n${judgedVersion}`);
    const doc = servedContent().docs.find((entry) => entry.id === docId);
    return before === undefined || !doc ? undefined : compareSections(before, doc.body ?? '');
  });
}

/** Titles of everything a timeline can mention, by the id the records use. */
async function computeContentTitles(): Promise<Map<string, string>> {
  const titles = new Map<string, string>();
  const [docs, courses, checklists, dialogues] = await Promise.all([allDocs(), allCourses(), allChecklists(), dialogueIndex()]);
  for (const doc of docs) titles.set(`doc:${doc.id}`, doc.data.title);
  for (const course of courses) {
    titles.set(`course:${course.id}`, course.data.title);
    const found = await courseWithLessons(course.id);
    for (const lesson of found?.lessons ?? []) titles.set(`lesson:${lesson.id}`, `${course.data.title}: ${lesson.data.title}`);
    if (course.data.quiz) titles.set(`quiz:${course.data.quiz}`, (await quizWithKey(course.data.quiz))?.data.title ?? course.data.quiz);
  }
  for (const list of checklists) {
    titles.set(`checklist:${list.id}`, list.data.title);
    for (const item of list.data.items) titles.set(`skill:${list.id}/${item.id}`, item.title);
  }
  for (const [id, dialogue] of dialogues) titles.set(`dialogue:${id}`, dialogue.title);
  return titles;
}

const titles = perContent<Promise<Map<string, string>>>();

/** Titles of documents, courses, lessons, final quizzes, checklists and their items and dialogues, computed once per content. */
export function contentTitles(): Promise<Map<string, string>> {
  return titles('all', computeContentTitles);
}
