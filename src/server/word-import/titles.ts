import type { DocKind } from '../../schemas/doc';

// What the words of a Word regulation say about it: its kind (by the first word of its title), whether
// a short paragraph is a title or a heading numbered by hand, and titles typed in capitals.

/** The first words of titles, in Russian and English, and the kind each names. */
const KIND_WORDS: readonly [RegExp, DocKind][] = [
  [/^(регламент|regulations?)$/, 'regulation'],
  [/^(положение|statute|by-?laws?)$/, 'statute'],
  [/^(приказ|order)$/, 'order'],
  [/^(стандарт|standards?)$/, 'standard'],
  [/^(инструкция|руководство|instructions?|guide|guidelines)$/, 'guide'],
  [/^(шаблон|форма|template|form)$/, 'template'],
  [/^(политика|policy)$/, 'policy'],
];

const firstWord = (text: string) => text.trim().replace(/^[«"“„'(]+/, '').split(/[\s,.:;!?«»"“”()–—]+/)[0]?.toLowerCase() ?? '';

/** The kind a title's first word names, if it names one. */
export function kindNamedBy(title: string): DocKind | undefined {
  const word = firstWord(title);
  return KIND_WORDS.find(([pattern]) => pattern.test(word))?.[1];
}

/** The kind of document a title suggests by its first word; a regulation when it names none. */
export function guessKind(title: string): DocKind {
  return kindNamedBy(title) ?? 'regulation';
}

// Regulations number their sections by hand: «1. Общие положения», «2 Порядок работы», «3.1. Сроки».
// The text after the number starts with a capital; a clause («1.1. Настоящий регламент …») is longer
// or ends as a sentence does.
const HAND_NUMBERED = /^(\d{1,2})(?:\.(\d{1,2}))?(?:\.(\d{1,2}))?\.?\s+[«"“]?\p{Lu}/u;
const SENTENCE_END = /[.;:,]$/;

/** Longest paragraph read as a heading numbered by hand. */
export const MAX_NUMBERED_HEADING = 100;

/** The Markdown level of a paragraph that is a heading numbered by hand (one number: 2, two: 3, three: 4), if it is one. */
export function handNumberedLevel(text: string): 2 | 3 | 4 | undefined {
  const line = text.trim();
  if (line.length > MAX_NUMBERED_HEADING || SENTENCE_END.test(line)) return undefined;
  const match = HAND_NUMBERED.exec(line);
  if (!match) return undefined;
  return match[3] ? 4 : match[2] ? 3 : 2;
}

/** Longest paragraph taken for a title. */
export const MAX_TITLE = 150;

// The approval block that opens many regulations is not their title.
const APPROVAL = /^(утверждаю|утверждено|утверждён|утвержден|утверждена|согласовано|приложение|approved|appendix)(?!\p{L})/iu;

/** Whether the first paragraph of a document reads as its title: short, not a sentence, not an approval line or a numbered heading. */
export function looksLikeTitle(text: string): boolean {
  const line = text.trim();
  return line.length > 0 && line.length <= MAX_TITLE && /\p{L}/u.test(line) && !/[.;:,]$/.test(line) && !APPROVAL.test(line) && handNumberedLevel(line) === undefined;
}

const isCapitals = (text: string) => /\p{Lu}/u.test(text) && !/\p{Ll}/u.test(text);

/**
 * A title or heading typed in capitals, in sentence case: «РЕГЛАМЕНТ ОБРАБОТКИ ЗАЯВОК» and «РЕГЛАМЕНТ
 * обработки заявок» read «Регламент обработки заявок». Latin words stay as written, since in a Russian
 * title they are names (CRM, SLA); text that is not in capitals is left alone.
 */
export function sentenceCase(text: string): string {
  const words = text.trim().split(/(\s+)/);
  const lower = (word: string) => word.split('-').map((part) => (/[A-Za-z]/.test(part) ? part : part.toLowerCase())).join('-');
  if (isCapitals(text)) return capitalise(words.map(lower).join(''));
  // Only the leading word shouted: «РЕГЛАМЕНТ обработки заявок».
  const [first = '', ...rest] = words;
  if (rest.length > 0 && /^\p{Lu}{4,}$/u.test(first) && /^[\p{Script=Cyrillic}]+$/u.test(first)) return capitalise(first.toLowerCase() + rest.join(''));
  return text.trim();
}

const capitalise = (text: string) => text.replace(/\p{L}/u, (letter) => letter.toUpperCase());

/** A title made from a file's name: no folder or extension, underscores and hyphens as spaces. */
export function titleFromFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const title = base
    .replace(/\.[^.]*$/, '')
    .replace(/[_-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return title || 'Документ';
}
