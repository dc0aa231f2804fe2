import { slug } from 'github-slugger';
import { markdownLines } from './markdown-lines';

/** A section heading of a document: level 2 or 3, its text and its anchor. */
export interface Heading {
  depth: number;
  text: string;
  slug: string;
}

/** Strips inline Markdown so a heading's text matches what the reader sees and what the slug is made of. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`~]/g, '')
    .trim();
}

/**
 * A heading's anchor: its words in lower case joined by single hyphens, punctuation dropped, so a
 * heading keeps its natural punctuation and its anchor stays clean:
 * «Пример А. План выполнен на 105 %» → `пример-а-план-выполнен-на-105`,
 * «Стадия 3 — претензия» → `стадия-3-претензия`. (GitHub's slug alone would leave a trailing hyphen
 * after a dropped «%» and a double one where a dash stood between spaces.)
 */
export function anchorOf(text: string): string {
  return slug(text).replace(/-{2,}/g, '-').replace(/^-|-$/g, '');
}

/**
 * Anchors for the headings of one body, in order: a heading whose anchor is already taken gets
 * `-1`, `-2`… as GitHub numbers repeated headings.
 */
export function headingAnchors(): (text: string) => string {
  const counts = new Map<string, number>();
  const taken = new Set<string>();
  return (text) => {
    const base = anchorOf(text);
    let anchor = base;
    while (taken.has(anchor)) {
      const count = (counts.get(base) ?? 0) + 1;
      counts.set(base, count);
      anchor = `${base}-${count}`;
    }
    taken.add(anchor);
    return anchor;
  };
}

/** The headings of an MDX body, with the same anchors the renderer gives them. Code blocks are skipped. */
export function headingsOf(body: string): Heading[] {
  const anchor = headingAnchors();
  const headings: Heading[] = [];
  for (const line of markdownLines(body)) {
    if (line.kind !== 'heading') continue;
    const text = plainText(line.text);
    headings.push({ depth: line.depth, text, slug: anchor(text) });
  }
  return headings;
}
