import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { facetTags, pageForIndex, searchablePages, SearchPageError, type SearchableContent } from '../../src/domain/search-pages';
import { readContentFolder } from '../../src/content-check/folder';
import { validateContent } from '../../src/content-check/validate';

const content: SearchableContent = {
  docs: [
    { id: 'discounts', data: { title: 'Скидки', kind: 'regulation', version: '2.0', status: 'active', audience: ['manager'] } },
    { id: 'new-plan', data: { title: 'План «Q3»', kind: 'order', version: '0.1', status: 'draft', audience: 'all' } },
    { id: 'old-prices', data: { title: 'Прайс 2025', kind: 'order', version: '1.0', status: 'archived', audience: 'all' } },
  ],
  scripts: [{ id: 'cold', data: { title: 'Холодный звонок', version: '1.0', status: 'active', audience: ['trainee'] } }],
  courses: [{ id: 'basics', data: { title: 'Основы', audience: 'all', lessons: ['first', 'second'] } }],
  lessons: [
    { id: 'basics/first', data: { title: 'Первый урок' } },
    { id: 'basics/second', data: { title: 'Второй урок' } },
    { id: 'basics/unlisted', data: { title: 'Не в курсе' } },
  ],
  roles: [
    { id: 'manager', data: { title: 'Менеджер' } },
    { id: 'trainee', data: { title: 'Стажёр' } },
  ],
};

describe('what the search indexes hold', () => {
  const pages = searchablePages(content);
  const byUrl = new Map(pages.map((p) => [p.url, p]));

  it('has every document, script, listed lesson and role page, at the URLs the site serves', () => {
    expect(pages.map((p) => p.url)).toEqual([
      '/docs/discounts/',
      '/docs/new-plan/',
      '/docs/old-prices/',
      '/scripts/cold/',
      '/courses/basics/first/',
      '/courses/basics/second/',
      '/roles/manager/',
      '/roles/trainee/',
    ]);
  });

  it('keeps drafts and archived documents out of the staff index and in the heads’ one', () => {
    expect(byUrl.get('/docs/discounts/')!.indexes).toEqual(['staff', 'heads']);
    expect(byUrl.get('/docs/new-plan/')!.indexes).toEqual(['heads']);
    expect(byUrl.get('/docs/old-prices/')!.indexes).toEqual(['heads']);
    expect(byUrl.get('/roles/trainee/')!.indexes).toEqual(['staff', 'heads']);
  });

  it('filters by content type, document kind and audience; "all" means every role', () => {
    expect(byUrl.get('/docs/discounts/')!.filters).toEqual({ type: ['doc'], kind: ['regulation'], audience: ['manager'], status: ['active'] });
    expect(byUrl.get('/docs/new-plan/')!.filters.audience).toEqual(['manager', 'trainee']);
    expect(byUrl.get('/scripts/cold/')!.filters).toEqual({ type: ['script'], audience: ['trainee'], status: ['active'] });
    expect(byUrl.get('/courses/basics/first/')!.filters.audience).toEqual(['manager', 'trainee']);
    expect(byUrl.get('/roles/manager/')!.filters).toEqual({ type: ['role'], audience: ['manager'], status: ['active'] });
  });

  it('carries title, kind, version and status as metadata, and a lesson’s course', () => {
    expect(byUrl.get('/docs/discounts/')!.meta).toEqual({ title: 'Скидки', type: 'doc', kind: 'regulation', version: '2.0', status: 'active' });
    expect(byUrl.get('/courses/basics/second/')!.meta).toEqual({ title: 'Второй урок', type: 'lesson', course: 'Основы', status: 'active' });
  });

  it('covers the fixture content, with the archived order and the draft for heads only', () => {
    const { content: fixture, problems } = validateContent(readContentFolder(resolve('test/fixtures/content')));
    expect(problems).toEqual([]);
    const staff = searchablePages(fixture).filter((p) => p.indexes.includes('staff')).map((p) => p.url);
    const headsOnly = searchablePages(fixture).filter((p) => !p.indexes.includes('staff')).map((p) => p.url);
    expect(staff).toContain('/docs/lead-handling/');
    expect(staff).toContain('/courses/basics/first-contact/');
    expect(headsOnly.sort()).toEqual(['/docs/old-price-order/', '/docs/price-discounts/', '/docs/tenders/']);
  });
});

describe('facets in the page head', () => {
  const page = searchablePages(content).find((p) => p.url === '/docs/new-plan/')!;

  it('become Pagefind meta tags, escaped', () => {
    const tags = facetTags(page);
    expect(tags).toContain('<meta data-pagefind-filter="kind[content]" content="order">');
    expect(tags).toContain('<meta data-pagefind-filter="audience[content]" content="trainee">');
    expect(tags).toContain('<meta data-pagefind-meta="title[content]" content="План «Q3»">');
    expect(facetTags({ ...page, meta: { title: 'a "b" <c> & d' } })).toContain('content="a &quot;b&quot; &lt;c&gt; &amp; d"');
  });

  it('go before </head> of a page that marks its main content', () => {
    const html = '<html lang="ru"><head><title>x</title></head><body><article data-pagefind-body><h1>x</h1></article></body></html>';
    const ready = pageForIndex(html, page);
    expect(ready.indexOf('data-pagefind-filter')).toBeLessThan(ready.indexOf('</head>'));
    expect(ready).toContain('<article data-pagefind-body>');
  });

  it('refuse a page without marked main content, which Pagefind would silently skip', () => {
    expect(() => pageForIndex('<html><head></head><body><main>x</main></body></html>', page)).toThrow(SearchPageError);
    expect(() => pageForIndex('<html><head></head><body><main>x</main></body></html>', page)).toThrow(
      '/docs/new-plan/ has no element marked data-pagefind-body, so search would skip it.',
    );
  });
});
