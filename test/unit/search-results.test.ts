import { describe, expect, it } from 'vitest';
import { byTermsMatched, combineTermHits, excerptParts, findHits, foldWord, isRealMatch, queryTerms, significantTerms, toHit, type PagefindResultData } from '../../src/domain/search-results';

// Word positions, as Pagefind counts them: Положение 0, о 1, мотивации. 2, Премия. 3, Премия 4, от 5,
// маржи. 6, Депремирование. 7, Применяется 8, к 9, депремированию 10, менеджеров. 11.
const content = 'Положение о мотивации. Премия. Премия от маржи. Депремирование. Применяется к депремированию менеджеров.';

function result(overrides: Partial<PagefindResultData> = {}): PagefindResultData {
  return {
    url: '/docs/motivation/',
    content,
    excerpt: 'Положение о мотивации.',
    meta: { title: 'Положение о мотивации', type: 'doc', kind: 'statute', version: '1.2' },
    locations: [],
    weighted_locations: [],
    sub_results: [],
    ...overrides,
  };
}

const at = (location: number, balanced_score = 100) => ({ weight: 1, balanced_score, location });

describe('real matches', () => {
  it('folds case, accents and punctuation: ё is е', () => {
    expect(foldWord('«Ещё,')).toBe('еще');
    expect(queryTerms('  Возражения   «дорого» ')).toEqual(['возражения', 'дорого']);
  });

  it('accepts inflected Russian forms and words typed so far', () => {
    expect(isRealMatch('возражения', 'Возражение')).toBe(true);
    expect(isRealMatch('депремирование', 'депремированию')).toBe(true);
    expect(isRealMatch('согласованием', 'согласовать')).toBe(true);
    expect(isRealMatch('возр', 'возражение.')).toBe(true);
    expect(isRealMatch('15', '15')).toBe(true);
  });

  it('refuses what Pagefind found by cutting the term down to a short prefix', () => {
    expect(isRealMatch('кофемашина', 'к')).toBe(false);
    expect(isRealMatch('навигация', 'на')).toBe(false);
    expect(isRealMatch('продажа', 'продукт')).toBe(false);
    expect(isRealMatch('15', '150')).toBe(true);
    expect(isRealMatch('150', '15')).toBe(false);
  });

  it('leaves stop words out of what a page must contain, unless the query is nothing else', () => {
    expect(significantTerms(['как', 'дать', 'скидку'])).toEqual(['дать', 'скидку']);
    expect(significantTerms(['как', 'и'])).toEqual(['как', 'и']);
  });
});

describe('a result as shown', () => {
  it('drops a page that matched only by prefix guessing (so the query counts as not found)', () => {
    expect(toHit(result({ locations: [9], weighted_locations: [at(9)] }), 'кофемашина')).toBeUndefined();
    expect(toHit(result(), '   ')).toBeUndefined();
  });

  it('keeps a page where most significant terms really occur, so questions in plain words work', () => {
    expect(toHit(result({ locations: [3, 9] }), 'как премия')?.matched).toBe(1);
    expect(toHit(result({ locations: [3, 9] }), 'премия кофемашина')?.matched).toBe(1);
    expect(toHit(result({ locations: [3, 6] }), 'премия маржа')?.matched).toBe(2);
    expect(toHit(result({ locations: [3, 9, 10] }), 'премия кофемашина кофейня')).toBeUndefined();
  });

  it('links to the section with the most real matches, and names it', () => {
    const hit = toHit(
      result({
        locations: [3, 4, 10],
        sub_results: [
          { title: 'Положение о мотивации', url: '/docs/motivation/', excerpt: 'x', locations: [], weighted_locations: [at(9, 500)] },
          { title: 'Премия', url: '/docs/motivation/#премия', excerpt: 'x', locations: [], weighted_locations: [at(3, 50)] },
          { title: 'Депремирование', url: '/docs/motivation/#депремирование', excerpt: '<mark>Депремирование.</mark> Применяется к <mark>депремированию</mark>', locations: [], weighted_locations: [at(7, 300), at(10, 100)] },
        ],
      }),
      'депремирование',
    );
    expect(hit).toMatchObject({
      url: '/docs/motivation/#депремирование',
      title: 'Положение о мотивации',
      section: 'Депремирование',
      meta: { kind: 'statute', version: '1.2' },
      more: [],
    });
    expect(hit!.excerpt).toEqual([
      { text: 'Депремирование.', mark: true },
      { text: ' Применяется к ', mark: false },
      { text: 'депремированию', mark: true },
    ]);
  });

  it('opens the page itself, with no section name, when the best match is above the first heading', () => {
    const hit = toHit(
      result({
        locations: [0],
        sub_results: [{ title: 'Положение о мотивации', url: '/docs/motivation/', excerpt: '<mark>Положение</mark>', locations: [0], weighted_locations: [at(0)] }],
      }),
      'положение',
    );
    expect(hit).toMatchObject({ url: '/docs/motivation/', section: undefined });
  });

  it('lists up to two more matching sections, best first', () => {
    const section = (title: string, location: number, score: number) => ({
      title,
      url: `/docs/motivation/#${title}`,
      excerpt: '',
      locations: [location],
      weighted_locations: [at(location, score)],
    });
    const hit = toHit(
      result({ locations: [3, 4, 7, 10], sub_results: [section('a', 3, 10), section('b', 4, 40), section('c', 7, 30), section('d', 10, 20)] }),
      'премия',
    );
    // «премия» really matches words 3 and 4 only; «депремирование» (7, 10) does not start with it.
    expect(hit!.url).toBe('/docs/motivation/#b');
    expect(hit!.more).toEqual([{ title: 'a', url: '/docs/motivation/#a' }]);
  });

  it('does not offer the page’s own top as another section: the title already leads there', () => {
    const hit = toHit(
      result({
        locations: [3, 4],
        sub_results: [
          { title: 'Положение о мотивации', url: '/docs/motivation/', excerpt: '', locations: [3], weighted_locations: [at(3, 10)] },
          { title: 'Премия', url: '/docs/motivation/#премия', excerpt: '', locations: [4], weighted_locations: [at(4, 50)] },
        ],
      }),
      'премия',
    );
    expect(hit).toMatchObject({ url: '/docs/motivation/#премия', section: 'Премия', more: [] });
  });
});

