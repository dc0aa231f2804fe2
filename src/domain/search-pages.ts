// Which pages the search indexes hold, and the filters and metadata each page carries.
import { inEffect, type ContentStatus } from './visibility';

/** The kinds of page search finds. */
export const searchTypes = ['doc', 'script', 'lesson', 'role'] as const;
export type SearchType = (typeof searchTypes)[number];

/**
 * Two indexes: `staff` holds active content only and serves trainees, managers and mentors;
 * `heads` holds drafts and archived documents too and serves heads of sales.
 */
export const searchIndexes = ['staff', 'heads'] as const;
export type SearchIndexName = (typeof searchIndexes)[number];

export type { ContentStatus };
type Audience = 'all' | readonly string[];

/** The content fields the index needs, whatever the schemas add later. */
export interface SearchableContent {
  docs: readonly { id: string; data: { title: string; kind: string; version: string; status: ContentStatus; audience: Audience } }[];
  scripts: readonly { id: string; data: { title: string; version: string; status: ContentStatus; audience: Audience } }[];
  courses: readonly { id: string; data: { title: string; audience: Audience; lessons: readonly string[] } }[];
  lessons: readonly { id: string; data: { title: string } }[];
  roles: readonly { id: string; data: { title: string } }[];
}

/** One page to render and index. */
export interface SearchablePage {
  url: string;
  type: SearchType;
  /** Filter values: type, kind (documents), audience (role ids) and status. */
  filters: Record<string, string[]>;
  /** Shown with each result: title, type, and kind, version, status or course where they apply. */
  meta: Record<string, string>;
  /** The indexes the page belongs to. */
  indexes: SearchIndexName[];
}

/** Active content goes to everyone's index; drafts and the archive only to the heads'. */
export function indexesFor(status: ContentStatus): SearchIndexName[] {
  return inEffect({ status }) ? ['staff', 'heads'] : ['heads'];
}

/** Audience as role ids: "all" becomes every role, so filtering by a role also finds what is for everyone. */
function audienceRoles(audience: Audience, roleIds: readonly string[]): string[] {
  return audience === 'all' ? [...roleIds] : [...audience];
}

/** Every document, script, lesson (of a course that lists it) and role page, with its filters and metadata. */
export function searchablePages(content: SearchableContent): SearchablePage[] {
  const roleIds = content.roles.map((r) => r.id);
  const pages: SearchablePage[] = [];
  for (const doc of content.docs) {
    const { title, kind, version, status, audience } = doc.data;
    pages.push({
      url: `/docs/${doc.id}/`,
      type: 'doc',
      filters: { type: ['doc'], kind: [kind], audience: audienceRoles(audience, roleIds), status: [status] },
      meta: { title, type: 'doc', kind, version, status },
      indexes: indexesFor(status),
    });
  }
  for (const script of content.scripts) {
    const { title, version, status, audience } = script.data;
    pages.push({
      url: `/scripts/${script.id}/`,
      type: 'script',
      filters: { type: ['script'], audience: audienceRoles(audience, roleIds), status: [status] },
      meta: { title, type: 'script', version, status },
      indexes: indexesFor(status),
    });
  }
  const lessons = new Map(content.lessons.map((l) => [l.id, l]));
  for (const course of content.courses) {
    for (const slug of course.data.lessons) {
      const lesson = lessons.get(`${course.id}/${slug}`);
      if (!lesson) continue;
      pages.push({
        url: `/courses/${course.id}/${slug}/`,
        type: 'lesson',
        filters: { type: ['lesson'], audience: audienceRoles(course.data.audience, roleIds), status: ['active'] },
        meta: { title: lesson.data.title, type: 'lesson', course: course.data.title, status: 'active' },
        indexes: indexesFor('active'),
      });
    }
  }
  for (const role of content.roles) {
    pages.push({
      url: `/roles/${role.id}/`,
      type: 'role',
      filters: { type: ['role'], audience: [role.id], status: ['active'] },
      meta: { title: role.data.title, type: 'role', status: 'active' },
      indexes: indexesFor('active'),
    });
  }
  return pages;
}

const escapeAttribute = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Pagefind's filter and metadata tags for a page, to go in its <head>. */
export function facetTags(page: SearchablePage): string {
  const filters = Object.entries(page.filters).flatMap(([name, values]) =>
    values.map((value) => `<meta data-pagefind-filter="${name}[content]" content="${escapeAttribute(value)}">`),
  );
  const meta = Object.entries(page.meta).map(
    ([name, value]) => `<meta data-pagefind-meta="${name}[content]" content="${escapeAttribute(value)}">`,
  );
  return [...filters, ...meta].join('');
}

export class SearchPageError extends Error {}

/**
 * A rendered page made ready for the indexer: its facets added to <head>. The page must mark its
 * main content with data-pagefind-body; otherwise Pagefind would skip it without a word.
 */
export function pageForIndex(html: string, page: SearchablePage): string {
  if (!/<[^>]+\sdata-pagefind-body[\s>=]/.test(html)) {
    throw new SearchPageError(`${page.url} has no element marked data-pagefind-body, so search would skip it.`);
  }
  const head = html.indexOf('</head>');
  if (head < 0) throw new SearchPageError(`${page.url} has no </head>.`);
  return html.slice(0, head) + facetTags(page) + html.slice(head);
}
