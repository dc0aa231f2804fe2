import { diffArrays } from 'diff';
import { headingsOf } from './headings';
import { markdownLines } from './markdown-lines';
import { readableBlocks } from './text-diff';

// Which sections of a document changed between two of its versions, by heading anchor: what decides
// whether a sign-off or a quiz question tied to one section must be checked again. Pure.
//
// A section is its heading and everything up to the next heading of the same or a higher level, so it
// holds its subsections: a change in a subsection changes every section above it. Its text is compared
// as `comparableText` gives it, so that spacing, punctuation, typographic variants, letter case and
// Markdown marks do not count (docs/authoring.md, "How Salesbook decides a section changed").

/** One section of a document version: its heading, its place in the outline and its text, ready to compare. */
export interface Section {
  /** The heading's anchor, as links write it (`doc-id#anchor`). */
  anchor: string;
  /** The heading as the reader sees it. */
  title: string;
  depth: number;
  /** The anchor of the section it is part of; null for a top-level one. */
  parent: string | null;
  /** Its text with its subsections, without its own heading, as `comparableText` gives it. */
  key: string;
}

/** What became of a section of the earlier version in the later one. */
export type SectionChange =
  /** The same anchor and the same text, in the same place. */
  | 'unchanged'
  /** The same anchor and the same text, in another place in the outline: not a change of content. */
  | 'moved'
  /** The same anchor, and its text (or a subsection's) differs. */
  | 'changed'
  /** Its anchor is gone and its text, unchanged, is under another heading. */
  | 'renamed'
  /** Its anchor is gone and no section of the later version has its text. */
  | 'removed';

/** A section of the earlier version and what became of it. */
export interface SectionFate {
  anchor: string;
  title: string;
  change: SectionChange;
  /** For `renamed`: the heading it has now. */
  renamedTo?: { anchor: string; title: string };
}

/** How the sections of one version became those of another. */
export interface SectionComparison {
  /** Every section of the earlier version, in its order. */
  sections: SectionFate[];
  /** Sections of the later version with an anchor and a text the earlier version did not have. */
  added: { anchor: string; title: string }[];
}

/** Why a link to one section must be judged again: what happened to the section it names. */
export interface SectionReopening {
  /** The anchor the link names. */
  anchor: string;
  /** The section's heading: the current one, or the earlier one when it is gone. */
  title: string;
  change: 'changed' | 'renamed' | 'removed' | 'added';
  /** For `renamed`: the heading it had. */
  formerTitle?: string;
}

