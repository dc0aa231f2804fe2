// Turning Pagefind's raw results into what a person sees: real matches only, the best section, a safe excerpt.

/** A location of a matched word in a page's text, with Pagefind's score for it. */
export interface WeightedLocation {
  weight: number;
  balanced_score: number;
  location: number;
}

/** A section of a page (text under one heading) that matched. */
export interface PagefindSubResult {
  title: string;
  url: string;
  excerpt: string;
  locations: number[];
  weighted_locations: WeightedLocation[];
}

/** The part of Pagefind's result data that search reads. */
export interface PagefindResultData {
  url: string;
  /** The page's indexed text; locations count its words. */
  content: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
  locations: number[];
  weighted_locations: WeightedLocation[];
  sub_results: PagefindSubResult[];
}

/** A piece of an excerpt: plain text, highlighted when it matched. */
export interface ExcerptPart {
  text: string;
  mark: boolean;
}

/** One result as shown: where to go, what it is, and why it matched. */
export interface SearchHit {
  /** The page, or the section of it that matched best (with its #anchor). */
  url: string;
  title: string;
  /** The heading of that section, when the best match is under a heading. */
  section?: string;
  excerpt: ExcerptPart[];
  meta: Record<string, string>;
  /** Other headings that matched, best first. */
  more: { title: string; url: string }[];
  /** How many of the query's significant terms the page really holds. */
  matched: number;
}

// Pagefind splits a page's text into words the same way.
const WORD_SEPARATORS = /[^\S\uFEFF]+/;

/** Lower case, no accents (ё is е), letters and digits only: how words are compared. */
export function foldWord(word: string): string {
  return word
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

// Words that carry no topic: a page need not contain them to be a real match.
const STOP_WORDS = new Set(
  [
    'а', 'без', 'бы', 'в', 'во', 'вы', 'где', 'да', 'для', 'до', 'если', 'же', 'за', 'и', 'из', 'или', 'к', 'как',
    'когда', 'ко', 'кто', 'ли', 'мне', 'мы', 'на', 'над', 'не', 'нет', 'ни', 'но', 'о', 'об', 'от', 'по', 'под',
    'при', 'про', 'с', 'со', 'так', 'то', 'у', 'что', 'чтобы', 'это', 'я', 'можно', 'нужно', 'надо',
    'a', 'an', 'and', 'are', 'at', 'be', 'by', 'can', 'do', 'for', 'how', 'i', 'if', 'in', 'is', 'it', 'of', 'on',
    'or', 'the', 'to', 'what', 'when', 'where', 'who', 'with',
  ].map(foldWord),
);

/** The words of a query, folded; empty words dropped. */
export function queryTerms(query: string): string[] {
  return query
    .split(/\s+/)
    .map(foldWord)
    .filter((term) => term.length > 0);
}

/** The terms that carry the query's topic: all but stop words (or all of them, if that is all there is). */
export function significantTerms(terms: readonly string[]): string[] {
  const significant = terms.filter((term) => !STOP_WORDS.has(term));
  return significant.length > 0 ? significant : [...terms];
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/**
 * Whether a word in a page really answers a query term. Pagefind stems words and, when a term is
 * not in the index, retries ever shorter prefixes of it, so «кофемашина» ends up "matching" «к».
 * A real match shares most of the term's beginning: «возражения» and «возражение»,
 * «депремирование» and «депремированию», the typed-so-far «возр» and «возражение».
 */
export function isRealMatch(term: string, word: string): boolean {
  const needed = Math.min(term.length, Math.max(3, Math.ceil(term.length * 0.6)));
  return commonPrefix(term, foldWord(word)) >= needed;
}

/** Turns Pagefind's excerpt (escaped text with <mark> around matches) into parts, never into HTML. */
export function excerptParts(excerpt: string): ExcerptPart[] {
  const parts: ExcerptPart[] = [];
  let mark = false;
  for (const piece of excerpt.split(/(<mark>|<\/mark>)/)) {
    if (piece === '<mark>') mark = true;
    else if (piece === '</mark>') mark = false;
    else if (piece) parts.push({ text: decodeEntities(piece), mark });
  }
  return parts;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return ENTITIES[name.toLowerCase()] ?? entity;
  });
}

const MORE_SECTIONS = 2;

/**
 * A result as shown, or undefined when the page only matched by Pagefind's prefix guessing:
 * at least half of the query's significant terms (and at least one) must really occur in the
 * page, so a question in plain words still finds its page. The link goes to the
 * section with the most real matches, so a query that matches one heading opens that heading.
 */
