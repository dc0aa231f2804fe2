import { describe, expect, it } from 'vitest';
import { concernsRole, filterDocs, readDocQuery, sortDocs, type ListDoc } from '../../src/domain/doc-list';
import { changesSince, compareVersions } from '../../src/domain/versions';

const day = (text: string) => new Date(`${text}T00:00:00Z`);
const doc = (id: string, title: string, fields: Partial<ListDoc> = {}): ListDoc => ({
  id,
  title,
  kind: 'regulation',
  status: 'active',
  audience: 'all',
  tags: [],
  effective: day('2026-01-01'),
  reviewBy: day('2027-01-01'),
  ...fields,
});

const docs = [
  doc('leads', 'Регламент входящих заявок', { audience: ['manager'], tags: ['заявки'], effective: day('2026-09-01'), reviewBy: day('2027-09-01') }),
  doc('motivation', 'Положение о мотивации', { kind: 'statute', tags: ['деньги'], effective: day('2026-10-01'), reviewBy: day('2026-06-01') }),
  doc('old-order', 'Приказ о ценах 2025', { kind: 'order', status: 'archived', effective: day('2025-01-01'), reviewBy: day('2025-12-31') }),
  doc('tenders', 'Регламент тендеров', { status: 'draft', audience: ['head'], tags: ['заявки'], effective: day('2027-02-01'), reviewBy: day('2027-08-01') }),
  doc('crm', 'Ввод данных в CRM', { audience: ['trainee'], reviewBy: day('2027-03-01') }),
];
const paths = (role: string) => (role === 'manager' ? ['crm'] : []);
const ids = (list: ListDoc[]) => list.map((d) => d.id);

describe('filtering the documents index', () => {
  it('by kind, status and tag', () => {
    expect(ids(filterDocs(docs, { kind: 'statute', sort: 'title' }, paths))).toEqual(['motivation']);
    expect(ids(filterDocs(docs, { status: 'archived', sort: 'title' }, paths))).toEqual(['old-order']);
    expect(ids(filterDocs(docs, { tag: 'заявки', sort: 'title' }, paths))).toEqual(['leads', 'tenders']);
    expect(ids(filterDocs(docs, { tag: 'заявки', status: 'active', sort: 'title' }, paths))).toEqual(['leads']);
  });

  it('by role: documents for everyone, for the role, or on its path', () => {
    expect(ids(filterDocs(docs, { role: 'manager', sort: 'title' }, paths))).toEqual(['leads', 'motivation', 'old-order', 'crm']);
    expect(concernsRole(docs[4]!, 'trainee', [])).toBe(true);
    expect(concernsRole(docs[0]!, 'trainee', [])).toBe(false);
  });
});

describe('sorting the documents index', () => {
  it('by title, alphabetically in Russian', () => {
    expect(ids(sortDocs(docs, 'title'))).toEqual(['crm', 'motivation', 'old-order', 'leads', 'tenders']);
  });
  it('by effective date, newest first', () => {
    expect(ids(sortDocs(docs, 'effective'))).toEqual(['tenders', 'motivation', 'leads', 'crm', 'old-order']);
  });
  it('by review date, soonest (overdue) first, archived last', () => {
    expect(ids(sortDocs(docs, 'review'))).toEqual(['motivation', 'crm', 'tenders', 'leads', 'old-order']);
  });
});

describe('reading the index query', () => {
  const known = { roles: ['manager', 'trainee'], tags: ['заявки'], statuses: ['active', 'archived'] as const };

  it('takes known values', () => {
    const params = new URLSearchParams({ kind: 'order', role: 'manager', status: 'archived', tag: 'заявки', sort: 'review' });
    expect(readDocQuery(params, { ...known, statuses: [...known.statuses] })).toEqual({ kind: 'order', role: 'manager', status: 'archived', tag: 'заявки', sort: 'review' });
  });

  it('ignores what it does not know, including a draft status for those who may not see drafts', () => {
    const params = new URLSearchParams({ kind: 'memo', role: 'director', status: 'draft', tag: '<script>', sort: 'random' });
    expect(readDocQuery(params, { ...known, statuses: [...known.statuses] })).toEqual({ sort: 'title' });
  });
});

describe('versions', () => {
  it('order major and minor numerically: 2.10 after 2.9, 10.0 after 9.12', () => {
    expect(['2.10', '9.12', '2.9', '10.0', '2.0', '1.15'].sort(compareVersions)).toEqual(['1.15', '2.0', '2.9', '2.10', '9.12', '10.0']);
  });

  it('give the change-log entries newer than a reader’s version, newest first', () => {
    const changes = [
      { version: '1.0', summary: 'первая' },
      { version: '2.10', summary: 'десятая правка' },
      { version: '2.0', summary: 'вторая' },
      { version: '1.2', summary: 'правка' },
      { version: '2.9', summary: 'девятая правка' },
    ];
    expect(changesSince(changes, '1.2').map((c) => c.version)).toEqual(['2.10', '2.9', '2.0']);
    expect(changesSince(changes, '2.10')).toEqual([]);
  });
});
