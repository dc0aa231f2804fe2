import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readContentFolder } from '../../src/content-check/folder';
import { validateContent } from '../../src/content-check/validate';
import { searchablePages } from '../../src/domain/search-pages';
import { pageRenderInputs, sharedRenderInputs, type RenderableContent } from '../../src/domain/search-render-inputs';

// Which pages the search indexer renders again after a change: the fixture content, changed the way a
// publication or an author changes it.

const setting = { today: '2026-11-18', locale: '', build: 'b1' };

function fixture(change?: (content: RenderableContent & { docs: { id: string; data: any; body?: string }[] }) => void) {
  const { content, problems } = validateContent(readContentFolder(resolve('test/fixtures/content')));
  expect(problems).toEqual([]);
  const renderable = content as unknown as RenderableContent & { docs: { id: string; data: any; body?: string }[] };
  change?.(renderable);
  return renderable;
}

/** The pages whose inputs differ between two contents, shared inputs included. */
function changedPages(before: RenderableContent, after: RenderableContent, settingAfter = setting): string[] {
  const pages = searchablePages(before as never);
  const sharedChanged = sharedRenderInputs(before, setting) !== sharedRenderInputs(after, settingAfter);
  return pages
    .filter((page) => {
      const a = pageRenderInputs(before, page);
      const b = pageRenderInputs(after, page);
      return a === undefined || sharedChanged || a !== b;
    })
    .map((page) => page.url);
}

const rolePages = ['/roles/head-of-sales/', '/roles/manager/', '/roles/trainee/'];

describe('what the search indexer renders again', () => {
  it('nothing but the role pages when nothing changed', () => {
    expect(changedPages(fixture(), fixture())).toEqual(rolePages);
  });

  it('a document’s text: that document, and the documents and lessons that link it', () => {
    const after = fixture((c) => {
      const doc = c.docs.find((d) => d.id === 'lead-handling')!;
      doc.body = `${doc.body}\n\nНовый абзац.`;
    });
    expect(changedPages(fixture(), after).sort()).toEqual(
      ['/docs/lead-handling/', '/courses/basics/crm/', '/courses/basics/first-contact/', ...rolePages].sort(),
    );
  });

  it('a new version with a change-log line: the same pages, no others', () => {
    const after = fixture((c) => {
      const doc = c.docs.find((d) => d.id === 'tenders')! as { data: any };
      doc.data.version = '9.0';
      doc.data.changes = [{ version: '9.0', date: new Date('2026-11-18'), summary: 'Новые сроки.' }, ...doc.data.changes];
    });
    // tenders is linked by lead-handling (related) and by the CRM lesson.
    expect(changedPages(fixture(), after).sort()).toEqual(['/docs/tenders/', '/docs/lead-handling/', '/courses/basics/crm/', ...rolePages].sort());
  });

  it('a title, a status, the site, the day or the build: every page', () => {
    const all = searchablePages(fixture() as never).map((p) => p.url).sort();
    const retitled = fixture((c) => (c.docs.find((d) => d.id === 'tenders')!.data.title = 'Тендеры и закупки'));
    expect(changedPages(fixture(), retitled).sort()).toEqual(all);
    const archived = fixture((c) => (c.docs.find((d) => d.id === 'tenders')!.data.status = 'archived'));
    expect(changedPages(fixture(), archived).sort()).toEqual(all);
    const renamed = fixture((c) => ((c.site as { company: string }).company = 'ООО «Другая»'));
    expect(changedPages(fixture(), renamed).sort()).toEqual(all);
    expect(changedPages(fixture(), fixture(), { ...setting, today: '2026-11-19' }).sort()).toEqual(all);
    expect(changedPages(fixture(), fixture(), { ...setting, build: 'b2' }).sort()).toEqual(all);
    expect(changedPages(fixture(), fixture(), { ...setting, locale: 'en' }).sort()).toEqual(all);
  });
});