export function toHit(data: PagefindResultData, query: string): SearchHit | undefined {
  const terms = [...new Set(queryTerms(query))];
  if (terms.length === 0) return undefined;
  const words = data.content.split(WORD_SEPARATORS);
  const real = (location: number) => {
    const word = words[location];
    return word !== undefined && terms.some((term) => isRealMatch(term, word));
  };
  const found = new Set<string>();
  for (const location of data.locations) {
    const word = words[location];
    if (word === undefined) continue;
    for (const term of terms) if (isRealMatch(term, word)) found.add(term);
  }
  const significant = significantTerms(terms);
  const matched = significant.filter((term) => found.has(term)).length;
  if (matched < Math.ceil(significant.length / 2)) return undefined;

  const sections = data.sub_results
    .map((sub, order) => ({
      sub,
      order,
      score: sub.weighted_locations.filter((l) => real(l.location)).reduce((sum, l) => sum + l.balanced_score, 0),
    }))
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || a.order - b.order);
  const best = sections[0]?.sub;
  const title = data.meta.title ?? data.url;
  const meta: Record<string, string> = {};
  for (const [key, value] of Object.entries(data.meta)) if (value !== undefined) meta[key] = value;
  return {
    url: best?.url ?? data.url,
    title,
    section: best && best.url !== data.url && best.title !== title ? best.title : undefined,
    excerpt: excerptParts(best?.excerpt ?? data.excerpt),
    meta,
    // The page's own top is where its title leads anyway; other headings are worth a link.
    more: sections
      .slice(1)
      .filter(({ sub }) => sub.url !== data.url)
      .slice(0, MORE_SECTIONS)
      .map(({ sub }) => ({ title: sub.title, url: sub.url })),
    matched,
  };
}

/** Hits with more of the query's terms first; otherwise in Pagefind's order. */
export function byTermsMatched(hits: readonly SearchHit[]): SearchHit[] {
  return hits
    .map((hit, order) => ({ hit, order }))
    .sort((a, b) => b.hit.matched - a.hit.matched || a.order - b.order)
    .map(({ hit }) => hit);
}

/** One term's results, in Pagefind's order, with Pagefind's scores. */
export interface TermResults {
  term: string;
  results: { score: number; data: PagefindResultData }[];
}

/**
 * Pagefind needs every word of a query on a page, so "что делать если дорого" finds nothing when a
 * page says «дорого» but not «делать». Searching each significant term on its own and combining
 * answers such questions: a page counts when it really holds at least half of the terms; pages
 * with more of them come first, then by Pagefind's score. Each page is shown as its best term found it.
 */
export function combineTermHits(perTerm: readonly TermResults[]): SearchHit[] {
  const needed = Math.ceil(perTerm.length / 2);
  const pages = new Map<string, { terms: number; score: number; best: { score: number; hit: SearchHit } }>();
  for (const { term, results } of perTerm) {
    for (const { score, data } of results) {
      const hit = toHit(data, term);
      if (!hit) continue;
      const page = pages.get(data.url);
      if (!page) pages.set(data.url, { terms: 1, score, best: { score, hit } });
      else {
        page.terms += 1;
        page.score += score;
        if (score > page.best.score) page.best = { score, hit };
      }
    }
  }
  return [...pages.values()]
    .filter((page) => page.terms >= needed)
    .sort((a, b) => b.terms - a.terms || b.score - a.score)
    .map((page) => ({ ...page.best.hit, matched: page.terms }));
}

/** Reads one term's ranked results with their data: Pagefind in the browser, or on the server. */
export type ReadTerm = (term: string) => Promise<TermResults>;

/**
 * How many of Pagefind's results per term are read and checked. Reading one costs a fragment, and
 * only a read result can be told from a prefix guess, so this bounds what a count can say.
 */
export const READ_RESULTS = 500;

/**
 * Every real hit for a query, best first: the whole query, or, when no page holds every word that
 * matters, the significant words one by one (see combineTermHits). The same in the browser and on
 * the server, so the search page without JavaScript lists what the dialog does.
 */
export async function findHits(read: ReadTerm, query: string): Promise<SearchHit[]> {
  const words = queryTerms(query);
  const terms = [...new Set(significantTerms(words))];
  const whole = byTermsMatched(
    (await read(query)).results.map(({ data }) => toHit(data, query)).filter((hit): hit is SearchHit => hit !== undefined),
  );
  if (whole[0]?.matched === terms.length || words.length < 2) return whole;
  // One after another: Pagefind loads index chunks lazily, and parallel first searches can miss them.
  const perTerm: TermResults[] = [];
  for (const term of terms) perTerm.push(await read(term));
  const combined = combineTermHits(perTerm);
  return combined.length > 0 ? combined : whole;
}