// Marks that never count: spaces, sentence punctuation, brackets, quotes of every kind, hyphens and
// dashes. Everything else (letters, digits, %, ₽, +, =, № …) counts.
const IGNORED = /[\s.,;:!?…()[\]{}'"«»„“”‘’‚‹›\-‐‑‒–—―]/u;
const DASHES = /[-‐‑‒–—―−]/u;
const DIGIT = /\p{Nd}/u;

/**
 * A text reduced to what its meaning rests on: lower case, `ё` as `е`, and without the marks that
 * never count (see IGNORED). A mark between two digits does count, as a separator whatever its form:
 * a dash as `-` (`10–15` = `10-15`), any other as `.` (`1,5` = `1.5` ≠ `15`; `10:00` = `10.00`
 * ≠ `1000`); so does a dash or minus sign right before a digit that follows no digit (`-5` = `−5` ≠ `5`).
 */
export function comparableText(text: string): string {
  const chars = [...text.toLowerCase().replaceAll('ё', 'е')];
  let out = '';
  chars.forEach((char, i) => {
    const digitBefore = DIGIT.test(chars[i - 1] ?? '');
    const digitAfter = DIGIT.test(chars[i + 1] ?? '');
    const dash = DASHES.test(char);
    if (digitBefore && digitAfter && (dash || IGNORED.test(char)) && !/\s/u.test(char)) out += dash ? '-' : '.';
    else if (dash && digitAfter && !digitBefore) out += '−';
    else if (!IGNORED.test(char)) out += char;
  });
  return out;
}

const keyOf = (lines: readonly string[]) =>
  comparableText(
    readableBlocks(lines.join('\n'))
      .map((block) => block.text)
      .join(' '),
  );

/**
 * The sections of a document body, in order, each with its subsections' text in its own. Text before
 * the first heading belongs to no section: no link can name it. Subsections are compared as a set,
 * so that putting a section's subsections in another order is a move, not a change of the section.
 */
export function sectionsOf(body: string): Section[] {
  const headings = headingsOf(body);
  // Each heading's own lines, up to the next heading. markdownLines reads one item per line, the same
  // reading as headingsOf's, so the n-th heading line is the n-th heading.
  const own: string[][] = [];
  const lines = body.split(/\r?\n/);
  let at = 0;
  for (const line of markdownLines(body)) {
    const text = lines[at++]!;
    if (line.kind === 'heading') own.push([]);
    else own.at(-1)?.push(text);
  }

  // Each heading's parent: the nearest heading above it of a higher level.
  const parentOf: (number | null)[] = [];
  const stack: number[] = [];
  headings.forEach((heading, i) => {
    while (stack.length > 0 && headings[stack.at(-1)!]!.depth >= heading.depth) stack.pop();
    parentOf.push(stack.at(-1) ?? null);
    stack.push(i);
  });
  const keys: string[] = [];
  // Children come after their parent, so working backwards finds every child's key ready.
  for (let i = headings.length - 1; i >= 0; i--) {
    const children = headings.flatMap((child, j) => (parentOf[j] === i ? [`§${comparableText(child.text)}§${keys[j]}`] : []));
    keys[i] = [keyOf(own[i]!), ...children.sort()].join('');
  }
  return headings.map((heading, i) => ({ anchor: heading.slug, title: heading.text, depth: heading.depth, parent: parentOf[i] == null ? null : headings[parentOf[i]!]!.slug, key: keys[i]! }));
}

/**
 * How the sections of `before` fared in `after`: by anchor first (`unchanged`, `moved` or `changed`);
 * a section whose anchor is gone is `renamed` when a new anchor of `after` has exactly its text
 * (not empty), and `removed` otherwise.
 */
export function compareSections(before: string, after: string): SectionComparison {
  const old = sectionsOf(before);
  const now = sectionsOf(after);
  const nowByAnchor = new Map(now.map((s) => [s.anchor, s]));
  const oldAnchors = new Set(old.map((s) => s.anchor));

  // Sections that kept their anchor keep their order unless they moved: those outside the longest
  // common order of the shared anchors moved, and so did those now under another parent or level.
  const shared = old.filter((s) => nowByAnchor.has(s.anchor)).map((s) => s.anchor);
  const sharedNow = now.filter((s) => oldAnchors.has(s.anchor)).map((s) => s.anchor);
  const inOrder = new Set(diffArrays(shared, sharedNow).flatMap((part) => (part.added || part.removed ? [] : part.value)));

  const newcomers = now.filter((s) => !oldAnchors.has(s.anchor));
  const taken = new Set<string>();
  const sections = old.map((section): SectionFate => {
    const { anchor, title } = section;
    const later = nowByAnchor.get(anchor);
    if (later) {
      if (later.key !== section.key) return { anchor, title, change: 'changed' };
      const moved = !inOrder.has(anchor) || later.parent !== section.parent || later.depth !== section.depth;
      return { anchor, title, change: moved ? 'moved' : 'unchanged' };
    }
    const renamed = section.key === '' ? undefined : newcomers.find((s) => !taken.has(s.anchor) && s.key === section.key);
    if (!renamed) return { anchor, title, change: 'removed' };
    taken.add(renamed.anchor);
    return { anchor, title, change: 'renamed', renamedTo: { anchor: renamed.anchor, title: renamed.title } };
  });
  const added = newcomers.filter((s) => !taken.has(s.anchor)).map(({ anchor, title }) => ({ anchor, title }));
  return { sections, added };
}

/**
 * What happened to the section a link names (by its anchor now, or its anchor then when it is gone),
 * when that asks for it to be judged again; null when it is unchanged or only moved. A section the
 * earlier version did not have was never judged, so it counts as `added`.
 */
export function sectionReopening(comparison: SectionComparison, anchor: string): SectionReopening | null {
  const same = comparison.sections.find((s) => s.anchor === anchor);
  if (same) {
    if (same.change === 'unchanged' || same.change === 'moved') return null;
    if (same.renamedTo) return { anchor, title: same.renamedTo.title, change: 'renamed', formerTitle: same.title };
    return { anchor, title: same.title, change: same.change };
  }
  const renamed = comparison.sections.find((s) => s.renamedTo?.anchor === anchor);
  if (renamed) return { anchor, title: renamed.renamedTo!.title, change: 'renamed', formerTitle: renamed.title };
  const added = comparison.added.find((s) => s.anchor === anchor);
  return { anchor, title: added?.title ?? anchor, change: 'added' };
}

/** A section a reader of the earlier version should look at: changed, renamed, removed or new. */
export interface ChangedSection {
  /** Its anchor in the later version; null for a removed section. */
  anchor: string | null;
  /** Its heading: the later one, or the earlier one for a removed section. */
  title: string;
  change: 'changed' | 'renamed' | 'removed' | 'added';
  /** For `renamed`: the heading it had. */
  formerTitle?: string;
}

/** The sections that differ between two versions, in the earlier version's order and then the new ones. */
export function changedSections(comparison: SectionComparison): ChangedSection[] {
  const out: ChangedSection[] = [];
  for (const section of comparison.sections) {
    if (section.change === 'changed') out.push({ anchor: section.anchor, title: section.title, change: 'changed' });
    else if (section.change === 'removed') out.push({ anchor: null, title: section.title, change: 'removed' });
    else if (section.renamedTo) out.push({ anchor: section.renamedTo.anchor, title: section.renamedTo.title, change: 'renamed', formerTitle: section.title });
  }
  for (const section of comparison.added) out.push({ anchor: section.anchor, title: section.title, change: 'added' });
  return out;
}