describe('excerpts', () => {
  it('become text parts, entities decoded and never parsed as HTML', () => {
    expect(excerptParts('Ответ &lt;script&gt;alert(1)&lt;/script&gt; и <mark>скидка &amp; бонус</mark>&#33;')).toEqual([
      { text: 'Ответ <script>alert(1)</script> и ', mark: false },
      { text: 'скидка & бонус', mark: true },
      { text: '!', mark: false },
    ]);
  });

  it('leave unknown entities as they are', () => {
    expect(excerptParts('a &bogus; b &#xFFFFFFF;')).toEqual([{ text: 'a &bogus; b &#xFFFFFFF;', mark: false }]);
  });
});

describe('a question in plain words', () => {
  it('shows pages holding more of its words first, otherwise keeps Pagefind’s order', () => {
    const hit = (url: string, matched: number) => ({ url, title: url, excerpt: [], meta: {}, more: [], matched });
    expect(byTermsMatched([hit('a', 1), hit('b', 2), hit('c', 1), hit('d', 2)]).map((h) => h.url)).toEqual(['b', 'd', 'a', 'c']);
  });

  const page = (url: string, words: string, locations: number[]): PagefindResultData => ({
    url,
    content: words,
    excerpt: words,
    meta: { title: url },
    locations,
    weighted_locations: locations.map((l) => at(l)),
    sub_results: [],
  });
  // «Возражение дорого. Покажите ценность.» and «Дорого делать скидку.»
  const script = page('/scripts/expensive/', 'Возражение дорого. Покажите ценность.', [1]);
  const discount = page('/docs/discount/', 'Дорого делать скидку.', [0]);

  it('finds pages holding at least half of the words that matter, those with more of them first', () => {
    const hits = combineTermHits([
      { term: 'делать', results: [{ score: 5, data: { ...discount, locations: [1], weighted_locations: [at(1)] } }] },
      { term: 'дорого', results: [{ score: 9, data: script }, { score: 2, data: discount }] },
    ]);
    expect(hits.map((h) => h.url)).toEqual(['/docs/discount/', '/scripts/expensive/']);
  });

  it('does not count a page that a term only reached by prefix guessing', () => {
    const guessed = { ...script, locations: [0], weighted_locations: [at(0)] };
    expect(combineTermHits([{ term: 'возврат', results: [{ score: 3, data: guessed }] }])).toEqual([]);
  });

  it('leaves out pages with fewer than half of the terms', () => {
    const hits = combineTermHits([
      { term: 'дорого', results: [{ score: 9, data: script }] },
      { term: 'скидку', results: [] },
      { term: 'тендер', results: [] },
    ]);
    expect(hits).toEqual([]);
  });
});

describe('every hit, not the first ten', () => {
  it('keeps every page that really matches, however many, in Pagefind\'s order', async () => {
    const pages = Array.from({ length: 14 }, (_, i) =>
      result({ url: `/docs/memo-${i}/`, content: 'Премия менеджеру.', locations: [0], meta: { title: `Памятка ${i}` } }),
    );
    // A prefix guess ("премьера" cut down to «прем») among them is still dropped.
    const guess = result({ url: '/docs/guess/', content: 'Прейскурант.', locations: [0] });
    const read = async (term: string) => ({ term, results: [...pages, guess].map((data, i) => ({ score: 20 - i, data })) });
    const hits = await findHits(read, 'премия');
    expect(hits.map((hit) => hit.url)).toEqual(pages.map((page) => page.url));
  });
});
