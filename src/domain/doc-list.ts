import { docKinds, type DocData, type DocKind } from '../schemas/doc';

/** A document as the documents index needs it. */
export type ListDoc = { id: string } & Pick<DocData, 'title' | 'kind' | 'status' | 'audience' | 'tags' | 'effective' | 'reviewBy'>;
export type DocStatus = DocData['status'];

/** Whether a document concerns a role: addressed to everyone or to the role, or on the role's path. */
export function concernsRole(doc: Pick<ListDoc, 'id' | 'audience'>, role: string, pathDocs: readonly string[]): boolean {
  return doc.audience === 'all' || doc.audience.includes(role) || pathDocs.includes(doc.id);
}

export const docSorts = ['title', 'effective', 'review'] as const;
export type DocSort = (typeof docSorts)[number];

/** What the documents index is asked to show; an absent field does not filter. */
export interface DocQuery {
  kind?: DocKind;
  role?: string;
  status?: DocStatus;
  tag?: string;
  sort: DocSort;
}

/**
 * Reads the index's query string. Values it does not know are ignored rather than refused, so an
 * old shared link still opens the list.
 */
export function readDocQuery(params: URLSearchParams, known: { roles: readonly string[]; tags: readonly string[]; statuses: readonly DocStatus[] }): DocQuery {
  const pick = <T extends string>(name: string, allowed: readonly T[]): T | undefined => {
    const value = params.get(name);
    return allowed.find((candidate) => candidate === value);
  };
  return {
    kind: pick('kind', docKinds),
    role: pick('role', known.roles),
    status: pick('status', known.statuses),
    tag: pick('tag', known.tags),
    sort: pick('sort', docSorts) ?? 'title',
  };
}

/** The documents that match every filter of the query. */
export function filterDocs<D extends ListDoc>(docs: readonly D[], query: DocQuery, pathDocsOf: (role: string) => readonly string[]): D[] {
  return docs.filter(
    (doc) =>
      (!query.kind || doc.kind === query.kind) &&
      (!query.status || doc.status === query.status) &&
      (!query.tag || doc.tags.includes(query.tag)) &&
      (!query.role || concernsRole(doc, query.role, pathDocsOf(query.role))),
  );
}

/**
 * Sorts documents: by title; by effective date, newest first; or by review date, soonest (and so
 * overdue) first, with archived documents, which need no review, last. Ties go by title.
 */
export function sortDocs<D extends ListDoc>(docs: readonly D[], sort: DocSort): D[] {
  const byTitle = (a: D, b: D) => a.title.localeCompare(b.title, 'ru');
  const archived = (doc: D) => (doc.status === 'archived' ? 1 : 0);
  const order: Record<DocSort, (a: D, b: D) => number> = {
    title: byTitle,
    effective: (a, b) => b.effective.getTime() - a.effective.getTime() || byTitle(a, b),
    review: (a, b) => archived(a) - archived(b) || a.reviewBy.getTime() - b.reviewBy.getTime() || byTitle(a, b),
  };
  return [...docs].sort(order[sort]);
}
