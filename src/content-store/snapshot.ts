import { readContentFolder, type ContentOverrides } from '../content-check/folder';
import { validateContent, type Entry } from '../content-check/validate';
import type { ChecklistData } from '../schemas/checklist';
import type { CourseData, LessonData } from '../schemas/course';
import type { DialogueData } from '../schemas/dialogue';
import type { DocData } from '../schemas/doc';
import { docVersionSchema, type DocVersionData } from '../schemas/doc-version';
import type { ContentProblem } from '../schemas/error-map';
import type { ContentLocale } from '../schemas/messages';
import type { MotivationData } from '../schemas/motivation';
import type { QuizData } from '../schemas/quiz';
import type { RoleData } from '../schemas/role';
import type { ScriptData } from '../schemas/script';
import type { SiteData } from '../schemas/site';
import type { CalendarData } from '../schemas/calendar';

/** One checked content file: its id, its collection, its fields, its file (relative to the folder) and, for MDX, its body. */
export interface ContentEntry<C extends string, T> {
  readonly id: string;
  readonly collection: C;
  readonly data: T;
  /** The MDX body after the frontmatter, trimmed: what a confirmation's text hash is taken of. */
  readonly body?: string;
  readonly file: string;
}

export type DocEntry = ContentEntry<'docs', DocData>;
export type ScriptEntry = ContentEntry<'scripts', ScriptData>;
export type DialogueEntry = ContentEntry<'dialogues', DialogueData>;
export type CourseEntry = ContentEntry<'courses', CourseData>;
export type LessonEntry = ContentEntry<'lessons', LessonData>;
export type QuizEntry = ContentEntry<'quizzes', QuizData>;
export type ChecklistEntry = ContentEntry<'checklists', ChecklistData>;
export type RoleEntry = ContentEntry<'roles', RoleData>;
export type MotivationEntry = ContentEntry<'motivation', MotivationData>;
export type DocVersionEntry = ContentEntry<'docVersions', DocVersionData>;

/** A whole content folder, read and checked at one moment: what the portal serves until the next one. */
export interface ContentSnapshot {
  readonly root: string;
  /** A digest of every file's path and text: two snapshots with the same digest hold the same content. */
  readonly digest: string;
  readonly site: SiteData;
  /** The company's years of the production calendar (calendar.yaml), over the ones Salesbook knows. */
  readonly calendar: CalendarData;
  readonly docs: readonly DocEntry[];
  readonly scripts: readonly ScriptEntry[];
  readonly dialogues: readonly DialogueEntry[];
  readonly courses: readonly CourseEntry[];
  readonly lessons: readonly LessonEntry[];
  readonly quizzes: readonly QuizEntry[];
  readonly checklists: readonly ChecklistEntry[];
  readonly roles: readonly RoleEntry[];
  readonly motivation: readonly MotivationEntry[];
  readonly docVersions: readonly DocVersionEntry[];
}

export type CollectionName = Exclude<keyof ContentSnapshot, 'root' | 'digest' | 'site' | 'calendar'>;

/** What reading a folder gave: a snapshot when it passes the content check, and the problems otherwise. */
export type ContentReading =
  | { ok: true; snapshot: ContentSnapshot; locale: ContentLocale }
  | { ok: false; problems: ContentProblem[]; locale: ContentLocale };

const siteLocaleOf = (data: unknown): ContentLocale => ((data as { locale?: unknown } | null)?.locale === 'en' ? 'en' : 'ru');

/**
 * Reads a content folder and runs the content check on it; `overrides` stand in for files
 * (what a publish would write). Problems are worded in the site's language.
 */
export function readContent(root: string, overrides?: ContentOverrides): ContentReading {
  let raw = readContentFolder(root, 'ru', overrides);
  const locale = siteLocaleOf(raw.site?.data);
  let checked = validateContent(raw, locale);
  if (checked.problems.length > 0 && locale === 'en') {
    raw = readContentFolder(root, 'en', overrides);
    checked = validateContent(raw, 'en');
  }
  if (checked.problems.length > 0) return { ok: false, problems: checked.problems, locale };
  const { content } = checked;
  if (!content.site) throw new Error('The content check passed a folder without site.yaml.');
  const entries = <C extends string, T>(collection: C, list: Entry<T>[]): ContentEntry<C, T>[] =>
    list.map((e) => ({ id: e.id, collection, data: e.data, file: e.file, ...(e.body === undefined ? {} : { body: e.body.trim() }) }));
  const snapshot: ContentSnapshot = {
    root,
    digest: raw.digest,
    site: content.site,
    calendar: content.calendar,
    docs: entries('docs', content.docs),
    scripts: entries('scripts', content.scripts),
    dialogues: entries('dialogues', content.dialogues),
    courses: entries('courses', content.courses),
    lessons: entries('lessons', content.lessons),
    quizzes: entries('quizzes', content.quizzes),
    checklists: entries('checklists', content.checklists),
    roles: entries('roles', content.roles),
    motivation: entries('motivation', content.motivation),
    docVersions: raw.docVersions.map((entry) => {
      const [doc, version] = entry.id.split('/') as [string, string];
      // Trimmed like a document's body, so that a kept text hashes like the text people confirmed.
      const data = docVersionSchema.parse({ doc, version, text: (entry.body ?? '').trim() });
      return { id: entry.id, collection: 'docVersions' as const, data, file: entry.file };
    }),
  };
  return { ok: true, snapshot, locale };
}
